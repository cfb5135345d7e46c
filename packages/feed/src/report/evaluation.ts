import { formatChain, type LocalizedText, type SlaDeclaration } from '@statuskit/model';
import type { UsageLog } from '../planning/access-log.js';
import { recordLink } from '../records/record-link.js';
import { coveredHours, nextHour, type UsageProfile } from '../planning/usage-profile.js';
import { observedLoad, proposeWindows, windowLoad } from '../planning/windows.js';
import { DAY_MS, MINUTE_MS, type TimeZone } from '../planning/zoned-time.js';
import { experiencedAvailability, floorPercent, measure, slaAvailability } from './exposure.js';
import { alternativesAt, type CatalogueSource, type History } from './history.js';

/**
 * The outage evaluation: per service (availability against the declared service levels), per
 * planned maintenance (notice, punctuality, alternatives, timing) and per incident (openness and
 * pace of communication). Pure: the same history and options give the same report.
 */

export const DEFINITIONS = {
  unavailable:
    'effective (experienced) status major_outage or maintenance, including what dependencies pass on',
  planned:
    'maintenance inside an announced window (scheduledStart ≤ t < scheduledEnd); overruns, early starts and unannounced maintenance are unplanned',
  impaired: 'effective status degraded or partial_outage: usable with trouble, not unavailable',
  availability:
    '100 % × (1 − unavailable ÷ observed): what users met, planned maintenance included',
  availabilityExcludingPlanned:
    '100 % × (1 − unplanned ÷ (observed − planned)): announced maintenance taken out of the period; the verdict compares this with availabilityTarget',
  observed:
    'time in the period from the first journal record on, while the service was in the catalogue; times are when the feed published each change',
} as const;

export interface UsageInput {
  readonly usage: UsageLog;
  readonly profile: UsageProfile;
}

export interface ReportOptions {
  readonly from: number;
  readonly to: number;
  /** Nothing after now is measured, even when the period runs on. */
  readonly now: number;
  readonly zone: TimeZone;
  readonly service?: string | undefined;
  readonly catalogueSource: CatalogueSource;
  readonly dataDir?: string;
  readonly usage?: UsageInput | undefined;
  /** The feed's public address, for links to signed records (`recordLink`). */
  readonly feedUrl?: string | undefined;
}

export interface Reached {
  readonly direct: readonly string[];
  readonly throughDependencies: readonly { readonly service: string; readonly chain: string }[];
}

export interface ServiceEvaluation {
  readonly id: string;
  readonly name: LocalizedText | null;
  readonly sla: SlaDeclaration | null;
  readonly observedMinutes: number;
  readonly unavailableMinutes: number;
  readonly plannedMinutes: number;
  readonly unplannedMinutes: number;
  readonly impairedMinutes: number;
  readonly unknownMinutes: number;
  /** Percent, rounded down to 3 decimals; `null` when nothing was observed. */
  readonly availability: number | null;
  readonly availabilityExcludingPlanned: number | null;
  readonly target: number | null;
  readonly verdict: 'met' | 'not met' | 'no target declared' | 'no data';
  readonly longestOutage: {
    readonly start: string;
    readonly end: string;
    readonly minutes: number;
  } | null;
  readonly maxOutageMinutes: number | null;
  readonly longestOutageVerdict: 'within' | 'exceeded' | 'no maximum declared';
  readonly incidents: readonly string[];
  readonly maintenance: readonly string[];
}

export interface MaintenanceEvaluation {
  readonly id: string;
  readonly title: LocalizedText;
  readonly state: string;
  readonly services: Reached;
  readonly announcedAt: string;
  readonly scheduledStart: string;
  readonly scheduledEnd: string;
  readonly actualStart: string | null;
  readonly actualEnd: string | null;
  /** Days from `announcedAt` to `scheduledStart`, one decimal, rounded down. */
  readonly leadTimeDays: number;
  readonly noticePeriodDays: number | null;
  readonly noticeVerdict: 'met' | 'short' | 'no notice period declared';
  readonly startDelayMinutes: number | null;
  /** Actual end minus scheduled end: negative when it ended early. */
  readonly endDeltaMinutes: number | null;
  readonly overrunMinutes: number | null;
  /** Where its signed record is served, once it completed or was cancelled; else `null`. */
  readonly record: string | null;
  readonly alternatives: {
    readonly beforeStart: boolean;
    readonly kinds: readonly string[];
    readonly sources: readonly string[];
  };
  readonly usage?: {
    readonly visitors: number;
    readonly quietest: { readonly start: string; readonly end: string; readonly visitors: number };
    /** Chosen ÷ quietest; `null` when the quietest window had no visitors at all. */
    readonly timesQuietest: number | null;
    readonly source: 'log' | 'typical week' | 'log and typical week';
  };
}

export interface IncidentEvaluation {
  readonly id: string;
  readonly title: LocalizedText;
  readonly impact: string;
  readonly state: string;
  readonly services: Reached;
  readonly startedAt: string;
  readonly resolvedAt: string | null;
  readonly publishedAt: string;
  readonly publishedAfterMinutes: number;
  /** `null` while it is still open. */
  readonly durationMinutes: number | null;
  readonly ongoing: boolean;
  /** Minutes from the start to the first update after the opening one; `null`: none. */
  readonly firstUpdateAfterMinutes: number | null;
  readonly updates: number;
  readonly medianUpdateGapMinutes: number | null;
  /** Where its signed record is served, once it is resolved; else `null`. */
  readonly record: string | null;
}

export interface Report {
  readonly period: { readonly from: string; readonly to: string; readonly timeZone: string };
  readonly source: {
    readonly dataDir?: string;
    readonly catalogue: CatalogueSource;
    readonly firstRevision: number | null;
    readonly lastRevision: number | null;
    readonly historyFrom: string | null;
    readonly historyTo: string | null;
  };
  readonly definitions: typeof DEFINITIONS;
  readonly services: readonly ServiceEvaluation[];
  readonly maintenance: readonly MaintenanceEvaluation[];
  readonly incidents: readonly IncidentEvaluation[];
  /** Changes of services' own status in the period, and who made each (`probe:<id>` for probes). */
  readonly statusChanges: readonly StatusChangeEntry[];
}

export interface StatusChangeEntry {
  readonly at: string;
  readonly revision: number;
  readonly service: string;
  readonly status: string;
  readonly actor: string;
}

const minutes = (ms: number): number => Math.round((ms / MINUTE_MS) * 10) / 10;

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function reachedBy(history: History, key: string, direct: ReadonlySet<string>): Reached {
  const through = [...(history.reached.get(key)?.values() ?? [])]
    .filter((sighting) => sighting.chain.length > 1 && !direct.has(sighting.service))
    .sort((a, b) => a.service.localeCompare(b.service))
    .map((sighting) => ({ service: sighting.service, chain: formatChain(sighting.chain) }));
  return { direct: [...direct].sort(), throughDependencies: through };
}

function concerns(reached: Reached, service: string | undefined): boolean {
  return (
    service === undefined ||
    reached.direct.includes(service) ||
    reached.throughDependencies.some((entry) => entry.service === service)
  );
}

function evaluateService(history: History, id: string, options: ReportOptions): ServiceEvaluation {
  const service = history.timeline.document.services.find((candidate) => candidate.id === id);
  const until = Math.min(options.to, options.now);
  const exposure = measure(history.timeline.spans(id), options.from, Math.max(options.from, until));
  const experienced = experiencedAvailability(exposure);
  const excludingPlanned = slaAvailability(exposure);
  const sla = service?.sla ?? null;
  const target = sla?.availabilityTarget ?? null;
  const longest = exposure.longestOutage;
  const longestMinutes = longest ? minutes(longest.end - longest.start) : 0;
  const max = sla?.maxOutageMinutes ?? null;
  return {
    id,
    name: service?.name ?? null,
    sla,
    observedMinutes: minutes(exposure.observedMs),
    unavailableMinutes: minutes(exposure.unavailableMs),
    plannedMinutes: minutes(exposure.plannedMs),
    unplannedMinutes: minutes(exposure.unplannedMs),
    impairedMinutes: minutes(exposure.impairedMs),
    unknownMinutes: minutes(exposure.unknownMs),
    availability: experienced === undefined ? null : floorPercent(experienced),
    availabilityExcludingPlanned:
      excludingPlanned === undefined ? null : floorPercent(excludingPlanned),
    target,
    verdict:
      excludingPlanned === undefined
        ? 'no data'
        : target === null
          ? 'no target declared'
          : excludingPlanned >= target
            ? 'met'
            : 'not met',
    longestOutage: longest
      ? {
          start: options.zone.iso(longest.start),
          end: options.zone.iso(longest.end),
          minutes: longestMinutes,
        }
      : null,
    maxOutageMinutes: max,
    longestOutageVerdict:
      max === null ? 'no maximum declared' : longestMinutes > max ? 'exceeded' : 'within',
    incidents: [...exposure.incidents].sort(),
    maintenance: [...exposure.maintenance].sort(),
  };
}

function usageComparison(
  usage: UsageInput,
  covered: ReadonlySet<number>,
  start: number,
  end: number,
): MaintenanceEvaluation['usage'] {
  const zone = usage.usage.timeZone;
  const load = observedLoad(usage.usage, usage.profile, covered);
  const chosen = windowLoad(zone, load, start, end);
  const weekStart = zone.startOfWeek(start);
  const weekEnd = zone.startOfWeek(weekStart + 8 * DAY_MS);
  const best = proposeWindows({
    zone,
    load,
    from: weekStart,
    to: weekEnd,
    durationMs: end - start,
    top: 1,
  }).windows[0];
  if (!best) return undefined;
  let seen = 0;
  let hours = 0;
  for (let hour = weekStart; hour < weekEnd; hour = nextHour(zone, hour)) {
    hours += 1;
    if (covered.has(hour)) seen += 1;
  }
  return {
    visitors: Math.round(chosen.visitors),
    quietest: {
      start: zone.iso(best.start),
      end: zone.iso(best.end),
      visitors: Math.round(best.visitors),
    },
    timesQuietest:
      best.visitors > 0 ? Math.round((chosen.visitors / best.visitors) * 10) / 10 : null,
    source: seen === hours ? 'log' : seen === 0 ? 'typical week' : 'log and typical week',
  };
}

export function evaluate(history: History, options: ReportOptions): Report {
  const { zone, from, to } = options;
  const document = history.timeline.document;
  history.timeline.advance(Math.min(to, options.now));
  const covered = options.usage ? new Set(coveredHours(options.usage.usage)) : undefined;

  const serviceIds =
    options.service !== undefined
      ? [options.service]
      : [
          ...new Set([
            ...document.services.map((service) => service.id),
            ...history.timeline.serviceIds(),
          ]),
        ];
  const services = serviceIds.map((id) => evaluateService(history, id, options));

  const declared = (id: string): SlaDeclaration | undefined =>
    document.services.find((service) => service.id === id)?.sla;

  const maintenance: MaintenanceEvaluation[] = [];
  for (const [id, entry] of history.maintenance) {
    const window = entry.latest;
    const scheduledStart = Date.parse(window.scheduledStart);
    const scheduledEnd = Date.parse(window.scheduledEnd);
    const actualStart =
      window.actualStart === undefined ? undefined : Date.parse(window.actualStart);
    const actualEnd = window.actualEnd === undefined ? undefined : Date.parse(window.actualEnd);
    const start = actualStart ?? scheduledStart;
    if (start < from || start >= to) continue;
    const services = reachedBy(history, `maintenance:${id}`, entry.services);
    if (!concerns(services, options.service)) continue;

    const lead = scheduledStart - Date.parse(window.announcedAt);
    const notices = services.direct.flatMap((service) => {
      const days = declared(service)?.noticePeriodDays;
      return days === undefined ? [] : [days];
    });
    const noticeDays = notices.length > 0 ? Math.max(...notices) : null;

    const sources: string[] = [];
    const kinds = new Set<string>();
    const offered = alternativesAt(entry.alternatives, start);
    if (offered.length > 0) sources.push('maintenance');
    for (const kind of offered) kinds.add(kind);
    const affected = [
      ...services.direct,
      ...services.throughDependencies.map((entry) => entry.service),
    ];
    for (const service of affected) {
      const own = alternativesAt(history.serviceAlternatives.get(service), start);
      if (own.length > 0) sources.push(`service:${service}`);
      for (const kind of own) kinds.add(kind);
    }

    const usage =
      options.usage && covered
        ? usageComparison(options.usage, covered, scheduledStart, scheduledEnd)
        : undefined;
    maintenance.push({
      id,
      title: window.title,
      state: window.state,
      services,
      announcedAt: window.announcedAt,
      scheduledStart: window.scheduledStart,
      scheduledEnd: window.scheduledEnd,
      actualStart: window.actualStart ?? null,
      actualEnd: window.actualEnd ?? null,
      leadTimeDays: Math.floor((lead / DAY_MS) * 10) / 10,
      noticePeriodDays: noticeDays,
      noticeVerdict:
        noticeDays === null
          ? 'no notice period declared'
          : lead >= noticeDays * DAY_MS
            ? 'met'
            : 'short',
      startDelayMinutes: actualStart === undefined ? null : minutes(actualStart - scheduledStart),
      endDeltaMinutes: actualEnd === undefined ? null : minutes(actualEnd - scheduledEnd),
      overrunMinutes:
        actualEnd === undefined ? null : Math.max(0, minutes(actualEnd - scheduledEnd)),
      record:
        window.state === 'completed' || window.state === 'cancelled'
          ? recordLink(options.feedUrl, id)
          : null,
      alternatives: { beforeStart: kinds.size > 0, kinds: [...kinds], sources },
      ...(usage && { usage }),
    });
  }
  maintenance.sort(
    (a, b) =>
      Date.parse(a.scheduledStart) - Date.parse(b.scheduledStart) || a.id.localeCompare(b.id),
  );

  const incidents: IncidentEvaluation[] = [];
  for (const [id, entry] of history.incidents) {
    const incident = entry.latest;
    const started = Date.parse(incident.startedAt);
    const resolved =
      incident.resolvedAt === undefined ? undefined : Date.parse(incident.resolvedAt);
    if (started >= to || (resolved !== undefined && resolved < from)) continue;
    const services = reachedBy(history, `incident:${id}`, entry.services);
    if (!concerns(services, options.service)) continue;
    const times = incident.updates.map((update) => Date.parse(update.time)).sort((a, b) => a - b);
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? time));
    const firstUpdate = times[1];
    const gap = median(gaps);
    incidents.push({
      id,
      title: incident.title,
      impact: incident.impact,
      state: incident.state,
      services,
      startedAt: incident.startedAt,
      resolvedAt: incident.resolvedAt ?? null,
      publishedAt: new Date(entry.publishedAt).toISOString(),
      publishedAfterMinutes: minutes(entry.publishedAt - started),
      durationMinutes: resolved === undefined ? null : minutes(resolved - started),
      ongoing: resolved === undefined,
      firstUpdateAfterMinutes: firstUpdate === undefined ? null : minutes(firstUpdate - started),
      updates: incident.updates.length,
      medianUpdateGapMinutes: gap === undefined ? null : minutes(gap),
      record: incident.state === 'resolved' ? recordLink(options.feedUrl, id) : null,
    });
  }
  incidents.sort(
    (a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.id.localeCompare(b.id),
  );

  return {
    period: { from: zone.iso(from), to: zone.iso(to), timeZone: zone.name },
    source: {
      ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
      catalogue: options.catalogueSource,
      firstRevision: history.first?.revision ?? null,
      lastRevision: history.last?.revision ?? null,
      historyFrom: history.first ? new Date(history.first.time).toISOString() : null,
      historyTo: history.last ? new Date(history.last.time).toISOString() : null,
    },
    definitions: DEFINITIONS,
    services,
    maintenance,
    statusChanges: history.statusChanges
      .filter(
        (entry) =>
          entry.time >= from &&
          entry.time < to &&
          (options.service === undefined || entry.service === options.service),
      )
      .map(({ time, revision, service, status, actor }) => ({
        at: zone.iso(time),
        revision,
        service,
        status,
        actor,
      })),
    incidents,
  };
}
