/** The console's overview and preview endpoints (issue #14, parts 2 and 3). */
import { authenticateAdmin } from '../admin-auth.js';
import { readJsonBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';
import type { AdminDependencies } from '../routes/admin.js';
import { buildOverview, type ScheduledAnnouncement } from './overview.js';
import { readPreviewRequest } from './preview-request.js';
import { previewDraft } from './preview.js';

export interface OverviewPreviewDependencies extends AdminDependencies {
  /** Announcements the feed will publish later (the maintenance endpoints); none without. */
  readonly announcements?: { list(): Promise<ScheduledAnnouncement[]> };
}

const NO_STORE = { 'cache-control': 'no-store' };

export function registerOverviewPreviewRoutes(
  router: Router,
  deps: OverviewPreviewDependencies,
): void {
  router.on('GET', '/v1/admin/overview', async ({ req, res }) => {
    const actor = await authenticateAdmin(req, deps, 'read');
    const scheduledAnnouncements = (await deps.announcements?.list()) ?? [];
    const overview = buildOverview({
      document: deps.store.document,
      revision: deps.store.revision,
      authority: actor.authority,
      now: deps.now(),
      scheduledAnnouncements,
    });
    sendJson(res, 200, overview, NO_STORE);
  });

  // A preview changes nothing, so it needs a reader's credential; the draft's services must
  // still be the actor's own, as for the write it previews.
  router.on('POST', '/v1/admin/preview', async ({ req, res }) => {
    const actor = await authenticateAdmin(req, deps, 'read');
    const request = readPreviewRequest(await readJsonBody(req));
    const answer = previewDraft(
      {
        document: deps.store.document,
        revision: deps.store.revision,
        health: deps.store.health,
        authority: actor.authority,
        judged: { now: deps.now(), limits: deps.config.limits },
      },
      request,
    );
    sendJson(res, 200, answer, NO_STORE);
  });
}
