import type { Change } from './changes.js';
import type { Incident, Maintenance, StatusDocument } from './types.js';

function dependencyIds(document: StatusDocument): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const service of document.services) {
    edges.set(
      service.id,
      (service.dependsOn ?? []).map((ref) => (typeof ref === 'string' ? ref : ref.service)),
    );
  }
  return edges;
}

/**
 * The named services and everything they depend on, transitively. Unknown ids are kept (they may
 * appear later) and cycles are harmless.
 */
export function dependencyClosure(
  document: StatusDocument,
  serviceIds: Iterable<string>,
): Set<string> {
  const edges = dependencyIds(document);
  const closure = new Set<string>();
  const pending = [...serviceIds];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (closure.has(id)) continue;
    closure.add(id);
    for (const dependency of edges.get(id) ?? []) pending.push(dependency);
  }
  return closure;
}

function narrowed<T extends Incident | Maintenance>(
  item: T,
  keep: ReadonlySet<string>,
): T | undefined {
  const services = item.services.filter((id) => keep.has(id));
  if (services.length === 0) return undefined;
  return services.length === item.services.length ? item : { ...item, services };
}

/**
 * The part of the document that concerns the given services: those services, their dependencies,
 * and the incidents and maintenance that touch any of them, listing only the kept services (so
 * the narrowed document has no dangling references). Effective statuses derived from it equal
 * those derived from the whole document for every service in it.
 */
export function narrowDocument(
  document: StatusDocument,
  serviceIds: Iterable<string>,
): StatusDocument {
  const keep = dependencyClosure(document, serviceIds);
  return {
    ...document,
    services: document.services.filter((service) => keep.has(service.id)),
    incidents: document.incidents.flatMap((incident) => narrowed(incident, keep) ?? []),
    maintenance: document.maintenance.flatMap((window) => narrowed(window, keep) ?? []),
  };
}

/**
 * The change as a subscriber to `keep` (a dependency closure) should see it. An incident or
 * maintenance that no longer touches any kept service becomes a `removed` change, so a narrowed
 * copy never keeps something that has moved out of its view. `touched` is `servicesTouched`.
 */
export function narrowChange(
  change: Change,
  keep: ReadonlySet<string>,
  touched: ReadonlySet<string>,
): Change | undefined {
  if (![...touched].some((id) => keep.has(id))) return undefined;
  switch (change.type) {
    case 'service':
    case 'removed':
      return change;
    case 'incident': {
      const incident = narrowed(change.incident, keep);
      return incident
        ? { type: 'incident', incident }
        : { type: 'removed', kind: 'incident', id: change.incident.id };
    }
    case 'maintenance': {
      const maintenance = narrowed(change.maintenance, keep);
      return maintenance
        ? { type: 'maintenance', maintenance }
        : { type: 'removed', kind: 'maintenance', id: change.maintenance.id };
    }
  }
}
