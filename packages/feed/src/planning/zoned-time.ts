/**
 * Wall-clock arithmetic in an IANA time zone with nothing but `Intl`: offsets, local dates and
 * hours, and local times turned back into instants. Everything the planner and the reports do
 * with hours and days goes through here, so daylight-saving nights are handled in one place.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Offsets are cached per quarter hour: every offset in use is a multiple of 15 minutes. */
const SLOT_MS = 15 * MINUTE_MS;

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A local (wall-clock) time; `weekday` 0 is Monday, as in ISO 8601 weeks. */
export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

/** A time zone name `Intl` does not know. */
export class UnknownTimeZoneError extends Error {
  override name = 'UnknownTimeZoneError';
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export class TimeZone {
  readonly name: string;
  readonly #format: Intl.DateTimeFormat;
  readonly #offsets = new Map<number, number>();

  constructor(name: string) {
    try {
      this.#format = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new UnknownTimeZoneError(
        `"${name}" is not a time zone; use an IANA name such as Europe/Copenhagen`,
      );
    }
    this.name = this.#format.resolvedOptions().timeZone;
  }

  /** Local time minus UTC at `instant`, in ms (+3,600,000 for Copenhagen in winter). */
  offsetMs(instant: number): number {
    const slot = Math.floor(instant / SLOT_MS);
    const cached = this.#offsets.get(slot);
    if (cached !== undefined) return cached;
    const at = slot * SLOT_MS;
    const parts: Record<string, number> = {};
    for (const part of this.#format.formatToParts(at)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      parts['year'] ?? 1970,
      (parts['month'] ?? 1) - 1,
      parts['day'] ?? 1,
      parts['hour'] ?? 0,
      parts['minute'] ?? 0,
      parts['second'] ?? 0,
    );
    const offset = wall - at;
    if (this.#offsets.size > 200_000) this.#offsets.clear();
    this.#offsets.set(slot, offset);
    return offset;
  }

  local(instant: number): LocalTime {
    const wall = new Date(instant + this.offsetMs(instant));
    return {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
      weekday: (wall.getUTCDay() + 6) % 7,
    };
  }

  /**
   * The instant of a local time. An hour that happens twice (the autumn night) gives the first
   * one; an hour that does not exist (the spring night) gives the instant the clocks jumped to
   * plus the same minutes, as a wall clock would show it (02:30 becomes 03:30).
   */
  instant(year: number, month: number, day: number, hour = 0, minute = 0): number {
    const wall = Date.UTC(year, month - 1, day, hour, minute);
    const before = wall - this.offsetMs(wall - DAY_MS);
    const after = wall - this.offsetMs(wall + DAY_MS);
    const fits = (candidate: number): boolean => candidate + this.offsetMs(candidate) === wall;
    if (fits(before) && fits(after)) return Math.min(before, after);
    if (fits(before)) return before;
    if (fits(after)) return after;
    return before;
  }

  /** Local midnight starting the day that contains `instant`. */
  startOfDay(instant: number): number {
    const { year, month, day } = this.local(instant);
    return this.instant(year, month, day);
  }

  /** Local midnight starting the next day (23, 24 or 25 hours later). */
  nextDay(instant: number): number {
    const { year, month, day } = this.local(instant);
    return this.instant(year, month, day + 1);
  }

  /** Local midnight starting the ISO week (Monday) that contains `instant`. */
  startOfWeek(instant: number): number {
    const { year, month, day, weekday } = this.local(instant);
    return this.instant(year, month, day - weekday);
  }

  /** Start of the local hour containing `instant`. */
  startOfHour(instant: number): number {
    const offset = this.offsetMs(instant);
    return Math.floor((instant + offset) / HOUR_MS) * HOUR_MS - offset;
  }

  /** 0 (Monday 00:00–01:00) to 167 (Sunday 23:00–24:00), in local time. */
  hourOfWeek(instant: number): number {
    const { weekday, hour } = this.local(instant);
    return weekday * 24 + hour;
  }

  /** `2026-03-17` */
  date(instant: number): string {
    const { year, month, day } = this.local(instant);
    return `${year}-${pad(month)}-${pad(day)}`;
  }

  /** `03:00` */
  clock(instant: number): string {
    const { hour, minute } = this.local(instant);
    return `${pad(hour)}:${pad(minute)}`;
  }

  /** `Tue` */
  weekdayName(instant: number): string {
    return WEEKDAY_NAMES[this.local(instant).weekday] ?? '';
  }

  /** ISO 8601 with this zone's offset: `2026-03-17T03:00:00+01:00`. */
  iso(instant: number): string {
    const { year, month, day, hour, minute, second } = this.local(instant);
    const offset = Math.round(this.offsetMs(instant) / MINUTE_MS);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return (
      `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}` +
      `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
    );
  }

  /** `Tue 2026-03-17 03:00–05:00`, with the end's date when it falls on another day. */
  span(start: number, end: number): string {
    const endLabel =
      this.date(end - 1) === this.date(start)
        ? this.clock(end)
        : `${this.date(end)} ${this.clock(end)}`;
    return `${this.weekdayName(start)} ${this.date(start)} ${this.clock(start)}–${endLabel}`;
  }
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-03-15` as numbers, or `undefined` when it is not a real calendar date. */
export function parseLocalDate(
  text: string,
): { year: number; month: number; day: number } | undefined {
  const match = DATE_ONLY.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return { year, month, day };
}
