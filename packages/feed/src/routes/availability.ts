import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FeedConfig, Incident, Maintenance } from '@statuskit/model';
import { HttpError } from '../http/http-error.js';
import type { Router } from '../http/router.js';
import type { Logger } from '../log.js';
import { DAY_MS, MINUTE_MS, TimeZone } from '../planning/zoned-time.js';
import { DEFINITIONS } from '../report/evaluation.js';
import {
  experiencedAvailability,
  floorPercent,
  measure,
  slaAvailability,
  type Exposure,
} from '../report/exposure.js';
import { catalogueFromConfig } from '../report/history.js';
import { StatusTimeline } from '../report/timeline.js';
import { readAllRecords } from '../store/archive.js';
import type { ChangeRecord, ChangeStore } from '../store/change-store.js';
import type { ProbeHours } from '../probes/probe-hours.js';
import type { OutageLedger } from '../records/outage-ledger.js';
import { measuredDays, type MeasuredFigures } from '../probes/measured-availability.js';

/**
 * `GET /v1/services/{id}/availability?days=90`: declared service levels next to availability
 * measured by the feed's probes (successful checks over all checks, from `ProbeHours`) and the
 * availability implied by the declared status, day by day, for the public.
 *
 * History lives in memory as a compact timeline: per service, the spans of its effective status
 * (with the incidents and maintenance behind them), not documents. It is built once at start-up
 * by streaming the journal (`readAllRecords`: archive segments, then the active journal), giving
 * the event loop back every few hundred records so a long journal never stalls the feed, and then
 * kept current by a store subscription, so a request never reads a file. Records accepted while
 * the journal is being read are queued and applied after it. Answers are cached per service and
 * `days` until the revision changes, the day changes, or five minutes pass.
 */

const MAX_DAYS = 366;
const DEFAULT_DAYS = 90;
const CACHE_MS = 5 * MINUTE_MS;
const YIELD_EVERY = 256;
/** Spans older than this are dropped: no request can reach them. */
const KEEP_MS = (MAX_DAYS + 2) * DAY_MS;

export interface AvailabilityDependencies {
  readonly config: FeedConfig;
  readonly store: ChangeStore;
  /** The journal to read history from; without it history starts when the server does. */
  readonly dataDir?: string | undefined;
  readonly now: () => Date;
  readonly log: Logger;
  /** Probe results by hour; without it no service shows measured availability. */
  readonly probeHours?: ProbeHours | undefined;
  /** Learns every record this history applies, for signed outage records. */
  readonly ledger?: OutageLedger | undefined;
}

/** What `AvailabilityHistory.events` gives: incidents and maintenance as last stored. */
export interface HistoryEvents {
  readonly incidents: readonly Incident[];
  readonly maintenance: readonly Maintenance[];
  /** When the entity last changed (ISO 8601), when known from the journal. */
  changedAt(kind: 'incident' | 'maintenance', id: string): string | undefined;
}

/** The store's history as a timeline, built in the background and kept current. */
export class AvailabilityHistory {
  readonly #timeline: StatusTimeline;
  readonly #incidents = new Map<string, Incident>();
  readonly #maintenance = new Map<string, Maintenance>();
  /** When each incident or maintenance window last changed (`incident/id`), from its record. */
  readonly #changedAt = new Map<string, string>();
  readonly #unsubscribe: () => void;
  readonly #ready: Promise<void>;
  readonly #ledger: OutageLedger | undefined;
  #queued: ChangeRecord[] | undefined = [];
  #closed = false;
  #failure: string | undefined;

  constructor(deps: AvailabilityDependencies) {
    const { store } = deps;
    this.#ledger = deps.ledger;
    this.#timeline = new StatusTimeline(catalogueFromConfig(deps.config));
    this.#unsubscribe = store.subscribe((records) => {
      if (this.#queued) this.#queued.push(...records);
      else for (const record of records) this.#apply(record);
    });
    this.#ready = this.#build(deps).catch((error: unknown) => {
      this.#failure = error instanceof Error ? error.message : String(error);
      deps.log({ level: 'error', msg: `availability history unavailable: ${this.#failure}` });
    });
  }

  /** The timeline, once the journal has been read. */
  async timeline(): Promise<StatusTimeline> {
    await this.#ready;
    if (this.#failure !== undefined) {
      throw new HttpError(
        503,
        'availability history could not be read from the journal; see the feed log',
      );
    }
    return this.#timeline;
  }

  incident(id: string): Incident | undefined {
    return this.#incidents.get(id);
  }

  maintenance(id: string): Maintenance | undefined {
    return this.#maintenance.get(id);
  }

  /**
   * Whether the journal ever held an incident or maintenance with this id, once it has been
   * read (false when it could not be): ids must stay unique in history after the live window
   * retires them, or reports would merge two events.
   */
  async everHad(kind: 'incident' | 'maintenance', id: string): Promise<boolean> {
    await this.#ready;
    return (kind === 'incident' ? this.#incidents : this.#maintenance).has(id);
  }

  /**
   * Every incident and maintenance window the journal has held, each as last stored, with the
   * time of that change when the journal said it (the Atom feed's source), once it has been read.
   */
  async events(): Promise<HistoryEvents> {
    await this.timeline();
    return {
      incidents: [...this.#incidents.values()],
      maintenance: [...this.#maintenance.values()],
      changedAt: (kind, id) => this.#changedAt.get(`${kind}/${id}`),
    };
  }

  /** Stops following the store; resolves once a journal read in progress has let go. */
  close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe();
    return this.#ready;
  }

  async #build(deps: AvailabilityDependencies): Promise<void> {
    const upTo = deps.store.revision;
    let applied = 0;
    if (deps.dataDir !== undefined && upTo > 0) {
      for await (const record of readAllRecords(deps.dataDir)) {
        if (this.#closed || record.revision > upTo) break;
        this.#apply(record);
        applied += 1;
        if (applied % YIELD_EVERY === 0) await yieldToEventLoop();
      }
    }
    if (this.#timeline.revision < upTo) {
      // No journal to read (another store), or it ends early: start from the current document.
      const { document } = deps.store;
      this.#timeline.seed(document, upTo, deps.now().getTime());
      this.#ledger?.seed(document);
      for (const incident of document.incidents) this.#incidents.set(incident.id, incident);
      for (const window of document.maintenance) this.#maintenance.set(window.id, window);
    }
    const queued = this.#queued ?? [];
    this.#queued = undefined;
    for (const record of queued) {
      if (record.revision > this.#timeline.revision) this.#apply(record);
    }
    this.#timeline.prune(deps.now().getTime() - KEEP_MS);
  }

  #apply(record: ChangeRecord): void {
    this.#timeline.apply(record);
    this.#ledger?.apply(record);
    const { change } = record;
    if (change.type === 'incident') {
      this.#incidents.set(change.incident.id, change.incident);
      this.#changedAt.set(`incident/${change.incident.id}`, record.time);
    }
    if (change.type === 'maintenance') {
      this.#maintenance.set(change.maintenance.id, change.maintenance);
      this.#changedAt.set(`maintenance/${change.maintenance.id}`, record.time);
    }
  }
}

function exposureFigures(exposure: Exposure): Record<string, unknown> {
  const experienced = experiencedAvailability(exposure);
  const excludingPlanned = slaAvailability(exposure);
  const minutes = (ms: number): number => Math.round((ms / MINUTE_MS) * 10) / 10;
  return {
    availability: experienced === undefined ? null : floorPercent(experienced),
    availabilityExcludingPlanned:
      excludingPlanned === undefined ? null : floorPercent(excludingPlanned),
    observedMinutes: minutes(exposure.observedMs),
    unavailableMinutes: minutes(exposure.unavailableMs),
    plannedMinutes: minutes(exposure.plannedMs),
    unplannedMinutes: minutes(exposure.unplannedMs),
    impairedMinutes: minutes(exposure.impairedMs),
    unknownMinutes: minutes(exposure.unknownMs),
    worst: exposure.worst ?? null,
  };
}

const MEASURED_DEFINITION =
  '100 % × successful ÷ all checks of the service’s probes, counted per hour (UTC) and kept 90 days; days and hours without checks have no figure';

/** Why a service shows no measured availability: it has no probe, or its results cannot be read. */
type MeasuredReason = 'no probe' | 'probe results unavailable';

async function measuredFor(
  deps: AvailabilityDependencies,
  service: string,
  dayStarts: readonly number[],
  zone: TimeZone,
): Promise<{ figures: MeasuredFigures | undefined; reason: MeasuredReason | null }> {
  const probed = deps.config.probes?.some((probe) => probe.service === service) ?? false;
  const first = dayStarts[0];
  if (!probed || !deps.probeHours || first === undefined) {
    return { figures: undefined, reason: 'no probe' };
  }
  try {
    const hours = await deps.probeHours.hours(service, first);
    return { figures: measuredDays(hours, dayStarts, zone), reason: null };
  } catch (error) {
    deps.log({
      level: 'error',
      msg: `probe results for ${service} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    });
    return { figures: undefined, reason: 'probe results unavailable' };
  }
}

function parseDays(raw: string | null): number {
  if (raw === null) return DEFAULT_DAYS;
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || days < 1 || days > MAX_DAYS) {
    throw new HttpError(400, `days: must be a whole number from 1 to ${MAX_DAYS}, not "${raw}"`);
  }
  return days;
}

interface CachedBody {
  readonly revision: number;
  readonly day: string;
  readonly expires: number;
  readonly body: Buffer;
}

export function registerAvailabilityRoutes(
  router: Router,
  deps: AvailabilityDependencies,
): AvailabilityHistory {
  const history = new AvailabilityHistory(deps);
  const zones = new Map<string, TimeZone>();
  const zoneOf = (name: string): TimeZone => {
    let zone = zones.get(name);
    if (!zone) zones.set(name, (zone = new TimeZone(name)));
    return zone;
  };
  const cache = new Map<string, CachedBody>();
  let lastPrune = deps.now().getTime();

  router.on('GET', '/v1/services/{id}/availability', async ({ res, url, params }) => {
    const id = params['id'] ?? '';
    const days = parseDays(url.searchParams.get('days'));
    const document = deps.store.document;
    const service = document.services.find((candidate) => candidate.id === id);
    if (!service) throw new HttpError(404, `no service "${id}" in this feed`);
    const timeline = await history.timeline();
    const now = deps.now().getTime();
    const zone = zoneOf(service.timeZone ?? document.timeZone);
    const today = zone.date(now);
    const key = `${id}\n${days}`;
    const cached = cache.get(key);
    const headers = { 'cache-control': 'public, max-age=300' };
    if (
      cached &&
      cached.revision === deps.store.revision &&
      cached.day === today &&
      now < cached.expires
    ) {
      res.writeHead(200, {
        ...headers,
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(cached.body.length),
      });
      res.end(cached.body);
      return;
    }

    timeline.advance(now);
    const spans = timeline.spans(id);
    const todayStart = zone.startOfDay(now);
    const { year, month, day } = zone.local(todayStart);
    const from = zone.instant(year, month, day - (days - 1));
    const dayStarts: number[] = [];
    for (let start = from; start <= todayStart; start = zone.nextDay(start)) dayStarts.push(start);
    const measured = await measuredFor(deps, id, dayStarts, zone);
    const since = timeline.since;
    const daily: Record<string, unknown>[] = dayStarts.map((start, index) => {
      const next = zone.nextDay(start);
      const end = Math.min(next, now);
      const exposure = measure(spans, start, Math.max(start, end));
      return {
        date: zone.date(start),
        ...exposureFigures(exposure),
        // The day history began is observed only from then on: its figure covers that part.
        historyBegan:
          since !== undefined && since >= start && since < next ? zone.iso(since) : null,
        measured: measured.figures ? (measured.figures.days[index] ?? null) : null,
        incidents: [...exposure.incidents].sort(),
        maintenance: [...exposure.maintenance].sort(),
      };
    });
    const total = measure(spans, from, now);
    const excludingPlanned = slaAvailability(total);
    const target = service.sla?.availabilityTarget;
    const longest = total.longestOutage;
    const incidents = [...total.incidents].sort().flatMap((incidentId) => {
      const incident = history.incident(incidentId);
      if (!incident) return [];
      const { id: _id, title, impact, state, services, startedAt, resolvedAt } = incident;
      return [
        {
          id: incidentId,
          title,
          impact,
          state,
          services,
          startedAt,
          resolvedAt: resolvedAt ?? null,
        },
      ];
    });
    const maintenance = [...total.maintenance].sort().flatMap((maintenanceId) => {
      const window = history.maintenance(maintenanceId);
      if (!window) return [];
      return [
        {
          id: maintenanceId,
          title: window.title,
          state: window.state,
          services: window.services,
          scheduledStart: window.scheduledStart,
          scheduledEnd: window.scheduledEnd,
          actualStart: window.actualStart ?? null,
          actualEnd: window.actualEnd ?? null,
        },
      ];
    });
    const body = Buffer.from(
      JSON.stringify({
        service: id,
        timeZone: zone.name,
        days,
        from: zone.iso(from),
        to: zone.iso(now),
        generatedAt: new Date(now).toISOString(),
        revision: deps.store.revision,
        historySince: timeline.since === undefined ? null : new Date(timeline.since).toISOString(),
        sla: service.sla ?? null,
        summary: {
          ...exposureFigures(total),
          longestOutage: longest
            ? {
                start: zone.iso(longest.start),
                end: zone.iso(longest.end),
                minutes: Math.round((longest.end - longest.start) / MINUTE_MS),
              }
            : null,
          measured: measured.figures?.total ?? null,
          measuredReason: measured.reason,
          verdict:
            excludingPlanned === undefined
              ? 'no data'
              : target === undefined
                ? 'no target declared'
                : excludingPlanned >= target
                  ? 'met'
                  : 'not met',
        },
        definitions: {
          unavailable: DEFINITIONS.unavailable,
          planned: DEFINITIONS.planned,
          impaired: DEFINITIONS.impaired,
          availability: DEFINITIONS.availability,
          availabilityExcludingPlanned: DEFINITIONS.availabilityExcludingPlanned,
          observed: DEFINITIONS.observed,
          measured: MEASURED_DEFINITION,
        },
        daily,
        incidents,
        maintenance,
      }),
    );
    if (cache.size > 1024) cache.clear();
    cache.set(key, { revision: deps.store.revision, day: today, expires: now + CACHE_MS, body });
    if (now - lastPrune > DAY_MS) {
      timeline.prune(now - KEEP_MS);
      lastPrune = now;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(body.length),
    });
    res.end(body);
  });
  return history;
}
