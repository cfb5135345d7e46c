import type { UsageLog } from './access-log.js';
import { hourVisitors, nextHour, type HourLoad, type UsageProfile } from './usage-profile.js';
import type { TimeZone } from './zoned-time.js';

/** Expected load of the local hour starting at `hourStart`. */
export type LoadModel = (hourStart: number) => HourLoad;

/** The typical week, whatever the date. */
export function profileLoad(profile: UsageProfile): LoadModel {
  const zone = profile.timeZone;
  return (hourStart) => profile.hours[zone.hourOfWeek(hourStart)] ?? { visitors: 0, requests: 0 };
}

/**
 * What the logs saw in that very hour when they cover it, else the typical week: for judging a
 * window in the past (did the maintenance of 3 March hit a quiet time that week?).
 */
export function observedLoad(
  usage: UsageLog,
  profile: UsageProfile,
  covered: ReadonlySet<number>,
): LoadModel {
  const typical = profileLoad(profile);
  return (hourStart) => {
    if (!covered.has(hourStart)) return typical(hourStart);
    const hour = usage.hours.get(hourStart);
    return hour
      ? { visitors: hourVisitors(hour), requests: hour.requests }
      : { visitors: 0, requests: 0 };
  };
}

export interface WindowLoad {
  readonly start: number;
  readonly end: number;
  /**
   * Sum over the window's hours of the distinct visitors of each hour (a part hour counts in
   * proportion): somebody active in two of the hours counts twice, so this is an upper bound of
   * the people affected, and comparable between windows of the same length.
   */
  readonly visitors: number;
  readonly requests: number;
  /** The UTC offset at the end differs from the one at the start. */
  readonly crossesDaylightSavingChange: boolean;
}

/** Load of `[start, end)`: real hours, so a window across a daylight-saving change is exact. */
export function windowLoad(
  zone: TimeZone,
  load: LoadModel,
  start: number,
  end: number,
): WindowLoad {
  let visitors = 0;
  let requests = 0;
  for (let hour = zone.startOfHour(start); hour < end;) {
    const next = nextHour(zone, hour);
    const overlap = Math.min(end, next) - Math.max(start, hour);
    if (overlap > 0) {
      const share = overlap / (next - hour);
      const expected = load(hour);
      visitors += expected.visitors * share;
      requests += expected.requests * share;
    }
    hour = next;
  }
  return {
    start,
    end,
    visitors,
    requests,
    crossesDaylightSavingChange: zone.offsetMs(start) !== zone.offsetMs(end),
  };
}

export interface WindowSearch {
  readonly zone: TimeZone;
  readonly load: LoadModel;
  /** Windows start at whole local hours in `[from, to)`. */
  readonly from: number;
  readonly to: number;
  readonly durationMs: number;
  /** Local dates (`2026-03-15`) a window must not touch. */
  readonly avoid?: ReadonlySet<string>;
  /** How many windows to propose (default 5). */
  readonly top?: number;
}

export interface WindowPlan {
  /** Quietest first; no two overlap. */
  readonly windows: readonly WindowLoad[];
  /** The busiest window of the same length in the period (avoided dates included). */
  readonly busiest: WindowLoad | undefined;
  readonly candidates: number;
  /** Candidates left out because they touch an avoided date. */
  readonly avoided: number;
}

/** Every whole local hour in `[from, to)`; both 02:00s of the autumn night, no 02:00 in spring. */
export function wholeHours(zone: TimeZone, from: number, to: number): number[] {
  const hours: number[] = [];
  let hour = zone.startOfHour(from);
  if (hour < from) hour = nextHour(zone, hour);
  for (; hour < to; hour = nextHour(zone, hour)) hours.push(hour);
  return hours;
}

function touchesAvoided(window: WindowLoad, zone: TimeZone, avoid: ReadonlySet<string>): boolean {
  if (avoid.size === 0) return false;
  for (let hour = window.start; hour < window.end; hour = nextHour(zone, hour)) {
    if (avoid.has(zone.date(hour))) return true;
  }
  return avoid.has(zone.date(window.end - 1));
}

/**
 * The quietest windows of the given length: each candidate start is scored by the load model,
 * then picked quietest first (earlier on a tie), skipping any that overlaps one already picked,
 * so the list offers real alternatives rather than the same night shifted by an hour.
 */
export function proposeWindows(search: WindowSearch): WindowPlan {
  const { zone, load, durationMs } = search;
  const avoid = search.avoid ?? new Set<string>();
  const top = search.top ?? 5;
  const all = wholeHours(zone, search.from, search.to).map((start) =>
    windowLoad(zone, load, start, start + durationMs),
  );
  let busiest: WindowLoad | undefined;
  for (const window of all) {
    if (!busiest || window.visitors > busiest.visitors) busiest = window;
  }
  const allowed = all.filter((window) => !touchesAvoided(window, zone, avoid));
  allowed.sort(
    (a, b) =>
      Math.round(a.visitors) - Math.round(b.visitors) ||
      a.requests - b.requests ||
      a.start - b.start,
  );
  const windows: WindowLoad[] = [];
  for (const window of allowed) {
    if (windows.length >= top) break;
    if (windows.some((taken) => window.start < taken.end && taken.start < window.end)) continue;
    windows.push(window);
  }
  return { windows, busiest, candidates: all.length, avoided: all.length - allowed.length };
}

/** `3 %` of the busiest window; one decimal below 10 %. */
export function shareOf(part: number, whole: number | undefined): number | undefined {
  if (whole === undefined || whole <= 0) return undefined;
  const percent = (part / whole) * 100;
  return percent < 10 ? Math.round(percent * 10) / 10 : Math.round(percent);
}
