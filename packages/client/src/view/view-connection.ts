import { createParser } from 'eventsource-parser';
import { fullJitterDelay, retryWindowDelay } from '../backoff.js';
import { isOffline, watchNetwork } from '../network-status.js';
import type { ConnectionState, FeedError } from '../types.js';
import type * as ViewFallback from './view-fallback.js';
import type { ViewPoller } from './view-fallback.js';

export interface ViewConnectionSettings {
  /** The view stream's URL; `lastEventId` goes in its query when `inQuery` (browsers). */
  readonly streamUrl: (lastEventId: string | undefined, inQuery: boolean) => string;
  /** `status.json?view=…`, polled while the stream cannot get through. */
  readonly pollUrl: string;
  readonly service: string;
  readonly fetch: typeof fetch;
  readonly random: () => number;
  readonly heartbeatMs: number;
  readonly maxBackoffMs: number;
  readonly pollIntervalMs: number;
  readonly pollAfterFailures: number;
}

/** Where the connection delivers what it learns; implemented by the view client. */
export interface ViewSink {
  /** The id of the view held (`Last-Event-ID`), or `undefined` when none is held. */
  resumeFrom(): string | undefined;
  /** A view from the stream or a poll, with its id; false when it is not a view. */
  received(body: unknown, id: string | undefined): boolean;
  /** The feed showed it is alive and that the view held is current. */
  confirmed(): void;
  connection(state: ConnectionState): void;
  /** The last error; `undefined` once the stream works again. */
  error(error: FeedError | undefined): void;
  /** A response that retrying cannot fix (a 4xx): nothing more will be tried. */
  stopped(error: FeedError): void;
}

/** Until the feed sends its own `retry:`. */
const RETRY_MS = 3_000;
/** The floor of `retry:`: a `retry: 0` must not turn into a reconnect storm. */
const MIN_RETRY_MS = 250;
/** Silence for this many heartbeat intervals means a dead connection. */
const HEARTBEAT_TOLERANCE = 2.5;

/** Only needed once something fails (`view-fallback.ts`): loaded then. */
const fallback = (): Promise<typeof ViewFallback> => import('./view-fallback.js');

/**
 * Keeps one view stream going, as `FeedConnection` keeps the document stream, in as few bytes as
 * it can (this is what a quiet page runs): `fetch` with a streaming body parsed by
 * eventsource-parser, `Last-Event-ID` resume, a watchdog over the heartbeats, full-jitter backoff
 * honouring `retry:` and `Retry-After`, `status.json?view=` polling while streaming keeps
 * failing, a pause while offline, and a stop on a 4xx. Returns `close`.
 */
export function connectView(settings: ViewConnectionSettings, sink: ViewSink): () => void {
  const { heartbeatMs, maxBackoffMs, random } = settings;
  // Browsers send the id in the query: a `Last-Event-ID` header would cost a CORS preflight.
  const inQuery = 'document' in globalThis || 'WorkerGlobalScope' in globalThis;
  const clamp = (ms: number): number =>
    Math.min(Math.max(ms, MIN_RETRY_MS), Math.max(maxBackoffMs, MIN_RETRY_MS));
  let retryMs = RETRY_MS;
  /** Unplanned ends in a row since the last stable stream: the backoff exponent. */
  let attempt = 0;
  /** Attempts in a row that got an answer but no view or heartbeat: the polling trigger. */
  let failures = 0;
  /** Set while polling; `undefined` for a poller still loading. */
  let poller: ViewPoller | undefined;
  let polling = false;
  /** The next attempt asks for the current view (no `Last-Event-ID`). */
  let fresh = false;
  let online = !isOffline();
  let closed = false;
  let stream: AbortController | undefined;
  let reconnect: ReturnType<typeof setTimeout> | undefined;

  /** Ends the attempt under way, which checks after every wait that it is still current. */
  const halt = (): void => {
    clearTimeout(reconnect);
    stream?.abort();
    stream = undefined;
    poller?.stop();
  };
  const stop = (error?: FeedError): void => {
    if (closed) return;
    closed = true;
    unwatch();
    halt();
    if (error) sink.stopped(error);
  };
  const stopPolling = (): void => {
    polling = false;
    poller?.stop();
    poller = undefined;
  };

  async function connect(): Promise<void> {
    if (closed || !online) return;
    clearTimeout(reconnect);
    stream?.abort();
    const controller = new AbortController();
    stream = controller;
    const resume = fresh ? undefined : sink.resumeFrom();
    fresh = false;
    sink.connection(polling ? 'polling' : 'connecting');
    // Set by the parser's callbacks while the loop awaits: typed wide, not narrowed to the start.
    let openedAt = undefined as number | undefined;
    let healthy = false as boolean;
    let invalid = false as boolean;
    let timedOut = false as boolean;
    /** A `retry:` sent once the stream was under way: for the return after this one ends. */
    let closingRetryMs: number | undefined;
    let error: FeedError | undefined;
    let answered = false;
    /** A `Retry-After`, as the delay to wait. */
    let retryAfterMs: number | undefined;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const pet = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, heartbeatMs * HEARTBEAT_TOLERANCE);
    };
    const alive = (): void => {
      openedAt ??= Date.now();
      if (healthy) return;
      healthy = true;
      failures = 0;
      stopPolling();
      sink.connection('live');
      sink.error(undefined);
    };
    const failed = (kind: FeedError['kind'], message: string): FeedError => ({
      kind,
      message: `the view stream ${message}`,
      at: Date.now(),
    });
    try {
      pet();
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (resume !== undefined && !inQuery) headers['last-event-id'] = resume;
      const response = await settings.fetch(settings.streamUrl(resume, inQuery), {
        headers,
        signal: controller.signal,
        cache: 'no-store',
      });
      answered = true;
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok) {
        const { httpError, isFatal, retryAfter } = await fallback();
        error = await httpError(response, 'the view stream', settings.service);
        if (isFatal(response.status) && stream === controller) {
          stop(error);
          return;
        }
        retryAfterMs = retryAfter(response, maxBackoffMs, random);
      } else if (!/^text\/event-stream\b/i.test(type) || !response.body) {
        // A proxy rewriting the stream: counts towards polling, like any answer without events.
        error = failed('protocol', `answered with Content-Type ${type || 'none'}`);
      } else {
        const parser = createParser({
          onEvent: (message) => {
            // Other event types (a newer feed's) are skipped, as the WHATWG rules would.
            if (message.event !== 'view') return;
            let body: unknown;
            try {
              body = JSON.parse(message.data);
            } catch {
              // not JSON: not a view
            }
            if (sink.received(body, message.id)) alive();
            else invalid = true;
          },
          onComment: () => {
            sink.confirmed();
            alive();
          },
          onRetry: (ms) => {
            // Sent on connect, it is the base of every backoff; sent later, it comes with a
            // planned close and applies to that one return only (as in FeedConnection).
            if (healthy) closingRetryMs = clamp(ms);
            else retryMs = clamp(ms);
            // A resumed stream says nothing when the view held is current: this is its word.
            if (resume !== undefined) {
              sink.confirmed();
              alive();
            }
          },
        });
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          pet();
          parser.feed(decoder.decode(value, { stream: true }));
          if (invalid) break;
        }
        if (invalid) error = failed('protocol', 'sent something that is not a view');
        else if (openedAt === undefined) error = failed('network', 'ended at once');
      }
    } catch (thrown) {
      error = timedOut
        ? failed('network', `sent nothing for ${(heartbeatMs * HEARTBEAT_TOLERANCE) / 1000} s`)
        : failed('network', `failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    } finally {
      clearTimeout(watchdog);
      controller.abort();
    }

    // Superseded by a newer attempt, closed, or paused while offline.
    if (stream !== controller) return;
    stream = undefined;
    const now = Date.now();
    // A stream that stayed up for a heartbeat interval earns a fresh start of the backoff.
    if (openedAt !== undefined && now - openedAt >= heartbeatMs) attempt = 0;
    attempt += 1;
    let delay = fullJitterDelay(attempt, retryMs, maxBackoffMs, random);
    if (error === undefined) {
      // Ended on purpose (a restart, a proxy's time limit): within the `retry:` window.
      if (attempt === 1) delay = retryWindowDelay(closingRetryMs ?? retryMs, random);
    } else {
      if (invalid) fresh = true;
      // A feed that cannot be reached at all serves no status.json either: only attempts that
      // got an answer (a buffering proxy, an error page, a 5xx) count towards polling.
      if (!healthy && answered) failures += 1;
      sink.error(error);
      delay = retryAfterMs ?? delay;
    }
    if (failures >= settings.pollAfterFailures && !polling) {
      polling = true;
      fallback().then(
        ({ startPolling }) => {
          // Not if the stream works again, or the client closed or went offline meanwhile.
          if (polling && !poller && online && !closed) poller = startPolling(settings, sink, stop);
        },
        () => {
          // Could not be loaded (offline): polling starts with the next failed attempt.
          polling = false;
        },
      );
    }
    sink.connection(polling ? 'polling' : 'connecting');
    reconnect = setTimeout(() => void connect(), delay);
  }

  const unwatch = watchNetwork((isOnline) => {
    if (closed) return;
    if (!isOnline) {
      online = false;
      halt();
      sink.connection('offline');
    } else if (!online) {
      // Back online: at once, without the backoff earned on the old network.
      online = true;
      attempt = 0;
      void connect();
      poller?.now();
    }
  });
  if (online) void connect();
  else sink.connection('offline');
  return () => {
    stop();
  };
}
