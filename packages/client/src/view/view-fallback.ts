/**
 * What the view connection needs only when something goes wrong: reading an error response, and
 * polling `status.json?view=` while the stream cannot get through. Loaded with `import()` on the
 * first failure, so that a page whose stream works never downloads it.
 */
import { unknownServicesIn } from '../not-found.js';
import { parseRetryAfter, retryAfterDelay } from '../retry-after.js';
import type { FeedError } from '../types.js';
import type { ViewAddress } from './view-address.js';
import type { ViewConnectionSettings, ViewSink } from './view-connection.js';

/** The error an HTTP error response stands for: the feed's `{ error, errors }` when it sent them. */
export async function httpError(
  response: Response,
  what: string,
  service: string,
): Promise<FeedError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // not the feed's JSON: the status says enough
  }
  const { status } = response;
  const reason = (body as { error?: unknown } | undefined)?.error;
  const message = `${what} answered HTTP ${status}${typeof reason === 'string' ? `: ${reason}` : ''}`;
  const error: FeedError = { kind: 'http', status, message, at: Date.now() };
  if (status !== 404) return error;
  // A 404 for a view means the feed has no such service (a proxy's page says no more).
  const named = unknownServicesIn(body);
  return {
    ...error,
    kind: 'unknown-service',
    unknownServices: named.length > 0 ? named : [{ id: service, suggestions: [] }],
  };
}

/**
 * A 4xx other than 408 (timeout) and 429 (too many requests) is a mistake that retrying cannot
 * fix: a wrong URL, an unknown service, an origin the feed does not allow.
 */
export function isFatal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export interface ViewPoller {
  /** Polls at once (back online), then on the schedule. */
  now(): void;
  stop(): void;
}

/**
 * Polls `status.json?view=` with `If-None-Match` (a `304` costs the feed or a CDN almost nothing),
 * backing off while polls fail. `stopAll` ends the whole connection after a 4xx.
 */
export function startPolling(
  settings: ViewConnectionSettings,
  sink: ViewSink,
  stopAll: (error: FeedError) => void,
): ViewPoller {
  const { pollIntervalMs, maxBackoffMs, random } = settings;
  let etag: string | undefined;
  let failures = 0;
  let poll: AbortController | undefined;
  let next: ReturnType<typeof setTimeout> | undefined;

  const stop = (): void => {
    clearTimeout(next);
    poll?.abort();
    poll = undefined;
  };
  const pollNow = async (): Promise<void> => {
    stop();
    const controller = new AbortController();
    poll = controller;
    const deadline = setTimeout(
      () => {
        controller.abort();
      },
      Math.max(pollIntervalMs, 10_000),
    );
    let ok = false;
    let wait = 0;
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (etag !== undefined) headers['if-none-match'] = etag;
      // The ETag is sent by hand; the browser's cache would hide the 304.
      const response = await settings.fetch(settings.pollUrl, {
        headers,
        signal: controller.signal,
        cache: 'no-store',
      });
      if (response.status === 304) {
        ok = true;
        sink.confirmed();
      } else if (response.ok) {
        const tag = response.headers.get('etag') ?? undefined;
        ok = sink.received(await response.json(), tag?.replace(/^W\/|"/g, '') || undefined);
        if (ok) etag = tag;
        else sink.error({ kind: 'protocol', message: 'status.json is not a view', at: Date.now() });
      } else {
        const error = await httpError(response, 'status.json', settings.service);
        if (poll !== controller) return;
        if (isFatal(response.status)) {
          stopAll(error);
          return;
        }
        sink.error(error);
        wait = retryAfter(response, maxBackoffMs, random) ?? 0;
      }
    } catch (thrown) {
      if (poll !== controller) return;
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      sink.error({ kind: 'network', message: `status.json: ${message}`, at: Date.now() });
    } finally {
      clearTimeout(deadline);
    }
    if (poll !== controller) return;
    failures = ok ? 0 : failures + 1;
    // Failed polls back off up to the cap; ±20 %, so that pages polling together drift apart.
    const interval = Math.min(
      pollIntervalMs * 2 ** Math.min(failures, 30),
      Math.max(pollIntervalMs, maxBackoffMs),
    );
    next = setTimeout(() => void pollNow(), Math.max(wait, interval * (0.8 + 0.4 * random())));
  };
  void pollNow();
  return { now: () => void pollNow(), stop };
}

/** What the console says when the client stops: the unknown id with the feed's suggestions. */
export function stoppedWarning(address: ViewAddress, error: FeedError): string {
  const unknown = error.unknownServices?.[0];
  if (!unknown) {
    return `[statuskit] ${address.key}: ${error.message}. The view client has stopped; check the feed URL and the service id.`;
  }
  const { suggestions } = unknown;
  const hint = suggestions.length
    ? `did you mean ${suggestions.map((id) => `"${id}"`).join(' or ')}?`
    : `the feed's ids: ${address.url}/status.json`;
  return `[statuskit] the feed ${address.url} has no service "${unknown.id}" (${hint}): nothing is shown for it.`;
}

/** How long a `429` or `503` asked to wait (`Retry-After`), spread as `retryAfterDelay` does. */
export function retryAfter(
  response: Response,
  capMs: number,
  random: () => number,
): number | undefined {
  const after = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  return after === undefined ? undefined : retryAfterDelay(after, capMs, random);
}
