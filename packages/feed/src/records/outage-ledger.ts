import type { Incident, LocalizedText, Maintenance, StatusDocument } from '@statuskit/model';
import type { ChangeRecord } from '../store/change-store.js';

/**
 * What a signed outage record is built from, per incident and maintenance id, learned from the
 * journal's records as the feed applies them: the event as its last record left it, the
 * revisions that concerned it, who reported it, the services' names and owners as they stood,
 * and (for maintenance, which keeps no updates) the states it went through.
 *
 * Removals are ignored: the live window takes finished events off the page, but their record
 * must stay what it was.
 */

export interface ServiceAtTheTime {
  readonly id: string;
  readonly name: LocalizedText;
  readonly owner: string;
}

export interface StateStep {
  readonly time: string;
  readonly state: string;
}

interface LedgerEntryBase {
  readonly firstRevision: number;
  /** The actor of the record that first named the event. */
  readonly reportedBy: string;
  /** The journal record at the event's last revision: its hash is the record's chain hash. */
  readonly last: ChangeRecord;
  readonly services: readonly ServiceAtTheTime[];
}

export type LedgerEntry =
  | (LedgerEntryBase & { readonly kind: 'incident'; readonly incident: Incident })
  | (LedgerEntryBase & {
      readonly kind: 'maintenance';
      readonly maintenance: Maintenance;
      readonly steps: readonly StateStep[];
    });

export class OutageLedger {
  /** By kind, then id: an incident and a maintenance may share an id. */
  readonly #entries = new Map<string, LedgerEntry>();
  readonly #services = new Map<string, ServiceAtTheTime>();

  /**
   * Events already in the document when history starts from it instead of the journal (a store
   * whose whole journal this process cannot read): their earlier records are unknown here, so
   * they get no record rather than one that misstates where they began.
   */
  readonly #predating = new Set<string>();

  /** History starts from `document`, not from the journal's first record. */
  seed(document: StatusDocument): void {
    for (const { id, name, owner } of document.services)
      this.#services.set(id, { id, name, owner });
    for (const { id } of document.incidents) this.#predating.add(`incident:${id}`);
    for (const { id } of document.maintenance) this.#predating.add(`maintenance:${id}`);
  }

  /** Whether the event with this id began before this history did (see `seed`). */
  predates(id: string): boolean {
    return this.#predating.has(`incident:${id}`) || this.#predating.has(`maintenance:${id}`);
  }

  apply(record: ChangeRecord): void {
    const { change } = record;
    if (change.type === 'service') {
      const { id, name, owner } = change.service;
      this.#services.set(id, { id, name, owner });
      return;
    }
    const key =
      change.type === 'incident'
        ? `incident:${change.incident.id}`
        : change.type === 'maintenance'
          ? `maintenance:${change.maintenance.id}`
          : undefined;
    if (key !== undefined && this.#predating.has(key)) return;
    if (change.type === 'incident') {
      const previous = this.#entries.get(`incident:${change.incident.id}`);
      this.#entries.set(`incident:${change.incident.id}`, {
        kind: 'incident',
        incident: change.incident,
        ...this.#base(record, previous, change.incident.services),
      });
      return;
    }
    if (change.type === 'maintenance') {
      const { maintenance } = change;
      const previous = this.#entries.get(`maintenance:${maintenance.id}`);
      const steps = previous?.kind === 'maintenance' ? previous.steps : [];
      const lastState = steps.at(-1)?.state;
      this.#entries.set(`maintenance:${maintenance.id}`, {
        kind: 'maintenance',
        maintenance,
        steps:
          lastState === maintenance.state
            ? steps
            : [...steps, { time: stepTime(maintenance, record.time), state: maintenance.state }],
        ...this.#base(record, previous, maintenance.services),
      });
    }
  }

  /** The incident with this id, else the maintenance. */
  get(id: string): LedgerEntry | undefined {
    return this.#entries.get(`incident:${id}`) ?? this.#entries.get(`maintenance:${id}`);
  }

  #base(
    record: ChangeRecord,
    previous: LedgerEntry | undefined,
    serviceIds: readonly string[],
  ): LedgerEntryBase {
    return {
      firstRevision: previous?.firstRevision ?? record.revision,
      reportedBy: previous?.reportedBy ?? record.actor,
      last: record,
      services: serviceIds.map((id) => this.#services.get(id) ?? { id, name: {}, owner: '' }),
    };
  }
}

/** When maintenance entered its state: the times it states itself, else when it was recorded. */
function stepTime(maintenance: Maintenance, recorded: string): string {
  switch (maintenance.state) {
    case 'scheduled':
      return maintenance.announcedAt;
    case 'in_progress':
      return maintenance.actualStart ?? recorded;
    case 'completed':
      return maintenance.actualEnd ?? recorded;
    case 'cancelled':
      return recorded;
  }
}
