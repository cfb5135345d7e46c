import { request } from 'node:http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body parsed as JSON; the type is the caller's claim, as with any JSON. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  json<T = Record<string, unknown>>(): T;
}

/** One real HTTP request; the body may be an object (sent as JSON) or raw text. */
export function http(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: unknown;
    token?: string;
  } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...options.headers };
  let payload: Buffer | undefined;
  if (options.body !== undefined) {
    payload = Buffer.from(
      typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    );
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(payload.length);
  }
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
          json: <T>() => JSON.parse(text) as T,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export interface SseEvent extends EventSourceMessage {
  readonly json: Record<string, unknown>;
}

/** A live event stream read with eventsource-parser, as a real client would. */
export interface SseStream {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly events: SseEvent[];
  readonly retries: number[];
  readonly comments: number;
  /** Resolves with the first event (already received or future) that matches. */
  waitFor(predicate: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

export function openStream(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const retries: number[] = [];
      let comments = 0;
      const waiters = new Set<() => void>();
      const parser = createParser({
        onEvent: (event) => {
          events.push({ ...event, json: JSON.parse(event.data) as Record<string, unknown> });
          for (const wake of waiters) wake();
        },
        onRetry: (ms) => retries.push(ms),
        onComment: () => {
          comments += 1;
          for (const wake of waiters) wake();
        },
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        parser.feed(chunk);
      });
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
      });
      const stream: SseStream = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        retries,
        get comments() {
          return comments;
        },
        ended,
        waitFor: (predicate, timeoutMs = 5000) =>
          new Promise((done, fail) => {
            const check = (): boolean => {
              const found = events.find(predicate);
              if (!found) return false;
              waiters.delete(wake);
              clearTimeout(timer);
              done(found);
              return true;
            };
            const wake = (): void => {
              check();
            };
            const timer = setTimeout(() => {
              waiters.delete(wake);
              fail(
                new Error(
                  `no matching event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`,
                ),
              );
            }, timeoutMs);
            if (!check()) waiters.add(wake);
          }),
        close: () => req.destroy(),
      };
      resolve(stream);
    });
    req.on('error', reject);
    req.end();
  });
}
