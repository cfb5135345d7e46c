import {
  effectiveStatus,
  type Change,
  type Incident,
  type Maintenance,
  type Service,
  type Status,
  type StatusDocument,
} from '@statuskit/model';
import type { ChangeRecord } from '../store/change-store.js';

/**
 * The experienced (effective) status of every service over time, rebuilt from the journal.
 *
 * Replaying the records in order gives the document after each change; the effective status is
 * evaluated at every record's time and at every instant in between where it can change without a
 * record: the start and end of each announced maintenance window (`scheduled` windows count inside
 * their window, and the end of the window decides whether `in_progress` work is an overrun).
 * Times are the journal's: when the feed published a change is when users could see it, which
 * makes the figures reproducible from the data directory alone.
 */

/** `absent`: the service is not in the catalogue (yet, or any more). */
export type SpanStatus = Status | 'absent';

/** From `start` until the next span of the same service (or for ever, for the last one). */
export interface StatusSpan {
  readonly start: number;
  readonly status: SpanStatus;
  /**
   * `maintenance` inside an announced window (`scheduledStart ≤ t < scheduledEnd` of one of the
   * maintenance among the causes). Work running past its window, started early, or a service's own
   * status set to `maintenance` is unavailability nobody announced, so not planned.
   */
  readonly planned: boolean;
  /** Incidents and maintenance among the causes, directly or through dependencies. */
  readonly incidents: readonly string[];
  readonly maintenance: readonly string[];
}

/** One service reached by an incident or maintenance: directly (`chain.length === 1`) or not. */
export interface CauseSighting {
  readonly kind: 'incident' | 'maintenance';
  readonly id: string;
  readonly service: string;
  /** `[service, …, origin]` */
  readonly chain: readonly string[];
  readonly status: Status;
  readonly time: number;
}

export interface TimelineOptions {
  /** Called for each cause of a span when the span starts. */
  readonly onCause?: (sighting: CauseSighting) => void;
}

const NONE: readonly string[] = Object.freeze([]);

function inWindow(window: Maintenance | undefined, time: number): boolean {
  return (
    window !== undefined &&
    Date.parse(window.scheduledStart) <= time &&
    time < Date.parse(window.scheduledEnd)
  );
}

function sameSpan(a: StatusSpan, b: Omit<StatusSpan, 'start'>): boolean {
  return (
    a.status === b.status &&
    a.planned === b.planned &&
    a.incidents.join('\n') === b.incidents.join('\n') &&
    a.maintenance.join('\n') === b.maintenance.join('\n')
  );
}

/**
 * Whether an incident or maintenance can still affect effective status: resolved incidents and
 * completed or cancelled maintenance never do, so they are left out of the replayed document.
 */
function isLive(entity: Incident | Maintenance): boolean {
  return 'impact' in entity
    ? entity.state !== 'resolved'
    : entity.state === 'scheduled' || entity.state === 'in_progress';
}

export class StatusTimeline {
  readonly #spans = new Map<string, StatusSpan[]>();
  readonly #onCause: ((sighting: CauseSighting) => void) | undefined;
  readonly #settings: Omit<StatusDocument, 'services' | 'incidents' | 'maintenance'>;
  // The document as maps, holding only what can still affect status: replaying years of
  // history must not copy every incident ever opened at every record (`applyChange` would).
  readonly #services = new Map<string, Service>();
  readonly #incidents = new Map<string, Incident>();
  readonly #maintenance = new Map<string, Maintenance>();
  #document: StatusDocument | undefined;
  #revision = 0;
  /** Last instant evaluated. */
  #time = Number.NEGATIVE_INFINITY;
  #firstRecord: number | undefined;

  /**
   * `catalogue` is the document before the first record: its services (their definitions and
   * initial status); its incidents and maintenance are ignored, as the journal holds them all.
   */
  constructor(catalogue: StatusDocument, options: TimelineOptions = {}) {
    const { services, incidents: _i, maintenance: _m, ...settings } = catalogue;
    this.#settings = settings;
    for (const service of services) this.#services.set(service.id, service);
    this.#onCause = options.onCause;
  }

  /**
   * The document as replayed so far: the catalogue, open incidents, and maintenance that is
   * scheduled or in progress (what effective status depends on).
   */
  get document(): StatusDocument {
    this.#document ??= {
      ...this.#settings,
      services: [...this.#services.values()],
      incidents: [...this.#incidents.values()],
      maintenance: [...this.#maintenance.values()],
    };
    return this.#document;
  }

  get revision(): number {
    return this.#revision;
  }

  /** Time of the first record: history starts there. */
  get since(): number | undefined {
    return this.#firstRecord;
  }

  /** The last instant evaluated so far. */
  get evaluatedUntil(): number {
    return this.#time;
  }

  apply(record: ChangeRecord): void {
    const parsed = Date.parse(record.time);
    // Record times only grow; a clock stepping back a little must not reorder history.
    const time = Number.isNaN(parsed) ? this.#time : Math.max(parsed, this.#time);
    this.advance(time, false);
    this.#applyChange(record.change);
    this.#revision = record.revision;
    this.#firstRecord ??= time;
    this.#evaluate(time);
  }

  /**
   * Starts history at `time` from a whole document, for a store whose journal cannot be read:
   * what came before is unknown, so nothing before `time` is observed.
   */
  seed(document: StatusDocument, revision: number, time: number): void {
    this.advance(time, false);
    this.#services.clear();
    this.#incidents.clear();
    this.#maintenance.clear();
    for (const service of document.services) this.#services.set(service.id, service);
    for (const incident of document.incidents) this.#applyChange({ type: 'incident', incident });
    for (const maintenance of document.maintenance) {
      this.#applyChange({ type: 'maintenance', maintenance });
    }
    this.#revision = revision;
    this.#firstRecord ??= time;
    this.#evaluate(Math.max(time, this.#time));
  }

  /** Evaluates every window boundary up to `until` (inclusive unless told otherwise). */
  advance(until: number, inclusive = true): void {
    if (this.#firstRecord === undefined) return;
    const boundaries = new Set<number>();
    for (const window of this.#maintenance.values()) {
      for (const instant of [Date.parse(window.scheduledStart), Date.parse(window.scheduledEnd)]) {
        if (instant > this.#time && (instant < until || (inclusive && instant === until))) {
          boundaries.add(instant);
        }
      }
    }
    for (const instant of [...boundaries].sort((a, b) => a - b)) this.#evaluate(instant);
  }

  /** The spans of one service, oldest first (empty when it was never seen). */
  spans(serviceId: string): readonly StatusSpan[] {
    return this.#spans.get(serviceId) ?? [];
  }

  serviceIds(): string[] {
    return [...this.#spans.keys()];
  }

  /** Forgets spans that ended before `before` (keeps the one covering it). */
  prune(before: number): void {
    for (const [id, spans] of this.#spans) {
      let drop = 0;
      while (drop + 1 < spans.length && (spans[drop + 1]?.start ?? Infinity) <= before) drop += 1;
      if (drop > 0) this.#spans.set(id, spans.slice(drop));
    }
  }

  #evaluate(time: number): void {
    this.#time = time;
    const document = this.document;
    const effective = effectiveStatus(document, time);
    let windows: Map<string, Maintenance> | undefined;
    const present = new Set<string>();
    for (const service of document.services) {
      present.add(service.id);
      const entry = effective[service.id];
      const status = entry?.status ?? 'operational';
      const causes = entry?.causes ?? [];
      const incidents = new Set<string>();
      const maintenance = new Set<string>();
      let planned = false;
      for (const cause of causes) {
        if (cause.kind === 'incident') incidents.add(cause.incidentId);
        if (cause.kind === 'maintenance') {
          maintenance.add(cause.maintenanceId);
          if (status === 'maintenance' && cause.status === 'maintenance') {
            windows ??= new Map(document.maintenance.map((window) => [window.id, window]));
            planned ||= inWindow(windows.get(cause.maintenanceId), time);
          }
        }
      }
      const next = {
        status,
        planned,
        incidents: incidents.size > 0 ? [...incidents].sort() : NONE,
        maintenance: maintenance.size > 0 ? [...maintenance].sort() : NONE,
      };
      if (!this.#push(service.id, time, next)) continue;
      if (!this.#onCause) continue;
      for (const cause of causes) {
        if (cause.kind === 'own') continue;
        this.#onCause({
          kind: cause.kind,
          id: cause.kind === 'incident' ? cause.incidentId : cause.maintenanceId,
          service: service.id,
          chain: cause.chain,
          status: cause.status,
          time,
        });
      }
    }
    for (const id of this.#spans.keys()) {
      if (!present.has(id)) {
        this.#push(id, time, {
          status: 'absent',
          planned: false,
          incidents: NONE,
          maintenance: NONE,
        });
      }
    }
  }

  /** `applyChange` on the maps: an upsert, or a removal. */
  #applyChange(change: Change): void {
    this.#document = undefined;
    switch (change.type) {
      case 'service':
        this.#services.set(change.service.id, change.service);
        return;
      case 'incident':
        if (isLive(change.incident)) this.#incidents.set(change.incident.id, change.incident);
        else this.#incidents.delete(change.incident.id);
        return;
      case 'maintenance':
        if (isLive(change.maintenance)) {
          this.#maintenance.set(change.maintenance.id, change.maintenance);
        } else {
          this.#maintenance.delete(change.maintenance.id);
        }
        return;
      case 'removed': {
        const maps = {
          service: this.#services,
          incident: this.#incidents,
          maintenance: this.#maintenance,
        };
        maps[change.kind].delete(change.id);
        return;
      }
    }
  }

  /** Starts a span unless nothing changed; true when it did. */
  #push(id: string, time: number, next: Omit<StatusSpan, 'start'>): boolean {
    let spans = this.#spans.get(id);
    if (!spans) {
      spans = [];
      this.#spans.set(id, spans);
    }
    const last = spans.at(-1);
    if (last && sameSpan(last, next)) return false;
    const span = { start: time, ...next };
    // Two evaluations at one instant (a record at a window boundary): the later one stands.
    if (last?.start === time) {
      spans.pop();
      const before = spans.at(-1);
      if (before && sameSpan(before, next)) return false;
    }
    spans.push(span);
    return true;
  }
}
