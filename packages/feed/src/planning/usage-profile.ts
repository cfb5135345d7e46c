import type { HourUsage, UsageLog } from './access-log.js';
import { HOUR_MS, MINUTE_MS, type TimeZone } from './zoned-time.js';

/** Expected use of one hour: distinct visitors and requests (bots left out). */
export interface HourLoad {
  readonly visitors: number;
  readonly requests: number;
}

/**
 * A typical week: for each of the 168 local hours of the week (Monday 00:00 first), the median
 * over every time that hour was seen in the logs. The median, not the mean: one unusual day (a
 * deadline rush, an outage, a crawler storm that slipped past the bot filter) moves a mean of
 * four weeks by a quarter of its excess, and a median not at all.
 */
export interface UsageProfile {
  readonly timeZone: TimeZone;
  readonly hours: readonly HourLoad[];
  /** How many observed hours went into each of the 168 hours of the week. */
  readonly observations: readonly number[];
  /**
   * The median number of observations per hour of the week: the number of weeks the logs cover
   * (the autumn night's repeated hour does not make a fourth week of three).
   */
  readonly weeks: number;
  /** Hours the logs cover completely: each is one observation, even when it had no requests. */
  readonly observedHours: number;
  /** Hours of the week never observed, filled with the median of the same hour on other days. */
  readonly filledHours: number;
}

const visitorCache = new WeakMap<HourUsage, number>();

/** Distinct visitors in an hour bucket (estimated once, then remembered). */
export function hourVisitors(hour: HourUsage): number {
  let visitors = visitorCache.get(hour);
  if (visitors === undefined) {
    visitors = hour.visitors.estimate();
    visitorCache.set(hour, visitors);
  }
  return visitors;
}

/** The local hour after the one starting at `hour`. */
export function nextHour(zone: TimeZone, hour: number): number {
  const next = zone.startOfHour(hour + HOUR_MS);
  return next > hour ? next : hour + HOUR_MS;
}

/** A file whose first line is at 00:03 (or last at 23:57) is taken to cover the whole hour. */
const EDGE_MS = 5 * MINUTE_MS;

/**
 * The hours (their start instants) that the logs cover: inside some file's span from its first
 * to its last line, give or take five minutes (a log rotated at midnight rarely has a line in
 * its first and last second). An hour with no line there was a quiet hour, not a missing one;
 * hours the files reach only partly, or gaps between files, are left out rather than guessed.
 */
export function coveredHours(usage: UsageLog): number[] {
  const spans = usage.files
    .flatMap((file) =>
      file.first !== undefined && file.last !== undefined
        ? [[file.first - EDGE_MS, file.last + MINUTE_MS + EDGE_MS]]
        : [],
    )
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  const merged: [number, number][] = [];
  for (const [first = 0, last = 0] of spans) {
    const previous = merged.at(-1);
    if (previous && first <= previous[1]) previous[1] = Math.max(previous[1], last);
    else merged.push([first, last]);
  }
  const zone = usage.timeZone;
  const hours: number[] = [];
  for (const [first, last] of merged) {
    let hour = zone.startOfHour(first);
    if (hour < first) hour = nextHour(zone, hour);
    for (let next = nextHour(zone, hour); next <= last; next = nextHour(zone, hour)) {
      hours.push(hour);
      hour = next;
    }
  }
  return hours;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The typical week of the logs; throws a `RangeError` when they do not cover one whole hour. */
export function buildProfile(usage: UsageLog): UsageProfile {
  const zone = usage.timeZone;
  const visitors: number[][] = Array.from({ length: 168 }, () => []);
  const requests: number[][] = Array.from({ length: 168 }, () => []);
  const hours = coveredHours(usage);
  if (hours.length === 0) {
    throw new RangeError(
      'the logs do not cover a single whole hour with readable lines, so there is no usage to plan by',
    );
  }
  for (const start of hours) {
    const slot = zone.hourOfWeek(start);
    const bucket = usage.hours.get(start);
    visitors[slot]?.push(bucket ? hourVisitors(bucket) : 0);
    requests[slot]?.push(bucket?.requests ?? 0);
  }

  let filledHours = 0;
  const profile: HourLoad[] = [];
  for (let slot = 0; slot < 168; slot += 1) {
    const seenVisitors = visitors[slot] ?? [];
    if (seenVisitors.length > 0) {
      profile.push({ visitors: median(seenVisitors), requests: median(requests[slot] ?? []) });
      continue;
    }
    // Less than a week of logs: the same hour of the day on the days that were seen.
    filledHours += 1;
    const sameHour = (series: number[][]): number[] =>
      series.filter((_, other) => other % 24 === slot % 24).flat();
    profile.push({ visitors: median(sameHour(visitors)), requests: median(sameHour(requests)) });
  }
  const observations = visitors.map((list) => list.length);
  return {
    timeZone: zone,
    hours: profile,
    observations,
    weeks: median(observations),
    observedHours: hours.length,
    filledHours,
  };
}
