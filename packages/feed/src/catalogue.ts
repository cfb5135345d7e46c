import {
  resolveText,
  type Change,
  type FeedConfig,
  type Incident,
  type LocalizedText,
  type Maintenance,
  type Service,
  type StatusDocument,
} from '@statuskit/model';

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
  const {
    status: _s,
    statusMessage: _m,
    statusSince: _t,
    statusOrigin: _o,
    ...definition
  } = declared;
  return {
    ...definition,
    status: stored.status,
    ...(stored.statusMessage && { statusMessage: stored.statusMessage }),
    ...(stored.statusSince && { statusSince: stored.statusSince }),
    ...(stored.statusOrigin && { statusOrigin: stored.statusOrigin }),
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

/** The flag that lets `serve` remove or cut open incidents and planned maintenance. */
export const ACCEPT_CATALOGUE_REMOVALS_FLAG = '--accept-catalogue-removals';

/**
 * An open incident or planned maintenance that a catalogue change would remove, or cut down to
 * fewer services: something citizens can see now, so it goes only on the operator's word.
 */
export interface Withdrawal {
  readonly kind: 'incident' | 'maintenance';
  readonly id: string;
  /** In the document's default language. */
  readonly title: string;
  readonly state: string;
  /** The services it refers to that the config no longer declares. */
  readonly droppedServices: readonly string[];
  /** Whether it goes entirely (all its services are dropped), not only loses some. */
  readonly removed: boolean;
}

/** One change the config makes to the stored catalogue. */
export interface CatalogueStep {
  readonly change: Change;
  /** One line for the log, naming what changes by id. */
  readonly summary: string;
  /** Set when the step takes away something still open or planned. */
  readonly withdrawal?: Withdrawal;
}

/**
 * The changes that bring a stored document in line with the catalogue in the config: services
 * declared anew or changed, and services dropped (with references to them removed from incidents
 * and maintenance, so the document stays valid). Reported status survives a catalogue change.
 * Resolved incidents and finished maintenance may be cut freely: the journal keeps them.
 */
export function reconcileCatalogue(config: FeedConfig, stored: StatusDocument): CatalogueStep[] {
  const steps: CatalogueStep[] = [];
  const storedById = new Map(stored.services.map((service) => [service.id, service]));
  for (const declared of config.services) {
    const previous = storedById.get(declared.id);
    const next = previous ? withRuntimeStatus(declared, previous) : declared;
    if (!previous || canonicalJson(previous) !== canonicalJson(next)) {
      steps.push({
        change: { type: 'service', service: next },
        summary: `service ${declared.id} ${previous ? 'changed' : 'added'}`,
      });
    }
  }

  const declaredIds = new Set(config.services.map((service) => service.id));
  const dropped = stored.services.filter((service) => !declaredIds.has(service.id));
  if (dropped.length === 0) return steps;

  const titleOf = (title: LocalizedText): string =>
    resolveText(title, stored.defaultLocale, stored.defaultLocale);
  for (const incident of stored.incidents) {
    const step = cut('incident', incident, declaredIds, incident.state !== 'resolved', titleOf);
    if (step) steps.push(step);
  }
  for (const window of stored.maintenance) {
    const planned = window.state === 'scheduled' || window.state === 'in_progress';
    const step = cut('maintenance', window, declaredIds, planned, titleOf);
    if (step) steps.push(step);
  }
  for (const service of dropped) {
    steps.push({
      change: { type: 'removed', kind: 'service', id: service.id },
      summary: `service ${service.id} removed`,
    });
  }
  return steps;
}

/** The step that takes the dropped services out of one incident or maintenance, if it has any. */
function cut(
  kind: 'incident' | 'maintenance',
  entity: Incident | Maintenance,
  declaredIds: ReadonlySet<string>,
  current: boolean,
  titleOf: (title: LocalizedText) => string,
): CatalogueStep | undefined {
  const services = entity.services.filter((id) => declaredIds.has(id));
  const droppedServices = entity.services.filter((id) => !declaredIds.has(id));
  if (droppedServices.length === 0) return undefined;
  const removed = services.length === 0;
  const change: Change = removed
    ? { type: 'removed', kind, id: entity.id }
    : kind === 'incident'
      ? { type: 'incident', incident: { ...(entity as Incident), services } }
      : { type: 'maintenance', maintenance: { ...(entity as Maintenance), services } };
  const summary =
    `${entity.state} ${kind} ${entity.id} ` +
    (removed ? 'removed' : 'cut') +
    ` (the config no longer declares ${droppedServices.join(', ')})`;
  if (!current) return { change, summary };
  return {
    change,
    summary,
    withdrawal: {
      kind,
      id: entity.id,
      title: titleOf(entity.title),
      state: entity.state,
      droppedServices,
      removed,
    },
  };
}

/** Why `serve` will not start: every withdrawal, and the ways forward. */
export function withdrawalRefusal(withdrawals: readonly Withdrawal[]): string {
  const lines = withdrawals.map(
    (w) =>
      `  - ${w.kind} ${w.id} "${w.title}" (${w.state}) loses ${w.droppedServices.join(', ')}` +
      (w.removed ? ' and is removed' : ''),
  );
  return [
    'the config no longer declares services that open incidents or planned maintenance refer to, ' +
      'so starting would take these off the status page:',
    ...lines,
    'Declare those services again, or resolve or cancel these first, or start with ' +
      `${ACCEPT_CATALOGUE_REMOVALS_FLAG} to remove them. Nothing was changed.`,
  ].join('\n');
}
