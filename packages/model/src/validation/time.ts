import type { Timestamp } from '../types.js';
import { quote, type Issues, type Reader } from './reader.js';
import { string } from './primitives.js';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/**
 * The instants a timestamp may name, checked after conversion to UTC: `9999-12-31T23:30:00-05:00`
 * is in the year 10000 in UTC, which iCalendar (four-digit years), `Date#toISOString` consumers
 * and every subscriber's calendar would choke on. Nothing this feed records predates 1970.
 */
export const EARLIEST_TIME = Date.UTC(1970, 0, 1);
export const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Milliseconds since the epoch of a real date-time with an offset, in any year. */
function parseDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  // Absent optional groups (seconds, a Z offset) count as zero.
  const group = (index: number): number => Number(match[index] ?? '0');
  const month = group(2);
  // Date.parse rolls 2026-02-30 over to 2 March and accepts 24:00, so check the calendar first.
  const real =
    month >= 1 &&
    month <= 12 &&
    group(3) >= 1 &&
    group(3) <= daysInMonth(group(1), month) &&
    group(4) <= 23 &&
    group(5) <= 59 &&
    group(6) <= 59 &&
    group(7) <= 23 &&
    group(8) <= 59;
  const time = real ? Date.parse(text) : NaN;
  return Number.isNaN(time) ? undefined : time;
}

function inRange(time: number): boolean {
  return time >= EARLIEST_TIME && time <= LATEST_TIME;
}

/**
 * Milliseconds since the epoch, or `undefined` unless it is a real date-time with an offset
 * between EARLIEST_TIME and LATEST_TIME.
 */
export function parseTimestamp(text: string): number | undefined {
  const time = parseDateTime(text);
  return time !== undefined && inRange(time) ? time : undefined;
}

export const timestamp: Reader<Timestamp> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined) return undefined;
  const time = parseDateTime(text);
  if (time === undefined) {
    issues.push({
      path,
      message: 'must be a date-time with an offset, e.g. 2026-03-14T22:00:00+01:00',
    });
    return undefined;
  }
  if (!inRange(time)) {
    issues.push({
      path,
      message: `must be from 1970 to 9999 in UTC (in UTC this is year ${new Date(time).getUTCFullYear()})`,
    });
    return undefined;
  }
  return text;
};

/**
 * Records an issue at `path` unless `later` comes after `earlier` (or at the same time, when
 * `allowEqual`). Either may be missing, when it was absent or already reported.
 */
export function checkOrder(
  issues: Issues,
  path: string,
  later: readonly [name: string, time: Timestamp | undefined],
  earlier: readonly [name: string, time: Timestamp | undefined],
  allowEqual: boolean,
): void {
  const [laterName, laterTime] = later;
  const [earlierName, earlierTime] = earlier;
  if (laterTime === undefined || earlierTime === undefined) return;
  const a = parseTimestamp(laterTime);
  const b = parseTimestamp(earlierTime);
  if (a === undefined || b === undefined) return;
  if (allowEqual ? a >= b : a > b) return;
  issues.push({
    path,
    message: allowEqual
      ? `${laterName} must not be before ${earlierName}`
      : `${laterName} must be after ${earlierName}`,
  });
}

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
// Only valid names are remembered: a finite set, while invalid input could grow without end.
const knownZones = new Set<string>();

export function isTimeZone(name: string): boolean {
  if (knownZones.has(name)) return true;
  // The pattern rules out offsets like "+01:00", which newer engines accept as a time zone.
  if (!ZONE_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
  } catch {
    return false;
  }
  knownZones.add(name);
  return true;
}

export const timeZone: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined || isTimeZone(text)) return text;
  issues.push({ path, message: `${quote(text)} is not an IANA time zone, e.g. Europe/Copenhagen` });
  return undefined;
};
