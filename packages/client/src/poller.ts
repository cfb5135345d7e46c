import type { StatusDocument } from '@statuskit/model';
import { parseRetryAfter } from './retry-after.js';
import { Alarm, type Clock } from './schedule.js';
import { readStatusBody } from './state.js';
import { describe, errorMessage } from './stream-connection.js';

export interface PollRequest {
  readonly url: string;
  /** The ETag of the last body received: a `304` then costs the feed (or CDN) almost nothing. */
  readonly etag: string | undefined;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly clock: Clock;
}

/** How one poll of `status.json` went. `pollStatus` never throws or rejects. */
export type PollOutcome =
  | {
      readonly kind: 'document';
      readonly revision: number;
      readonly document: StatusDocument;
      /** False when the feed said it cannot reach its store (`"fresh": false`). */
      readonly fresh: boolean;
      readonly etag: string | undefined;
    }
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'aborted' }
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly retryAfterMs: number | undefined;
      readonly message: string;
      /** The response body as JSON, when it was. */
      readonly body: unknown;
    }
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'protocol'; readonly message: string };

/** One conditional `GET status.json`, for when the event stream cannot get through. */
export async function pollStatus(request: PollRequest): Promise<PollOutcome> {
  const cancelled = (): boolean => request.signal.aborted;
  if (cancelled()) return { kind: 'aborted' };
  const controller = new AbortController();
  const abort = (): void => {
    controller.abort();
  };
  request.signal.addEventListener('abort', abort, { once: true });
  const deadline = { passed: false };
  const timeout = new Alarm(
    request.clock,
    () => {
      deadline.passed = true;
      controller.abort();
    },
    () => undefined,
  );
  timeout.in(request.timeoutMs);
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.etag !== undefined) headers['if-none-match'] = request.etag;
    const response = await request.fetch(request.url, {
      headers,
      signal: controller.signal,
      // The ETag is sent by hand; the browser's cache would hide the 304 from us.
      cache: 'no-store',
    });
    if (response.status === 304) return { kind: 'not-modified' };
    if (!response.ok) {
      return {
        kind: 'http',
        status: response.status,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), request.clock.now()),
        ...(await errorMessage(response)),
      };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (controller.signal.aborted) throw error;
      return { kind: 'protocol', message: 'status.json is not JSON' };
    }
    const read = readStatusBody(body);
    if (typeof read === 'string') return { kind: 'protocol', message: read };
    return { kind: 'document', ...read, etag: response.headers.get('etag') ?? undefined };
  } catch (error) {
    if (cancelled()) return { kind: 'aborted' };
    return {
      kind: 'network',
      message: deadline.passed ? 'status.json did not answer in time' : describe(error),
    };
  } finally {
    timeout.clear();
    request.signal.removeEventListener('abort', abort);
  }
}
