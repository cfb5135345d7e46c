import { describe, expect, it } from 'vitest';
import { nextSlot, slotOffsetMs } from '../src/probes/probe-schedule.js';
import { ProbeState, serviceStatusFrom, type ProbeVerdict } from '../src/probes/probe-state.js';

const ok = { ok: true, slow: false, durationMs: 10 };
const slow = { ok: true, slow: true, durationMs: 900 };
const failed = { ok: false, slow: false, durationMs: 10 };

function verdicts(state: ProbeState, checks: readonly (typeof ok)[]): ProbeVerdict[] {
  return checks.map((check) => state.observe(check));
}

describe('a probe state', () => {
  it('stays unknown until enough checks in a row agree', () => {
    const state = new ProbeState({ failuresBeforeDown: 3, successesBeforeUp: 2 });
    expect(verdicts(state, [failed, failed, ok, failed, failed, failed])).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'down',
    ]);
  });

  it('comes up after successesBeforeUp successes, degraded when they were slow', () => {
    const up = new ProbeState({ failuresBeforeDown: 1, successesBeforeUp: 2 });
    expect(verdicts(up, [failed, ok, ok])).toEqual(['down', 'down', 'up']);
    const degraded = new ProbeState({ failuresBeforeDown: 1, successesBeforeUp: 2 });
    expect(verdicts(degraded, [failed, slow, slow])).toEqual(['down', 'down', 'degraded']);
    // Answering, but not consistently fast: degraded, then up once fast answers agree.
    const mixed = new ProbeState({ failuresBeforeDown: 1, successesBeforeUp: 2 });
    expect(verdicts(mixed, [failed, slow, ok, ok])).toEqual(['down', 'down', 'degraded', 'up']);
  });

  it('moves between up and degraded only when that many checks agree', () => {
    const state = new ProbeState({ failuresBeforeDown: 3, successesBeforeUp: 2 });
    expect(verdicts(state, [ok, ok, slow, ok, slow, slow, ok])).toEqual([
      'unknown',
      'up',
      'up',
      'up',
      'up',
      'degraded',
      'degraded',
    ]);
    expect(state.lastFailure).toBeUndefined();
  });
});

describe("a service's status from its probes", () => {
  it('is the worst verdict, and nothing while one is unknown unless another is down', () => {
    expect(serviceStatusFrom(['up', 'up'])).toBe('operational');
    expect(serviceStatusFrom(['up', 'degraded'])).toBe('degraded');
    expect(serviceStatusFrom(['degraded', 'down'])).toBe('major_outage');
    expect(serviceStatusFrom(['up', 'unknown'])).toBeUndefined();
    expect(serviceStatusFrom(['unknown', 'down'])).toBe('major_outage');
    expect(serviceStatusFrom([])).toBeUndefined();
  });
});

describe('the probe schedule', () => {
  it('gives each id a stable slot within its interval, spread over it', () => {
    expect(slotOffsetMs('eid', 60_000)).toBe(slotOffsetMs('eid', 60_000));
    const offsets = Array.from({ length: 500 }, (_, index) => slotOffsetMs(`p-${index}`, 60_000));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(60_000);
    // Spread: every tenth of the interval holds some of the 500 slots.
    const tenths = new Set(offsets.map((offset) => Math.floor(offset / 6000)));
    expect(tenths.size).toBe(10);
  });

  it('finds the next slot strictly after now', () => {
    expect(nextSlot(1_000, 60_000, 5_000)).toBe(5_000);
    expect(nextSlot(5_000, 60_000, 5_000)).toBe(65_000);
    expect(nextSlot(64_999, 60_000, 5_000)).toBe(65_000);
    expect(nextSlot(4_999, 60_000, 5_000)).toBe(5_000);
  });
});
