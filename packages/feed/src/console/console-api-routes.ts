/**
 * The admin endpoints the operators' console is built on (overview, preview, planning, earlier
 * maintenance, evaluation, scheduled announcements). They are part of the admin API, so they are
 * served with or without `--console`, and a script may use them as the console does.
 */
import type { Router } from '../http/router.js';
import type { AdminDependencies } from '../routes/admin.js';
import { registerOverviewPreviewRoutes } from './overview-preview-routes.js';
import type { ScheduledAnnouncement } from './overview.js';

export interface ConsoleApiDependencies extends AdminDependencies {
  /** Announcements the feed will publish later, for the overview; absent: none. */
  readonly announcements?: { list(): Promise<ScheduledAnnouncement[]> };
}

export function registerConsoleApiRoutes(router: Router, deps: ConsoleApiDependencies): void {
  // Each endpoint family registers itself here, one call each.
  registerOverviewPreviewRoutes(router, deps);
}
