import type { ProbeCheck, ProbeCheckSink } from './probe-check.js';

/**
 * Measured availability's raw material: per service (summed over its probes) and per clock hour
 * (UTC), how many checks ran, how many succeeded and how many of those were slow. Kept 90 days.
 *
 * Two keepers implement it: the data dir's file (`FileProbeHours`, the default) and Redis
 * (`RedisProbeHours`, with `serve --store redis://…`). Both take checks as the runner's
 * `ProbeCheckSink`: `record` never throws and never waits; a check that cannot be kept is logged
 * and counted in `failures`.
 */

export const HOUR_MS = 3_600_000;
export const KEEP_DAYS = 90;
export const KEEP_MS = KEEP_DAYS * 24 * HOUR_MS;

export interface HourCounts {
  /** Start of the UTC hour, in ms since the epoch. */
  readonly hour: number;
  readonly checks: number;
  readonly ok: number;
  readonly slow: number;
  /** When the first check of this hour ran (ms): how measuring's beginning is known. */
  readonly first: number;
}

export interface ServiceHours {
  /** When the earliest check still kept ran; `undefined` when none is kept. */
  readonly since: number | undefined;
  /** Hours with at least one check, oldest first. */
  readonly hours: readonly HourCounts[];
}

export interface ProbeHours extends ProbeCheckSink {
  /** The kept hours of one service starting at or after `from` (ms). */
  hours(service: string, from: number): Promise<ServiceHours>;
  /** Resolves once every check recorded so far is stored, or has failed and been counted. */
  flush(): Promise<void>;
  /** Checks that could not be kept (a full disk, Redis away) since start. */
  readonly failures: number;
  /** Keeps what is held in memory and stops; `record` is a no-op afterwards. */
  close(): Promise<void>;
}

export function hourOf(time: number): number {
  return Math.floor(time / HOUR_MS) * HOUR_MS;
}

/** A check as the counts it adds to its hour. */
export function countsOf(check: ProbeCheck): HourCounts {
  const time = check.at.getTime();
  return {
    hour: hourOf(time),
    checks: 1,
    ok: check.ok ? 1 : 0,
    slow: check.ok && check.slow ? 1 : 0,
    first: time,
  };
}

/** A check the keepers refuse: a time that is not a date cannot be put in an hour. */
export function isRecordable(check: ProbeCheck): boolean {
  return (
    typeof check.service === 'string' &&
    check.service !== '' &&
    check.at instanceof Date &&
    Number.isFinite(check.at.getTime())
  );
}
