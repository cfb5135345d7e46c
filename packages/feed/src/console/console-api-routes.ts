/**
 * The admin endpoints the operators' console is built on (overview, preview, planning, earlier
 * maintenance, evaluation, scheduled announcements). They are part of the admin API, so they are
 * served with or without `--console`, and a script may use them as the console does.
 */
import type { Router } from '../http/router.js';
import type { AdminDependencies } from '../routes/admin.js';

export type ConsoleApiDependencies = AdminDependencies;

export function registerConsoleApiRoutes(_router: Router, _deps: ConsoleApiDependencies): void {
  // Each endpoint family registers itself here, one call each.
}
