import type { Change, FeedConfig, Service, StatusDocument } from '@statuskit/model';

/**
 * The document a store starts from when nothing is stored: the config's settings and no
 * services. The catalogue then arrives through `reconcileCatalogue` as journaled `service`
 * changes, so the journal alone always says which catalogue was in force, and a later config
 * change is found by comparing with it.
 */
export function initialDocument(config: FeedConfig): StatusDocument {
  return {
    defaultLocale: config.defaultLocale,
    timeZone: config.timeZone,
    authorities: config.authorities.map(({ id, name }) => ({ id, name })),
    services: [],
    incidents: [],
    maintenance: [],
  };
}

/** Fields that belong to the reported status, not to the catalogue declared in the config. */
function withRuntimeStatus(declared: Service, stored: Service): Service {
  const { status: _s, statusMessage: _m, statusSince: _t, ...definition } = declared;
  return {
    ...definition,
    status: stored.status,
    ...(stored.statusMessage && { statusMessage: stored.statusMessage }),
    ...(stored.statusSince && { statusSince: stored.statusSince }),
  };
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * The changes that bring a stored document in line with the catalogue in the config: services
 * declared anew or changed, and services dropped (with references to them removed from incidents
 * and maintenance, so the document stays valid). Reported status survives a catalogue change.
 */
export function reconcileCatalogue(config: FeedConfig, stored: StatusDocument): Change[] {
  const changes: Change[] = [];
  const storedById = new Map(stored.services.map((service) => [service.id, service]));
  for (const declared of config.services) {
    const previous = storedById.get(declared.id);
    const next = previous ? withRuntimeStatus(declared, previous) : declared;
    if (!previous || canonicalJson(previous) !== canonicalJson(next)) {
      changes.push({ type: 'service', service: next });
    }
  }

  const declaredIds = new Set(config.services.map((service) => service.id));
  const dropped = stored.services.filter((service) => !declaredIds.has(service.id));
  if (dropped.length === 0) return changes;

  const keep = (ids: readonly string[]): string[] => ids.filter((id) => declaredIds.has(id));
  for (const incident of stored.incidents) {
    const services = keep(incident.services);
    if (services.length === incident.services.length) continue;
    changes.push(
      services.length === 0
        ? { type: 'removed', kind: 'incident', id: incident.id }
        : { type: 'incident', incident: { ...incident, services } },
    );
  }
  for (const window of stored.maintenance) {
    const services = keep(window.services);
    if (services.length === window.services.length) continue;
    changes.push(
      services.length === 0
        ? { type: 'removed', kind: 'maintenance', id: window.id }
        : { type: 'maintenance', maintenance: { ...window, services } },
    );
  }
  for (const service of dropped) changes.push({ type: 'removed', kind: 'service', id: service.id });
  return changes;
}
