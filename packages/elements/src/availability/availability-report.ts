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

/** Availability as the feed's probes measured it: successful checks over all checks. */
export interface MeasuredFigures {
  /** Percent; `null` when no check ran (no data, neither 0 % nor 100 %). */
  readonly availability: number | null;
  readonly checks: number;
  readonly successful: number;
}

/** Why there is no measured figure: the service has no probe, or its results cannot be read. */
export type MeasuredReason = 'no probe' | 'probe results unavailable';

export interface AvailabilityDay {
  /** `2026-03-14`: a calendar day in the service's time zone. */
  readonly date: string;
  /** Percent, as experienced; `null` before the feed's history begins. */
  readonly availability: number | null;
  readonly availabilityExcludingPlanned: number | null;
  /** When the feed's history began, when that was on this day: the figure covers the rest. */
  readonly historyBegan: string | null;
  /** `null` when the service has no probe (or the feed does not report measured figures). */
  readonly measured: (MeasuredFigures & { readonly began: string | null }) | null;
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
    /**
     * From the probes; `null` with a `measuredReason` when there is none, `undefined` when the
     * feed is older than measured availability.
     */
    readonly measured: (MeasuredFigures & { readonly since: string | null }) | null | undefined;
    readonly measuredReason: MeasuredReason | null;
  };
  readonly daily: readonly AvailabilityDay[];
  /** Titles of the incidents and maintenance named in `daily`, by id. */
  readonly titles: ReadonlyMap<string, LocalizedText>;
  /** Incidents resolved and maintenance completed in the period: each has a signed record. */
  readonly finished: readonly string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VERDICTS: readonly AvailabilityVerdict[] = [
  'met',
  'not met',
  'no data',
  'no target declared',
];

const REASONS: readonly MeasuredReason[] = ['no probe', 'probe results unavailable'];

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

function count(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function optionalTime(value: unknown): string | null | false {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : false;
}

/** Measured figures, `null` for none, `false` when they are malformed. */
function parseMeasured(
  value: unknown,
  timeField: 'began' | 'since',
): (MeasuredFigures & { readonly time: string | null }) | null | false {
  if (value === null || value === undefined) return null;
  if (!isObject(value)) return false;
  const availability = percent(value['availability']);
  const { checks, successful } = value;
  const time = optionalTime(value[timeField]);
  if (availability === false || !count(checks) || !count(successful) || time === false) {
    return false;
  }
  if ((checks === 0) !== (availability === null) || successful > checks) return false;
  return { availability, checks, successful, time };
}

function parseDay(value: unknown): AvailabilityDay | undefined {
  if (!isObject(value)) return undefined;
  const measured = parseMeasured(value['measured'], 'began');
  const historyBegan = optionalTime(value['historyBegan']);
  if (measured === false || historyBegan === false) return undefined;
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
  return {
    date,
    availability,
    availabilityExcludingPlanned: excluding,
    historyBegan,
    measured: measured && {
      availability: measured.availability,
      checks: measured.checks,
      successful: measured.successful,
      began: measured.time,
    },
    incidents,
    maintenance,
  };
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
  const measured = Object.hasOwn(summary, 'measured')
    ? parseMeasured(summary['measured'], 'since')
    : undefined;
  const measuredReason = REASONS.find((candidate) => candidate === summary['measuredReason']);
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
    verdict === undefined ||
    measured === false
  ) {
    return undefined;
  }
  const titles = new Map<string, LocalizedText>();
  const finished: string[] = [];
  for (const key of ['incidents', 'maintenance'] as const) {
    const list: unknown = json[key];
    if (!Array.isArray(list)) continue;
    for (const item of list as unknown[]) {
      if (!isObject(item) || typeof item['id'] !== 'string') continue;
      const title = localized(item['title']);
      if (title) titles.set(item['id'], title);
      if (item['state'] === (key === 'incidents' ? 'resolved' : 'completed'))
        finished.push(item['id']);
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
    summary: {
      availability,
      availabilityExcludingPlanned: excluding,
      verdict,
      measured: measured && {
        availability: measured.availability,
        checks: measured.checks,
        successful: measured.successful,
        since: measured.time,
      },
      measuredReason: measuredReason ?? null,
    },
    daily,
    titles,
    finished,
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
