import type { DependencyGraph } from '../dependencies.js';
import type { EffectiveStatus } from '../effective-status.js';
import { noticesFor } from '../notices.js';
import { severity } from '../status.js';
import type { StatusDocument, Timestamp } from '../types.js';
import type { ViewDependency } from './service-view.js';
import { serviceRef, viewText } from './view-text.js';

/** How the view's service reaches one dependency: the positions in between, nearest first. */
interface DependencyPath {
  readonly position: number;
  readonly via: readonly number[];
  /** Whether the path found has an optional edge. */
  readonly optional: boolean;
}

/**
 * Every position `root` depends on, each once by its shortest path (a path of required edges wins
 * over an optional one of the same length), nearest first, as `<status-dependencies>` lists them.
 */
export function dependencyPaths(graph: DependencyGraph, root: number): DependencyPath[] {
  const found: DependencyPath[] = [];
  const visited = new Set([root]);
  let layer: { position: number; chain: readonly number[]; optional: boolean }[] = [
    { position: root, chain: [], optional: false },
  ];
  while (layer.length > 0) {
    const next = new Map<number, (typeof layer)[number]>();
    for (const path of layer) {
      for (const edge of graph.edges[path.position] ?? []) {
        if (visited.has(edge.target)) continue;
        const candidate = {
          position: edge.target,
          chain: [...path.chain, edge.target],
          optional: path.optional || edge.optional,
        };
        const known = next.get(edge.target);
        if (!known || (known.optional && !candidate.optional)) next.set(edge.target, candidate);
      }
    }
    for (const [position, path] of next) {
      visited.add(position);
      found.push({ position, via: path.chain.slice(0, -1), optional: path.optional });
    }
    layer = [...next.values()];
  }
  return found;
}

/** Positions `root` reaches over required edges only: those it cannot work without. */
function requiredReach(graph: DependencyGraph, root: number): Set<number> {
  const reached = new Set<number>();
  const pending = [root];
  for (let position = pending.pop(); position !== undefined; position = pending.pop()) {
    for (const edge of graph.edges[position] ?? []) {
      if (edge.optional || reached.has(edge.target)) continue;
      reached.add(edge.target);
      pending.push(edge.target);
    }
  }
  return reached;
}

function instant(timestamp: Timestamp): number {
  return Date.parse(timestamp);
}

/**
 * The view's dependencies: its whole closure but itself, worst status first (nearest first among
 * equals). `since` and `until` come from the dependency's own current notices, as the
 * `<status-dependencies>` element showed them.
 */
export function viewDependencies(
  document: StatusDocument,
  graph: DependencyGraph,
  root: number,
  effective: Readonly<Record<string, EffectiveStatus>>,
  now: number,
  lang: string,
): ViewDependency[] {
  const fallback = document.defaultLocale;
  const required = requiredReach(graph, root);
  const ref = (position: number) => {
    const service = graph.services[position];
    return serviceRef(service?.id ?? '', service, lang, fallback);
  };
  const rows = dependencyPaths(graph, root).flatMap((path): ViewDependency[] => {
    const service = graph.services[path.position];
    if (service === undefined) return [];
    const status = effective[service.id]?.status ?? 'unknown';
    let since: Timestamp | undefined;
    let until: Timestamp | undefined;
    if (status !== 'operational' && status !== 'unknown') {
      for (const notice of noticesFor(document, service.id, now, { effective })) {
        if (notice.phase === 'upcoming') continue;
        // Instants, not strings: offsets differ between sources.
        if (notice.since !== '' && (since === undefined || instant(notice.since) < instant(since)))
          since = notice.since;
        if (
          notice.until !== undefined &&
          (until === undefined || instant(notice.until) > instant(until))
        )
          until = notice.until;
      }
    }
    const message = viewText(service.statusMessage, lang, fallback);
    return [
      {
        id: service.id,
        name: ref(path.position).name,
        status,
        optional: !required.has(path.position),
        via: path.via.map(ref),
        ...(since !== undefined && { since }),
        ...(until !== undefined && { until }),
        ...(service.url !== undefined && { url: service.url }),
        ...(message.text !== '' && { statusMessage: message }),
      },
    ];
  });
  // Array.prototype.sort is stable: nearest first stays within one status.
  return rows.sort((a, b) => severity(b.status) - severity(a.status));
}
