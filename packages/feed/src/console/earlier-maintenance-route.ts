import type { Maintenance } from '@statuskit/model';
import { authenticateAdmin } from '../admin-auth.js';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';
import type { ConsoleApiDependencies } from './console-api-routes.js';

/**
 * `GET /v1/admin/services/{id}/maintenance`: the service's earlier windows from the whole
 * journal (live or retired), newest first, so an operator can start from texts and
 * alternatives that worked before. A read: any authority may ask.
 */
export function registerEarlierMaintenanceRoute(
  router: Router,
  deps: ConsoleApiDependencies,
): void {
  router.on('GET', '/v1/admin/services/{id}/maintenance', async ({ req, res, params }) => {
    await authenticateAdmin(req, deps, 'read');
    const id = params['id'] ?? '';
    if (!deps.store.document.services.some((service) => service.id === id)) {
      throw new HttpError(404, `no service "${id}"`);
    }
    const byId = new Map<string, Maintenance>();
    for (const window of (await deps.journal?.events())?.maintenance ?? []) {
      byId.set(window.id, window);
    }
    // The live document is newer than the history whenever the history is still being read.
    for (const window of deps.store.document.maintenance) byId.set(window.id, window);
    const maintenance = [...byId.values()]
      .filter((window) => window.services.includes(id))
      .sort((a, b) => Date.parse(b.scheduledStart) - Date.parse(a.scheduledStart));
    sendJson(res, 200, { maintenance }, { 'cache-control': 'no-store' });
  });
}
