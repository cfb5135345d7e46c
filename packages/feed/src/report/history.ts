import type {
  Alternative,
  FeedConfig,
  Incident,
  Maintenance,
  Status,
  StatusDocument,
} from '@statuskit/model';
import { initialDocument } from '../catalogue.js';
import { loadConfig } from '../config.js';
import type { ChangeRecord } from '../store/change-store.js';
import { dataDirPaths } from '../store/data-dir.js';
import { readSnapshot } from '../store/snapshot-file.js';
import { type CauseSighting, StatusTimeline } from './timeline.js';

/** Which alternatives (by kind) something offered from `time` on. */
export interface AlternativesFrom {
  readonly time: number;
  readonly kinds: readonly string[];
}

export interface IncidentHistory {
  /** The last version the journal holds (before a removal, if it was removed). */
  latest: Incident;
  /** When the feed first published it. */
  readonly publishedAt: number;
  /** Every service it was ever attached to. */
  readonly services: Set<string>;
}

export interface MaintenanceHistory {
  latest: Maintenance;
  readonly publishedAt: number;
  readonly services: Set<string>;
  readonly alternatives: AlternativesFrom[];
}

/** Everything the report needs from the journal, gathered in one pass. */
export interface History {
  readonly timeline: StatusTimeline;
  readonly incidents: ReadonlyMap<string, IncidentHistory>;
  readonly maintenance: ReadonlyMap<string, MaintenanceHistory>;
  readonly serviceAlternatives: ReadonlyMap<string, readonly AlternativesFrom[]>;
  /** `incident:<id>` / `maintenance:<id>` → service → first sighting with the shortest chain. */
  readonly reached: ReadonlyMap<string, ReadonlyMap<string, CauseSighting>>;
  readonly first: { readonly revision: number; readonly time: number } | undefined;
  readonly last: { readonly revision: number; readonly time: number } | undefined;
  /** Every change of a service's own status, with who made it (oldest first). */
  readonly statusChanges: readonly OwnStatusChange[];
}

/** A service's own status set to something else, by `actor` (an authority, `probe:<id>`, …). */
export interface OwnStatusChange {
  readonly time: number;
  readonly revision: number;
  readonly service: string;
  readonly status: Status;
  readonly actor: string;
}

export type CatalogueSource = 'config' | 'snapshot' | 'journal';

/**
 * The document history is replayed on: the catalogue in force before the first record, with the
 * config's settings. Records then change it as they come (`service` and `removed` records), so
 * a journal that holds its catalogue and one from before the catalogue was journalled both work.
 */
export function catalogueFromConfig(config: FeedConfig): StatusDocument {
  return { ...initialDocument(config), services: config.services, incidents: [], maintenance: [] };
}

/**
 * The catalogue for a report: from `--config` when given, else from `snapshot.json` (the latest
 * catalogue, statuses reset to operational), else only what the journal's `service` records say.
 */
export async function loadCatalogue(
  dataDir: string,
  configPath?: string,
): Promise<{ catalogue: StatusDocument; source: CatalogueSource; publicUrl?: string }> {
  if (configPath !== undefined) {
    const config = await loadConfig(configPath);
    return {
      catalogue: catalogueFromConfig(config),
      source: 'config',
      ...(config.publicUrl !== undefined && { publicUrl: config.publicUrl }),
    };
  }
  const snapshot = await readSnapshot(dataDirPaths(dataDir).snapshot);
  if (snapshot) {
    const services = snapshot.document.services.map(
      ({ statusMessage: _m, statusSince: _s, ...service }) => ({
        ...service,
        status: 'operational' as const,
      }),
    );
    return {
      catalogue: { ...snapshot.document, services, incidents: [], maintenance: [] },
      source: 'snapshot',
    };
  }
  return {
    catalogue: {
      defaultLocale: 'en',
      timeZone: 'UTC',
      services: [],
      incidents: [],
      maintenance: [],
    },
    source: 'journal',
  };
}

function kindsOf(alternatives: readonly Alternative[] | undefined): string[] {
  return [...new Set((alternatives ?? []).map((alternative) => alternative.kind))];
}

function note(list: AlternativesFrom[], time: number, kinds: readonly string[]): void {
  const last = list.at(-1);
  if (last && last.kinds.join() === kinds.join()) return;
  list.push({ time, kinds });
}

/** What was offered at `time` (the latest entry at or before it). */
export function alternativesAt(
  list: readonly AlternativesFrom[] | undefined,
  time: number,
): readonly string[] {
  let kinds: readonly string[] = [];
  for (const entry of list ?? []) {
    if (entry.time > time) break;
    kinds = entry.kinds;
  }
  return kinds;
}

/** Replays every record (oldest first) on the catalogue. */
export async function replayHistory(
  records: AsyncIterable<ChangeRecord> | Iterable<ChangeRecord>,
  catalogue: StatusDocument,
): Promise<History> {
  const reached = new Map<string, Map<string, CauseSighting>>();
  const timeline = new StatusTimeline(catalogue, {
    onCause: (sighting) => {
      const key = `${sighting.kind}:${sighting.id}`;
      let services = reached.get(key);
      if (!services) reached.set(key, (services = new Map<string, CauseSighting>()));
      const known = services.get(sighting.service);
      if (!known || sighting.chain.length < known.chain.length)
        services.set(sighting.service, sighting);
    },
  });
  const incidents = new Map<string, IncidentHistory>();
  const maintenance = new Map<string, MaintenanceHistory>();
  const serviceAlternatives = new Map<string, AlternativesFrom[]>();
  for (const service of catalogue.services) {
    serviceAlternatives.set(service.id, [
      { time: Number.NEGATIVE_INFINITY, kinds: kindsOf(service.alternatives) },
    ]);
  }
  let first: History['first'];
  let last: History['last'];
  const ownStatus = new Map(catalogue.services.map((service) => [service.id, service.status]));
  const statusChanges: OwnStatusChange[] = [];

  for await (const record of records) {
    timeline.apply(record);
    const time = timeline.evaluatedUntil;
    first ??= { revision: record.revision, time };
    last = { revision: record.revision, time };
    const { change } = record;
    if (change.type === 'incident') {
      const known = incidents.get(change.incident.id);
      if (known) known.latest = change.incident;
      else {
        incidents.set(change.incident.id, {
          latest: change.incident,
          publishedAt: time,
          services: new Set(),
        });
      }
      for (const id of change.incident.services)
        incidents.get(change.incident.id)?.services.add(id);
    } else if (change.type === 'maintenance') {
      const window = change.maintenance;
      let known = maintenance.get(window.id);
      if (known) known.latest = window;
      else {
        known = { latest: window, publishedAt: time, services: new Set(), alternatives: [] };
        maintenance.set(window.id, known);
      }
      for (const id of window.services) known.services.add(id);
      note(known.alternatives, time, kindsOf(window.alternatives));
    } else if (change.type === 'service') {
      const { id, status } = change.service;
      if (ownStatus.has(id) && ownStatus.get(id) !== status) {
        statusChanges.push({
          time,
          revision: record.revision,
          service: id,
          status,
          actor: record.actor,
        });
      }
      ownStatus.set(id, status);
      let list = serviceAlternatives.get(change.service.id);
      if (!list) serviceAlternatives.set(change.service.id, (list = []));
      note(list, time, kindsOf(change.service.alternatives));
    }
  }
  return {
    timeline,
    incidents,
    maintenance,
    serviceAlternatives,
    reached,
    first,
    last,
    statusChanges,
  };
}
