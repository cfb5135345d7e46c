/** What the primary of `serve --workers N` and its workers say to each other over IPC. */

/** A worker's feed is listening (sent once per worker start). */
export interface ReadyMessage {
  readonly type: 'statuskit:ready';
  readonly url: string;
}

/** A worker asks the primary for the whole group's metrics (someone scraped it). */
export interface MetricsRequest {
  readonly type: 'statuskit:metrics-request';
  readonly id: number;
}

/** The primary's answer: the group's metrics text, or why there is none. */
export interface MetricsAnswer {
  readonly type: 'statuskit:metrics';
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
}

function typed(message: unknown, type: string): boolean {
  return (
    typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type
  );
}

export function isReady(message: unknown): message is ReadyMessage {
  return typed(message, 'statuskit:ready');
}

export function isMetricsRequest(message: unknown): message is MetricsRequest {
  return typed(message, 'statuskit:metrics-request');
}

export function isMetricsAnswer(message: unknown): message is MetricsAnswer {
  return typed(message, 'statuskit:metrics');
}
