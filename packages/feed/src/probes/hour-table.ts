import { HOUR_MS, type HourCounts, type ServiceHours } from './probe-hours.js';

const DAY_MS = 24 * HOUR_MS;

/** One service's UTC day of counts: what the file keeper holds per service and day. */
export interface DayCounts {
  /** Start of the UTC day, in ms since the epoch. */
  readonly day: number;
  /** Checks, successful and slow per hour of the day (index 0–23 each). */
  readonly checks: Uint32Array;
  readonly ok: Uint32Array;
  readonly slow: Uint32Array;
  /** When the day's earliest check ran. */
  first: number;
}

function emptyDay(day: number): DayCounts {
  // One buffer for the three rows: 90 days of hundreds of services stay a few megabytes.
  const buffer = new ArrayBuffer(3 * 24 * 4);
  return {
    day,
    checks: new Uint32Array(buffer, 0, 24),
    ok: new Uint32Array(buffer, 24 * 4, 24),
    slow: new Uint32Array(buffer, 48 * 4, 24),
    first: Number.POSITIVE_INFINITY,
  };
}

/** The counts of every service by UTC day and hour, in memory. */
export class HourTable {
  readonly #services = new Map<string, Map<number, DayCounts>>();

  get isEmpty(): boolean {
    return this.#services.size === 0;
  }

  add(service: string, counts: HourCounts): void {
    const record = this.#day(service, Math.floor(counts.hour / DAY_MS) * DAY_MS);
    const index = (counts.hour - record.day) / HOUR_MS;
    record.checks[index] = (record.checks[index] ?? 0) + counts.checks;
    record.ok[index] = (record.ok[index] ?? 0) + counts.ok;
    record.slow[index] = (record.slow[index] ?? 0) + counts.slow;
    record.first = Math.min(record.first, counts.first);
  }

  /** Adds a whole day's rows (as read from the file). */
  addDay(service: string, counts: Omit<DayCounts, 'checks' | 'ok' | 'slow'> & Rows): void {
    const record = this.#day(service, counts.day);
    for (let index = 0; index < 24; index += 1) {
      record.checks[index] = (record.checks[index] ?? 0) + (counts.checks[index] ?? 0);
      record.ok[index] = (record.ok[index] ?? 0) + (counts.ok[index] ?? 0);
      record.slow[index] = (record.slow[index] ?? 0) + (counts.slow[index] ?? 0);
    }
    record.first = Math.min(record.first, counts.first);
  }

  /** Forgets hours that started before `before`; whether any with checks were forgotten. */
  prune(before: number): boolean {
    let pruned = false;
    for (const [service, days] of this.#services) {
      for (const [day, record] of days) {
        if (day + DAY_MS <= before) {
          days.delete(day);
          pruned = true;
          continue;
        }
        for (let index = 0; index < 24 && day + index * HOUR_MS < before; index += 1) {
          if (record.checks[index] === 0) continue;
          record.checks[index] = 0;
          record.ok[index] = 0;
          record.slow[index] = 0;
          pruned = true;
        }
        const firstHour = firstHourWithChecks(record);
        if (firstHour === undefined) days.delete(day);
        else record.first = Math.max(record.first, day + firstHour * HOUR_MS);
      }
      if (days.size === 0) this.#services.delete(service);
    }
    return pruned;
  }

  hours(service: string, from: number): ServiceHours {
    const days = [...(this.#services.get(service)?.values() ?? [])].sort((a, b) => a.day - b.day);
    const hours: HourCounts[] = [];
    for (const record of days) {
      if (record.day + DAY_MS <= from) continue;
      const firstHour = firstHourWithChecks(record);
      for (let index = 0; index < 24; index += 1) {
        const hour = record.day + index * HOUR_MS;
        const checks = record.checks[index] ?? 0;
        if (checks === 0 || hour < from) continue;
        hours.push({
          hour,
          checks,
          ok: record.ok[index] ?? 0,
          slow: record.slow[index] ?? 0,
          // Only the earliest check of the day is kept; other hours say when they started.
          first: index === firstHour ? record.first : hour,
        });
      }
    }
    return { since: days[0]?.first, hours };
  }

  *days(): Generator<[string, DayCounts]> {
    for (const [service, days] of this.#services) {
      for (const record of days.values()) yield [service, record];
    }
  }

  #day(service: string, day: number): DayCounts {
    let days = this.#services.get(service);
    if (!days) this.#services.set(service, (days = new Map<number, DayCounts>()));
    let record = days.get(day);
    if (!record) days.set(day, (record = emptyDay(day)));
    return record;
  }
}

/** Hour rows as plain arrays or typed ones. */
interface Rows {
  readonly checks: ArrayLike<number>;
  readonly ok: ArrayLike<number>;
  readonly slow: ArrayLike<number>;
}

function firstHourWithChecks(record: DayCounts): number | undefined {
  const index = record.checks.findIndex((checks) => checks > 0);
  return index === -1 ? undefined : index;
}
