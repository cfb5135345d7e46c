import { describe, expect, it } from 'vitest';
import { RETRY_DEFAULTS, retryDelay } from '../src/webhooks/retry-schedule.js';
import { retryAfter } from '../src/webhooks/webhook-post.js';

describe('webhook retry schedule', () => {
  it('doubles from 5 s, with jitter between half and all of the wait, up to 10 hours', () => {
    const lowest = (failures: number): number => retryDelay(failures, RETRY_DEFAULTS, () => 0);
    const highest = (failures: number): number => retryDelay(failures, RETRY_DEFAULTS, () => 1);
    expect([1, 2, 3, 4].map(highest)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map(lowest)).toEqual([2_500, 5_000, 10_000, 20_000]);
    expect(highest(40)).toBe(10 * 3_600_000);
  });

  it('keeps trying for about three days before the delivery is given up', () => {
    let elapsed = 0;
    let failures = 0;
    while (elapsed < RETRY_DEFAULTS.giveUpAfterMs) {
      failures += 1;
      elapsed += retryDelay(failures, RETRY_DEFAULTS, () => 0.5);
    }
    expect(RETRY_DEFAULTS.giveUpAfterMs).toBe(3 * 24 * 3_600_000);
    expect(failures).toBeGreaterThan(15);
    expect(failures).toBeLessThan(25);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-12-05T05:00:00Z');
    expect(retryAfter('120', now)).toBe(120_000);
    expect(retryAfter('Sat, 05 Dec 2026 05:01:00 GMT', now)).toBe(60_000);
    expect(retryAfter('soon', now)).toBeUndefined();
    expect(retryAfter(undefined, now)).toBeUndefined();
  });
});
