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
