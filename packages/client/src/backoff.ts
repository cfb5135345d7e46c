/**
 * Reconnect delays. Every delay is random, so that the many pages that lose the feed at the same
 * moment (a restart, a network blip) do not all come back in the same second.
 */

/**
 * Exponential backoff with full jitter: uniform in [0, min(cap, base × 2^(attempt − 1))].
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function fullJitterDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return random() * Math.min(capMs, baseMs * 2 ** exponent);
}

/**
 * After the server ended the stream on purpose: somewhere within its `retry:` window. The feed
 * sends every stream a different `retry:` when it shuts down; the client's own draw spreads the
 * return further when a proxy or another server sends all clients the same one.
 */
export function retryWindowDelay(retryMs: number, random: () => number): number {
  return random() * retryMs;
}

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
