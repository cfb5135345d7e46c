/**
 * The admin endpoints the operators' console is built on (overview, preview, planning, earlier
 * maintenance, evaluation, scheduled announcements). They are part of the admin API, so they are
 * served with or without `--console`, and a script may use them as the console does.
 */
import type { Router } from '../http/router.js';
import type { AdminDependencies } from '../routes/admin.js';
import type { HistoryEvents } from '../routes/availability.js';
import { registerEarlierMaintenanceRoute } from './earlier-maintenance-route.js';
import { registerEvaluationRoute } from './evaluation-route.js';
import { registerPlanWindowRoute } from './plan-window-route.js';
import { registerScheduledAnnouncementRoutes } from './scheduled-announcement-routes.js';
import { registerOverviewPreviewRoutes } from './overview-preview-routes.js';
import type { ScheduledAnnouncements } from './scheduled-announcements.js';

export interface ConsoleApiDependencies extends AdminDependencies {
  /** Every incident and maintenance window the journal has held (`AvailabilityHistory`). */
  readonly journal?: { events(): Promise<HistoryEvents> };
  /** The feed's own file journal, which `report` reads; absent with Redis. */
  readonly dataDir?: string | undefined;
  /** Whether the feed signs outage records (`/v1/records` answers). */
  readonly signsRecords?: boolean;
  /** Maintenance announcements waiting for their time (the overview lists them); absent: none. */
  readonly announcements?: ScheduledAnnouncements;
}

export function registerConsoleApiRoutes(router: Router, deps: ConsoleApiDependencies): void {
  // Each endpoint family registers itself here, one call each.
  registerOverviewPreviewRoutes(router, deps);
  registerPlanWindowRoute(router, deps);
  registerEarlierMaintenanceRoute(router, deps);
  registerEvaluationRoute(router, deps);
  registerScheduledAnnouncementRoutes(router, deps);
}
