// Document-based, as the element derived its list before it rendered a service view (the
// element now uses view-maintenance.ts; the model derives the list for the feed). Nothing in the
// bundle imports this any more; kept with its tests (test/view-models.test.ts) until removed.
import { isMaintenanceInProgress } from '@statuskit/model';
import type { Maintenance, StatusDocument } from '@statuskit/model';
import { dependencyPaths } from '../dependencies/dependency-list.js';

/** One window in `<status-maintenance>`. */
export interface MaintenanceItem {
  readonly maintenance: Maintenance;
  readonly phase: 'in_progress' | 'upcoming';
  /** `[the service, …, the service the work is on]`: length 1 when it is on the service itself. */
  readonly chain: readonly string[];
  readonly optional: boolean;
  /** When it starts or started (epoch ms). */
  readonly start: number;
  readonly end: number;
}

/**
 * Planned work that is going on now or still to come, on `serviceId` or anything it depends on,
 * earliest first. Unlike the banner, which warns inside a notice window, this lists everything
 * announced, so people can plan ahead.
 */
export function maintenanceFor(
  document: StatusDocument,
  serviceId: string,
  now: number,
): MaintenanceItem[] {
  const own = document.services.find((service) => service.id === serviceId);
  if (!own) return [];
  const paths = new Map<string, { chain: readonly string[]; optional: boolean }>([
    [serviceId, { chain: [serviceId], optional: false }],
  ]);
  for (const path of dependencyPaths(document, serviceId)) paths.set(path.service.id, path);

  const items: MaintenanceItem[] = [];
  const seen = new Set<string>();
  for (const maintenance of document.maintenance) {
    if (seen.has(maintenance.id)) continue;
    const inProgress = isMaintenanceInProgress(maintenance, now);
    const end = Date.parse(maintenance.scheduledEnd);
    const upcoming = maintenance.state === 'scheduled' && !inProgress && end > now;
    if (!inProgress && !upcoming) continue;
    let best: { chain: readonly string[]; optional: boolean } | undefined;
    for (const id of maintenance.services) {
      const path = paths.get(id);
      if (!path) continue;
      if (
        !best ||
        (best.optional && !path.optional) ||
        (best.optional === path.optional && path.chain.length < best.chain.length)
      ) {
        best = path;
      }
    }
    if (!best) continue;
    seen.add(maintenance.id);
    items.push({
      maintenance,
      phase: inProgress ? 'in_progress' : 'upcoming',
      chain: best.chain,
      optional: best.optional,
      start: Date.parse(maintenance.actualStart ?? maintenance.scheduledStart),
      end,
    });
  }
  return items.sort((a, b) => a.start - b.start || (a.maintenance.id < b.maintenance.id ? -1 : 1));
}
