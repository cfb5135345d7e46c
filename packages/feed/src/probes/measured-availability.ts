import { floorPercent } from '../report/exposure.js';
import type { TimeZone } from '../planning/zoned-time.js';
import type { ServiceHours } from './probe-hours.js';

/**
 * Availability as the probes measured it: successful checks over all checks. A period without
 * checks has no figure (`null`), never 0 % or 100 %.
 */
export interface MeasuredPeriod {
  readonly availability: number | null;
  readonly checks: number;
  readonly successful: number;
  readonly slow: number;
}

export interface MeasuredDay extends MeasuredPeriod {
  /** When measuring began, when that was on this day: the day is measured from then on only. */
  readonly began: string | null;
}

export interface MeasuredFigures {
  readonly total: MeasuredPeriod & { readonly since: string | null };
  /** One per day start given, in the same order. */
  readonly days: readonly MeasuredDay[];
}

function period(checks: number, successful: number, slow: number): MeasuredPeriod {
  return {
    availability: checks === 0 ? null : floorPercent((successful / checks) * 100),
    checks,
    successful,
    slow,
  };
}

/**
 * Sums the hours into the calendar days that start at `dayStarts` (in `zone`); an hour belongs
 * to the day its start falls in (in zones half an hour off UTC, the hour across midnight counts
 * for the day it began).
 */
export function measuredDays(
  service: ServiceHours,
  dayStarts: readonly number[],
  zone: TimeZone,
): MeasuredFigures {
  const sums = dayStarts.map(() => ({ checks: 0, ok: 0, slow: 0 }));
  let index = 0;
  for (const hour of service.hours) {
    while (index + 1 < dayStarts.length && (dayStarts[index + 1] ?? Infinity) <= hour.hour) {
      index += 1;
    }
    const start = dayStarts[index];
    const sum = sums[index];
    if (start === undefined || sum === undefined || hour.hour < start) continue;
    if (index === dayStarts.length - 1 && hour.hour >= zone.nextDay(start)) continue;
    sum.checks += hour.checks;
    sum.ok += hour.ok;
    sum.slow += hour.slow;
  }
  const { since } = service;
  const days = sums.map((sum, at) => {
    const start = dayStarts[at] ?? 0;
    const began =
      since !== undefined && since >= start && since < zone.nextDay(start) ? zone.iso(since) : null;
    return { ...period(sum.checks, sum.ok, sum.slow), began };
  });
  const total = sums.reduce(
    (all, sum) => ({
      checks: all.checks + sum.checks,
      ok: all.ok + sum.ok,
      slow: all.slow + sum.slow,
    }),
    { checks: 0, ok: 0, slow: 0 },
  );
  return {
    total: {
      ...period(total.checks, total.ok, total.slow),
      since: since === undefined ? null : new Date(since).toISOString(),
    },
    days,
  };
}
