// Document-based, as the element derived its list before it rendered a service view (the
// element now uses dependency-groups.ts; the model derives the list for the feed). Nothing in the
// bundle imports this any more; kept with its tests (test/view-models.test.ts) until removed.
import { dependencyEdges, noticesFor } from '@statuskit/model';
import type { EffectiveStatus, Service, Status, StatusDocument } from '@statuskit/model';

/** How a service reaches one of its (transitive) dependencies. */
export interface DependencyPath {
  readonly service: Service;
  /** `[the service, …, the dependency]`. */
  readonly chain: readonly string[];
  /** Whether any edge on the way is optional. */
  readonly optional: boolean;
}

/**
 * Every service `serviceId` depends on, directly or transitively, each once, by its shortest path
 * (a path of required edges wins over an optional one of the same length), nearest first.
 * Cycle-safe; unknown ids are skipped.
 */
export function dependencyPaths(document: StatusDocument, serviceId: string): DependencyPath[] {
  const byId = new Map<string, Service>();
  for (const service of document.services) if (!byId.has(service.id)) byId.set(service.id, service);
  const root = byId.get(serviceId);
  if (!root) return [];
  const found = new Map<string, DependencyPath>();
  let layer: DependencyPath[] = [{ service: root, chain: [serviceId], optional: false }];
  const visited = new Set([serviceId]);
  while (layer.length > 0) {
    const next = new Map<string, DependencyPath>();
    for (const path of layer) {
      for (const edge of dependencyEdges(path.service)) {
        const service = byId.get(edge.service);
        if (!service || visited.has(edge.service)) continue;
        const candidate: DependencyPath = {
          service,
          chain: [...path.chain, edge.service],
          optional: path.optional || edge.optional,
        };
        const known = next.get(edge.service);
        if (!known || (known.optional && !candidate.optional)) next.set(edge.service, candidate);
      }
    }
    for (const [id, path] of next) {
      visited.add(id);
      found.set(id, path);
    }
    layer = [...next.values()];
  }
  return [...found.values()];
}

/** One row of `<status-dependencies>`. */
export interface DependencyRow extends DependencyPath {
  /** The dependency's effective status (`unknown` without data). */
  readonly status: Status;
  /** Since when it has had problems (the earliest open cause), if known. */
  readonly since?: string;
  /** When planned work on it is expected to end, if that is the cause. */
  readonly until?: string;
}

function instant(timestamp: string): number {
  return Date.parse(timestamp);
}

export function hasProblem(status: Status): boolean {
  return status !== 'operational' && status !== 'unknown';
}

/** The rows, problems first (in path order), then the rest. */
export function dependencyRows(
  document: StatusDocument,
  effective: Readonly<Record<string, EffectiveStatus>>,
  serviceId: string,
  now: number,
): DependencyRow[] {
  const rows = dependencyPaths(document, serviceId).map((path): DependencyRow => {
    const status = effective[path.service.id]?.status ?? 'unknown';
    if (!hasProblem(status)) return { ...path, status };
    let since: string | undefined;
    let until: string | undefined;
    for (const notice of noticesFor(document, path.service.id, now, { effective })) {
      if (notice.phase === 'upcoming') continue;
      // Instants, not strings: offsets differ between sources.
      if (notice.since !== '' && (since === undefined || instant(notice.since) < instant(since))) {
        since = notice.since;
      }
      if (
        notice.until !== undefined &&
        (until === undefined || instant(notice.until) > instant(until))
      ) {
        until = notice.until;
      }
    }
    return {
      ...path,
      status,
      ...(since !== undefined && { since }),
      ...(until !== undefined && { until }),
    };
  });
  return [
    ...rows.filter((row) => hasProblem(row.status)),
    ...rows.filter((row) => !hasProblem(row.status)),
  ];
}
