import type { Translate } from '../language/translator.js';

/**
 * Dates and times for people: in the service's time zone, in the reader's language, with the
 * zone named when it is not the reader's own (Greenland and the Faroe Islands are not on
 * Copenhagen time). Pure functions of their arguments.
 */
export interface TimeStyle {
  /** A locale `Intl` has data for (see `intlLocale`). */
  readonly locale: string;
  /** IANA zone the times are shown in: the service's, else the document's. */
  readonly timeZone: string;
  /** The reader's zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`). */
  readonly userTimeZone: string;
  /** The language's strings, for separators and patterns (`format.*`). */
  readonly t: Translate;
}

/**
 * Locales near one without date data in some browsers: Sámi languages are written alongside
 * Norwegian, Swedish or Finnish; Greenlandic and Faroese alongside Danish.
 */
const NEIGHBOURS: Readonly<Record<string, readonly string[]>> = {
  se: ['nb', 'fi', 'sv'],
  sma: ['nb', 'sv'],
  smj: ['nb', 'sv'],
  smn: ['fi'],
  sms: ['fi'],
  kl: ['da'],
  fo: ['da'],
  nn: ['nb'],
  no: ['nb'],
};

const FALLBACK_LOCALE = 'en-GB';
const DAY_MS = 86_400_000;

function hasDateData(tag: string): boolean {
  try {
    const options = { localeMatcher: 'lookup' } as const;
    return (
      Intl.DateTimeFormat.supportedLocalesOf(tag, options).length > 0 &&
      Intl.RelativeTimeFormat.supportedLocalesOf(tag, options).length > 0
    );
  } catch {
    // RangeError: not even a valid tag.
    return false;
  }
}

/**
 * The first of `candidates` (then their neighbours) that `Intl` can format dates in, else
 * `en-GB`. Never throws, whatever the page's `lang` says.
 */
export function intlLocale(candidates: readonly (string | undefined)[]): string {
  const tried = new Set<string>();
  const queue = candidates.filter((tag): tag is string => tag !== undefined && tag !== '');
  for (const tag of queue) {
    const base = tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
    for (const candidate of [tag, ...(NEIGHBOURS[base] ?? [])]) {
      if (tried.has(candidate)) continue;
      tried.add(candidate);
      if (hasDateData(candidate)) return candidate;
    }
  }
  return FALLBACK_LOCALE;
}

/** Whether `timeZone` is a zone this browser knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The reader's own zone, or UTC when the browser will not say. */
export function userTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  locale: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let known = formatters.get(key);
  if (!known) {
    try {
      known = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      known = new Intl.DateTimeFormat(FALLBACK_LOCALE, { ...options, timeZone: 'UTC' });
    }
    formatters.set(key, known);
  }
  return known;
}

function part(parts: readonly Intl.DateTimeFormatPart[], type: string): string {
  return parts.find((candidate) => candidate.type === type)?.value ?? '';
}

/** `2026-03-14` in the style's zone: which calendar day an instant falls on there. */
function dayKey(ms: number, style: TimeStyle): string {
  const parts = formatter('en-GB', style.timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(ms);
  return `${part(parts, 'year')}-${part(parts, 'month')}-${part(parts, 'day')}`;
}

function calendarDays(ms: number, now: number, style: TimeStyle): number {
  return Math.round(
    (Date.parse(`${dayKey(ms, style)}T00:00:00Z`) - Date.parse(`${dayKey(now, style)}T00:00:00Z`)) /
      DAY_MS,
  );
}

/**
 * `22.00` or `22:00`: 24-hour clock, with the language's separator (Danish, Finnish and Norwegian
 * write a full stop), whatever the browser's locale data says.
 */
export function formatTime(ms: number, style: TimeStyle): string {
  const parts = formatter(style.locale, style.timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  return `${part(parts, 'hour')}${style.t('format.timeSeparator')}${part(parts, 'minute')}`;
}

/**
 * `today`, `tomorrow`, `yesterday` (the language's own words, from `Intl.RelativeTimeFormat`),
 * else `Saturday 14 March`, with the year when it is not the current one at `now`.
 */
export function formatDate(ms: number, style: TimeStyle, now: number): string {
  const days = calendarDays(ms, now, style);
  if (Math.abs(days) <= 1) {
    try {
      return new Intl.RelativeTimeFormat(style.locale, { numeric: 'auto' }).format(days, 'day');
    } catch {
      // Fall through to the date.
    }
  }
  const sameYear = dayKey(ms, style).slice(0, 4) === dayKey(now, style).slice(0, 4);
  return formatter(style.locale, style.timeZone, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(ms);
}

/** The zone's name when the reader is elsewhere (`Central European Time`), else `undefined`. */
export function zoneName(ms: number, style: TimeStyle): string | undefined {
  if (style.timeZone === style.userTimeZone) return undefined;
  for (const timeZoneName of ['longGeneric', 'long'] as const) {
    try {
      const name = part(
        new Intl.DateTimeFormat(style.locale, {
          timeZone: style.timeZone,
          timeZoneName,
        }).formatToParts(ms),
        'timeZoneName',
      );
      if (name !== '') return name;
    } catch {
      // Older engines lack `longGeneric`: try the next style.
    }
  }
  return style.timeZone;
}

function withZone(text: string, ms: number, style: TimeStyle): string {
  const zone = zoneName(ms, style);
  return zone === undefined ? text : style.t('format.withZone', { text, zone });
}

/** An end at exactly midnight is "23.59" the day before, where that is the local style. */
function displayEnd(ms: number, style: TimeStyle): number {
  if (style.t('format.midnight') !== 'previousMinute') return ms;
  const parts = formatter('en-GB', style.timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  return part(parts, 'hour') === '00' && part(parts, 'minute') === '00' ? ms - 60_000 : ms;
}

/** `Saturday 14 March, 22:00` (zone named when it is not the reader's). */
export function formatDateTime(ms: number, style: TimeStyle, now: number): string {
  const text = style.t('format.dateTime', {
    date: formatDate(ms, style, now),
    time: formatTime(ms, style),
  });
  return withZone(text, ms, style);
}

/** An end time, shown as 23.59 the day before when it is midnight and that is the local style. */
export function formatEnd(ms: number, style: TimeStyle, now: number): string {
  return formatDateTime(displayEnd(ms, style), style, now);
}

/** A time of day with the zone named when it is not the reader's: `20:07 (Greenland Time)`. */
export function formatClock(ms: number, style: TimeStyle): string {
  return withZone(formatTime(ms, style), ms, style);
}

/** A time of day only when `ms` is today in the zone, else a date and time. */
export function formatMoment(ms: number, style: TimeStyle, now: number): string {
  return dayKey(ms, style) === dayKey(now, style)
    ? withZone(formatTime(ms, style), ms, style)
    : formatDateTime(ms, style, now);
}

/**
 * A window: `Saturday 14 March, 20:00–23:00` when it ends the same day, else with the end's day
 * named: `Saturday 14 March, 22:00 – Sunday 15 March, 02:00`. A compact "22:00–02:00" over
 * midnight was read as two times on the start's day. An end at midnight belongs to the day it
 * closes. En dash, as typography asks; the zone is named once, at the end.
 */
export function formatRange(start: number, end: number, style: TimeStyle, now: number): string {
  const shownEnd = displayEnd(end, style);
  const sameDay =
    shownEnd >= start && dayKey(Math.max(start, shownEnd - 1), style) === dayKey(start, style);
  const text = sameDay
    ? style.t('format.timeRange', {
        date: formatDate(start, style, now),
        start: formatTime(start, style),
        end: formatTime(shownEnd, style),
      })
    : style.t('format.dateTimeRange', {
        start: style.t('format.dateTime', {
          date: formatDate(start, style, now),
          time: formatTime(start, style),
        }),
        end: style.t('format.dateTime', {
          date: formatDate(shownEnd, style, now),
          time: formatTime(shownEnd, style),
        }),
      });
  return withZone(text, start, style);
}

function relativeAmount(
  ms: number,
  now: number,
  style: TimeStyle,
): { value: number; unit: Intl.RelativeTimeFormatUnit } {
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 45 * 60_000)
    return { value: Math.round(diff / 60_000) || Math.sign(diff), unit: 'minute' };
  const days = calendarDays(ms, now, style);
  if (abs < 12 * 3_600_000 || days === 0)
    return { value: Math.round(diff / 3_600_000), unit: 'hour' };
  if (Math.abs(days) < 45) return { value: days, unit: 'day' };
  if (Math.abs(days) < 548) return { value: Math.round(days / 30.44), unit: 'month' };
  return { value: Math.round(days / 365.25), unit: 'year' };
}

/**
 * `in 12 minutes`, `in 5 hours`, `tomorrow`, `in 3 days` (calendar days in the zone):
 * `Intl.RelativeTimeFormat` in the locale.
 */
export function formatRelative(ms: number, now: number, style: TimeStyle): string {
  const { value, unit } = relativeAmount(ms, now, style);
  try {
    return new Intl.RelativeTimeFormat(style.locale, { numeric: 'auto' }).format(value, unit);
  } catch {
    return new Intl.RelativeTimeFormat(FALLBACK_LOCALE, { numeric: 'auto' }).format(value, unit);
  }
}

/**
 * How far off a start is, to follow its date ("Saturday 14 March, 22:00–23:00, in 3 days"), or
 * `undefined` when that would only repeat the date's own word: after "tomorrow, 22:00 – …" a
 * second "tomorrow" reads as if it were the end's day.
 */
export function formatStartsIn(start: number, now: number, style: TimeStyle): string | undefined {
  const { value, unit } = relativeAmount(start, now, style);
  return unit === 'day' && Math.abs(value) <= 1 ? undefined : formatRelative(start, now, style);
}

/** The first letter in upper case, for a date that starts a sentence ("Today, 22:00–02:00"). */
export function capitalize(text: string, locale: string): string {
  const first = text.charAt(0);
  try {
    return first.toLocaleUpperCase(locale) + text.slice(1);
  } catch {
    return first.toUpperCase() + text.slice(1);
  }
}
