/**
 * When a failed delivery is tried again: exponential backoff with jitter, for about three days,
 * like the schedule the Standard Webhooks spec suggests (seconds, then minutes, then hours).
 */
export interface RetryPolicy {
  /** Wait after the first failure, in ms; each further failure doubles it. */
  readonly baseMs: number;
  /** Longest wait between two attempts, in ms. */
  readonly maxMs: number;
  /** Failing for this long (ms since the first failure) gives the delivery up. */
  readonly giveUpAfterMs: number;
}

export const RETRY_DEFAULTS: RetryPolicy = {
  baseMs: 5_000,
  maxMs: 10 * 3_600_000,
  giveUpAfterMs: 3 * 24 * 3_600_000,
};

/**
 * The wait before the next attempt after `failures` failed ones: between half and all of the
 * doubled wait ("equal jitter"), so receivers that failed together are not retried together.
 */
export function retryDelay(
  failures: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const doubled = policy.baseMs * 2 ** Math.min(Math.max(0, failures - 1), 30);
  const ceiling = Math.min(policy.maxMs, doubled);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
