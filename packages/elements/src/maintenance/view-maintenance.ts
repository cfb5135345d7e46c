import type { ServiceView, ViewMaintenance } from '@statuskit/model';

/**
 * The windows `<status-maintenance>` lists from a view: announced work going on now or still to
 * come on the service or anything it depends on, earliest first, as the feed derived them
 * (`view.maintenance`). A window whose scheduled end has passed since the view was derived is
 * left out unless it is still marked as going on (the feed sends a new view when one closes).
 */
export function maintenanceOf(view: ServiceView, now: number): readonly ViewMaintenance[] {
  const windows: readonly ViewMaintenance[] = view.maintenance ?? [];
  return windows.filter((item) => item.phase === 'in_progress' || Date.parse(item.end) > now);
}
