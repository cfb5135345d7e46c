import type { DayCounts } from './hour-table.js';

/**
 * The lines of `probe-hours.jsonl`: one JSON object per service and UTC day, with the day's 24
 * hours as arrays, counts to be added up (a day may have several lines until the file is
 * compacted). A day per line, not an hour, keeps start-up reading 24 times fewer lines.
 *
 * `{"service":"login","day":"2026-03-10","checks":[0,…,60,…],"ok":[…],"slow":[…],"first":"2026-03-10T08:05:00.000Z"}`
 *
 * `first` is when the line's earliest check ran: how the start of measuring is known.
 */

const HOURS = 24;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day of one service as read from a line. */
export interface DayLine {
  readonly service: string;
  readonly day: number;
  readonly checks: readonly number[];
  readonly ok: readonly number[];
  readonly slow: readonly number[];
  readonly first: number;
}

/** Each service's day as a line ending in `\n`. */
export function dayLines(days: Iterable<[string, DayCounts]>): string[] {
  const lines: string[] = [];
  for (const [service, record] of days) {
    lines.push(
      `${JSON.stringify({
        service,
        day: new Date(record.day).toISOString().slice(0, 10),
        checks: [...record.checks],
        ok: [...record.ok],
        slow: [...record.slow],
        first: new Date(record.first).toISOString(),
      })}\n`,
    );
  }
  return lines;
}

const counts = (value: unknown): value is number[] =>
  Array.isArray(value) &&
  value.length === HOURS &&
  value.every((item) => typeof item === 'number' && Number.isSafeInteger(item) && item >= 0);

/** The day one line holds, or `undefined` when it is not a day line of counts. */
export function parseDayLine(text: string): DayLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { service, day, checks, ok, slow, first } = value as Record<string, unknown>;
  if (typeof day !== 'string' || !DAY.test(day)) return undefined;
  const start = Date.parse(`${day}T00:00:00Z`);
  const firstAt = typeof first === 'string' ? Date.parse(first) : Number.NaN;
  if (
    typeof service !== 'string' ||
    Number.isNaN(start) ||
    Number.isNaN(firstAt) ||
    !counts(checks) ||
    !counts(ok) ||
    !counts(slow) ||
    checks.some((all, index) => (ok[index] ?? 0) > all || (slow[index] ?? 0) > (ok[index] ?? 0))
  ) {
    return undefined;
  }
  return { service, day: start, checks, ok, slow, first: firstAt };
}
