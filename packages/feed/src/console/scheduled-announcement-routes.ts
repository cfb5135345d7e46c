import { authenticateAdmin, type AdminActor } from '../admin-auth.js';
import { readJsonBody } from '../http/body.js';
import { badRequest, HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { checkNewMaintenance, type Credential } from './announce-maintenance.js';
import type { ConsoleApiDependencies } from './console-api-routes.js';
import type { ScheduledAnnouncements } from './scheduled-announcements.js';

/**
 * `GET|POST /v1/admin/scheduled-announcements`, `DELETE …/{id}`: maintenance announcements the
 * feed publishes at their time. A new one is judged now as its write would be (and again when
 * its time comes). Every authority sees all of them; each removes only its own.
 */
export function registerScheduledAnnouncementRoutes(
  router: Router,
  deps: ConsoleApiDependencies,
): void {
  const available = (): ScheduledAnnouncements => {
    if (!deps.announcements) {
      throw new HttpError(
        503,
        'this feed has no data dir or Redis to keep scheduled announcements in; announce at the time with POST /v1/admin/maintenance',
      );
    }
    return deps.announcements;
  };

  router.on('GET', '/v1/admin/scheduled-announcements', async ({ req, res }) => {
    await authenticateAdmin(req, deps, 'read');
    const announcements = (await deps.announcements?.list()) ?? [];
    sendJson(res, 200, { announcements }, { 'cache-control': 'no-store' });
  });

  router.on('POST', '/v1/admin/scheduled-announcements', async ({ req, res }) => {
    const actor = await authenticateAdmin(req, deps, 'write');
    const body = await readJsonBody(req);
    const announcements = available();
    const { at, maintenance } = announcementIn(body);
    const when = Date.parse(at);
    if (when <= deps.now().getTime()) {
      throw badRequest([{ path: 'at', message: 'must be in the future; announce now instead' }]);
    }
    const input = await prefixed('maintenance', () =>
      checkNewMaintenance(deps, actor.authority, maintenance),
    );
    if (when >= Date.parse(input.scheduledStart)) {
      throw badRequest([
        { path: 'at', message: 'must be before the window starts (maintenance.scheduledStart)' },
      ]);
    }
    const scheduled = await announcements.add({
      at: new Date(when).toISOString(),
      authority: actor.authority,
      maintenance,
      credential: credentialOf(actor),
    });
    sendJson(res, 201, scheduled, { 'cache-control': 'no-store' });
  });

  router.on('DELETE', '/v1/admin/scheduled-announcements/{id}', async ({ req, res, params }) => {
    const actor = await authenticateAdmin(req, deps, 'write');
    req.resume();
    await available().remove(params['id'] ?? '', actor.authority);
    res.writeHead(204, { 'cache-control': 'no-store' }).end();
  });
}

function announcementIn(body: unknown): { at: string; maintenance: Record<string, unknown> } {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const problems = [];
  const { at, maintenance } = record;
  if (
    typeof at !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/i.test(at) ||
    Number.isNaN(Date.parse(at))
  ) {
    problems.push({ path: 'at', message: 'must be an ISO 8601 time with offset' });
  }
  if (typeof maintenance !== 'object' || maintenance === null || Array.isArray(maintenance)) {
    problems.push({
      path: 'maintenance',
      message: 'must be the body POST /v1/admin/maintenance would get',
    });
  }
  if (problems.length > 0) throw badRequest(problems);
  return { at: at as string, maintenance: maintenance as Record<string, unknown> };
}

/** The maintenance's own problems, named from the request's root (`maintenance.title.da`). */
async function prefixed<T>(prefix: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof HttpError && error.errors && error.errors.length > 0) {
      const errors = error.errors.map((issue) => ({
        ...issue,
        path: issue.path ? `${prefix}.${issue.path}` : prefix,
      }));
      throw error.status === 400
        ? badRequest(errors)
        : new HttpError(error.status, error.message, errors);
    }
    throw error;
  }
}

function credentialOf(actor: AdminActor): Credential {
  return {
    ...(actor.session !== undefined && { session: actor.session }),
    ...(actor.token !== undefined && { token: actor.token }),
  };
}
