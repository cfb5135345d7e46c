import type { LocalizedText } from '@statuskit/model';

/**
 * The answer of `GET {feed}/services/{id}/availability?days=N` (see the feed's README), checked
 * field by field: anything from the network is untrusted, and a field of the wrong type makes the
 * whole answer unusable rather than half-rendered.
 */

export interface AvailabilitySla {
  readonly availabilityTarget: number | undefined;
  readonly supportHours: LocalizedText | undefined;
  readonly maxOutageMinutes: number | undefined;
  readonly noticePeriodDays: number | undefined;
}

export interface AvailabilityDay {
  /** `2026-03-14`: a calendar day in the service's time zone. */
  readonly date: string;
  /** Percent, as experienced; `null` before the feed's history begins. */
  readonly availability: number | null;
  readonly availabilityExcludingPlanned: number | null;
  readonly incidents: readonly string[];
  readonly maintenance: readonly string[];
}

export type AvailabilityVerdict = 'met' | 'not met' | 'no data' | 'no target declared';

export interface AvailabilityReport {
  readonly service: string;
  readonly timeZone: string;
  readonly days: number;
  readonly from: string;
  readonly to: string;
  readonly revision: number;
  readonly historySince: string | null;
  readonly sla: AvailabilitySla | null;
  readonly summary: {
    readonly availability: number | null;
    readonly availabilityExcludingPlanned: number | null;
    readonly verdict: AvailabilityVerdict;
  };
  readonly daily: readonly AvailabilityDay[];
  /** Titles of the incidents and maintenance named in `daily`, by id. */
  readonly titles: ReadonlyMap<string, LocalizedText>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VERDICTS: readonly AvailabilityVerdict[] = [
  'met',
  'not met',
  'no data',
  'no target declared',
];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function percent(value: unknown): number | null | false {
  if (value === null) return null;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100
    ? value
    : false;
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function localized(value: unknown): LocalizedText | undefined {
  if (!isObject(value)) return undefined;
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
    ? value
    : undefined;
}

function parseSla(value: unknown): AvailabilitySla | null {
  if (!isObject(value)) return null;
  const target = percent(value['availabilityTarget']);
  return {
    availabilityTarget: typeof target === 'number' ? target : undefined,
    supportHours: localized(value['supportHours']),
    maxOutageMinutes: optionalNumber(value['maxOutageMinutes']),
    noticePeriodDays: optionalNumber(value['noticePeriodDays']),
  };
}

function parseDay(value: unknown): AvailabilityDay | undefined {
  if (!isObject(value)) return undefined;
  const { date } = value;
  const availability = percent(value['availability']);
  const excluding = percent(value['availabilityExcludingPlanned']);
  const incidents = strings(value['incidents']);
  const maintenance = strings(value['maintenance']);
  if (
    typeof date !== 'string' ||
    !DATE.test(date) ||
    availability === false ||
    excluding === false ||
    !incidents ||
    !maintenance
  ) {
    return undefined;
  }
  return { date, availability, availabilityExcludingPlanned: excluding, incidents, maintenance };
}

/** The report in `json`, or `undefined` when it is not one. */
export function parseAvailabilityReport(json: unknown): AvailabilityReport | undefined {
  if (!isObject(json) || !isObject(json['summary']) || !Array.isArray(json['daily'])) {
    return undefined;
  }
  const { service, timeZone, days, from, to, revision, historySince } = json;
  const summary = json['summary'];
  const availability = percent(summary['availability']);
  const excluding = percent(summary['availabilityExcludingPlanned']);
  const verdict = VERDICTS.find((candidate) => candidate === summary['verdict']);
  const daily: AvailabilityDay[] = [];
  for (const entry of json['daily'] as unknown[]) {
    const day = parseDay(entry);
    if (!day) return undefined;
    daily.push(day);
  }
  if (
    typeof service !== 'string' ||
    typeof timeZone !== 'string' ||
    typeof days !== 'number' ||
    typeof from !== 'string' ||
    typeof to !== 'string' ||
    availability === false ||
    excluding === false ||
    verdict === undefined
  ) {
    return undefined;
  }
  const titles = new Map<string, LocalizedText>();
  for (const key of ['incidents', 'maintenance'] as const) {
    const list: unknown = json[key];
    if (!Array.isArray(list)) continue;
    for (const item of list as unknown[]) {
      if (!isObject(item) || typeof item['id'] !== 'string') continue;
      const title = localized(item['title']);
      if (title) titles.set(item['id'], title);
    }
  }
  return {
    service,
    timeZone,
    days,
    from,
    to,
    revision: typeof revision === 'number' ? revision : 0,
    historySince: typeof historySince === 'string' ? historySince : null,
    sla: parseSla(json['sla']),
    summary: { availability, availabilityExcludingPlanned: excluding, verdict },
    daily,
    titles,
  };
}

/**
 * A percentage for people, cut (never rounded up) to `digits` decimals: 99.996 % must not read
 * as 100 %. `99,99 %` in Danish, `99.99%` in English (`Intl.NumberFormat`).
 */
export function formatPercent(value: number, locale: string, digits = 2): string {
  const factor = 10 ** digits;
  const cut = Math.floor(value * factor + 1e-9) / factor;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'percent',
      maximumFractionDigits: digits,
    }).format(cut / 100);
  } catch {
    return `${String(cut)}%`;
  }
}
