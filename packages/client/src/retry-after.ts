/**
 * The server's `Retry-After`: a module of its own, since the view client needs it only on a
 * failure (it loads it then) while the jitter of every reconnect (`backoff.ts`) runs on each page.
 */

/**
 * `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Returns milliseconds from
 * `now`, or `undefined` when the header is missing or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Never earlier than the server asked; spread over up to one more such window (at most `capMs`),
 * because a busy server tends to give every client the same answer.
 */
export function retryAfterDelay(retryAfterMs: number, capMs: number, random: () => number): number {
  return retryAfterMs + random() * Math.min(retryAfterMs, capMs);
}
