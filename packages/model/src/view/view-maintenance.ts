import { isMaintenanceInProgress } from '../active.js';
import type { DependencyGraph } from '../dependencies.js';
import type { StatusDocument } from '../types.js';
import type { ViewMaintenance } from './service-view.js';
import { dependencyPaths } from './view-dependencies.js';
import { serviceRef, viewText } from './view-text.js';

/** How the view's service reaches a service with work on it. */
interface Reach {
  /** Positions from the view's service to the one with the work, both included. */
  readonly chain: readonly number[];
  readonly optional: boolean;
}

/**
 * Announced maintenance going on now or still to come, on the service at `root` or anything it
 * depends on, earliest first (by start, then id). Each window is reached by its best path: a
 * required one over an optional one, then the shortest. Unlike the notices, which warn inside the
 * notice window, this lists everything announced, so people can plan ahead.
 */
export function viewMaintenance(
  document: StatusDocument,
  graph: DependencyGraph,
  root: number,
  now: number,
  lang: string,
): ViewMaintenance[] {
  const fallback = document.defaultLocale;
  const reaches = new Map<string, Reach>();
  const rootId = graph.services[root]?.id;
  if (rootId === undefined) return [];
  reaches.set(rootId, { chain: [root], optional: false });
  for (const path of dependencyPaths(graph, root)) {
    const id = graph.services[path.position]?.id;
    if (id !== undefined && !reaches.has(id)) {
      reaches.set(id, { chain: [root, ...path.via, path.position], optional: path.optional });
    }
  }
  const ref = (position: number) => {
    const service = graph.services[position];
    return serviceRef(service?.id ?? '', service, lang, fallback);
  };

  const seen = new Set<string>();
  const found: { item: ViewMaintenance; start: number }[] = [];
  for (const window of document.maintenance) {
    if (seen.has(window.id)) continue;
    const inProgress = isMaintenanceInProgress(window, now);
    const end = Date.parse(window.scheduledEnd);
    const upcoming = window.state === 'scheduled' && !inProgress && end > now;
    if (!inProgress && !upcoming) continue;
    let best: Reach | undefined;
    for (const id of window.services) {
      const reach = reaches.get(id);
      if (reach === undefined) continue;
      if (
        best === undefined ||
        (best.optional && !reach.optional) ||
        (best.optional === reach.optional && reach.chain.length < best.chain.length)
      ) {
        best = reach;
      }
    }
    if (best === undefined) continue;
    seen.add(window.id);
    // Work started early runs from its actual start: the announced start would read as future.
    const start = window.actualStart ?? window.scheduledStart;
    found.push({
      start: Date.parse(start),
      item: {
        id: window.id,
        phase: inProgress ? 'in_progress' : 'upcoming',
        chain: best.chain.map(ref),
        optional: best.optional,
        start,
        end: window.scheduledEnd,
        title: viewText(window.title, lang, fallback),
        message: viewText(window.message, lang, fallback),
        ...(window.keepsWork !== undefined && { keepsWork: window.keepsWork }),
      },
    });
  }
  return found
    .sort((a, b) => a.start - b.start || (a.item.id < b.item.id ? -1 : 1))
    .map(({ item }) => item);
}
