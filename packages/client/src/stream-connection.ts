import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { parseRetryAfter } from './retry-after.js';
import { Alarm, type Clock } from './schedule.js';

export interface StreamRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: typeof fetch;
  /** Aborted by the caller: closed, offline, or a gap that needs a fresh snapshot. */
  readonly signal: AbortSignal;
  /** Silence (no bytes at all) for this long means a dead connection. */
  readonly watchdogMs: number;
  readonly clock: Clock;
}

/** Called while the stream is read. Exceptions end the attempt as a protocol error. */
export interface StreamHandlers {
  /** The first field arrived: the stream is really open (not held back by a buffering proxy). */
  open(): void;
  event(message: EventSourceMessage): void;
  /** A comment: the feed's heartbeat. */
  comment(): void;
  retry(ms: number): void;
  /** The end of one network chunk: a good moment to check what a burst of events built. */
  chunkEnd(): void;
}

/** How one attempt ended. `runStream` never throws or rejects. */
export type StreamOutcome =
  /** The server ended the stream (a restart, a proxy's time limit). */
  | { readonly kind: 'closed' }
  | { readonly kind: 'aborted' }
  /** The watchdog fired: no bytes for `watchdogMs`. */
  | { readonly kind: 'timeout' }
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly retryAfterMs: number | undefined;
      readonly message: string;
      /** The response body as JSON, when it was (the feed's `{ error, errors }`). */
      readonly body: unknown;
    }
  /** `responded`: the failure came after an HTTP response (a reset mid-body, not a refusal). */
  | { readonly kind: 'network'; readonly message: string; readonly responded: boolean }
  | { readonly kind: 'protocol'; readonly message: string };

/** A snapshot of a big catalogue is large, but a line without end is a broken stream. */
const MAX_BUFFER_CHARS = 16 * 1024 * 1024;

/**
 * One attempt at the event stream: `fetch` with a streaming body, parsed by eventsource-parser
 * (WHATWG "event stream interpretation"), with a watchdog over the silence between bytes.
 */
export async function runStream(
  request: StreamRequest,
  handlers: StreamHandlers,
): Promise<StreamOutcome> {
  const controller = new AbortController();
  const abort = (): void => {
    controller.abort();
  };
  if (request.signal.aborted) return { kind: 'aborted' };
  request.signal.addEventListener('abort', abort, { once: true });
  let timedOut = false;
  let responded = false;
  let failure: StreamOutcome | undefined;
  const fail = (outcome: StreamOutcome): void => {
    failure ??= outcome;
    controller.abort();
  };
  const watchdog = new Alarm(
    request.clock,
    () => {
      timedOut = true;
      controller.abort();
    },
    () => undefined,
  );
  watchdog.in(request.watchdogMs);

  const ended = (error: unknown): StreamOutcome => {
    if (failure) return failure;
    if (timedOut) return { kind: 'timeout' };
    if (request.signal.aborted) return { kind: 'aborted' };
    return { kind: 'network', message: describe(error), responded };
  };

  try {
    let response: Response;
    try {
      response = await request.fetch(request.url, {
        headers: request.headers,
        signal: controller.signal,
        cache: 'no-store',
      });
    } catch (error) {
      return ended(error);
    }
    responded = true;
    if (!response.ok) {
      return {
        kind: 'http',
        status: response.status,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), request.clock.now()),
        ...(await errorMessage(response)),
      };
    }
    const type = response.headers.get('content-type') ?? '';
    if (!/^text\/event-stream\b/i.test(type)) {
      return {
        kind: 'protocol',
        message: `the stream answered with ${type === '' ? 'no Content-Type' : `Content-Type ${type}`}, not text/event-stream (a proxy may be rewriting it)`,
      };
    }
    if (response.body === null) return { kind: 'protocol', message: 'the stream has no body' };

    let opened = false;
    const opening = (): void => {
      if (opened) return;
      opened = true;
      handlers.open();
    };
    const guarded =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A): void => {
        if (controller.signal.aborted) return;
        try {
          opening();
          handler(...args);
        } catch (error) {
          fail({ kind: 'protocol', message: describe(error) });
        }
      };
    const parser = createParser({
      maxBufferSize: MAX_BUFFER_CHARS,
      onEvent: guarded((message: EventSourceMessage) => {
        handlers.event(message);
      }),
      onComment: guarded(() => {
        handlers.comment();
      }),
      onRetry: guarded((ms: number) => {
        handlers.retry(ms);
      }),
      onError: (error) => {
        // Unknown fields are ignored, as the spec says; only an endless line is fatal.
        if (error.type === 'max-buffer-size-exceeded') {
          fail({ kind: 'protocol', message: 'the stream sent a line longer than 16 MiB' });
        }
      },
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        // An event cut off by the end of the stream is dropped (WHATWG: not dispatched).
        return failure ?? { kind: 'closed' };
      }
      watchdog.in(request.watchdogMs);
      parser.feed(decoder.decode(value, { stream: true }));
      try {
        handlers.chunkEnd();
      } catch (error) {
        fail({ kind: 'protocol', message: describe(error) });
      }
      if (controller.signal.aborted) return ended(undefined);
    }
  } catch (error) {
    return ended(error);
  } finally {
    watchdog.clear();
    request.signal.removeEventListener('abort', abort);
    // Releases the connection whatever happened; a no-op after a clean end.
    controller.abort();
  }
}

/** A short sentence from an error response (the feed answers `{ "error": "…" }`), and its JSON. */
export async function errorMessage(
  response: Response,
): Promise<{ readonly message: string; readonly body: unknown }> {
  const prefix = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  try {
    const text = (await response.text()).slice(0, 20_000);
    let body: unknown;
    try {
      body = JSON.parse(text);
      if (typeof body === 'object' && body !== null && 'error' in body) {
        const { error } = body;
        if (typeof error === 'string') return { message: `${prefix}: ${error}`, body };
      }
    } catch {
      // not JSON: fall through
    }
    const plain = text.trim().split('\n')[0]?.slice(0, 200) ?? '';
    return {
      message: plain === '' || plain.startsWith('<') ? prefix : `${prefix}: ${plain}`,
      body,
    };
  } catch {
    return { message: prefix, body: undefined };
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.message}${detail}`;
  }
  return String(error);
}
