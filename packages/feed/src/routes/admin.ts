import {
  applyChange,
  validateDocument,
  validateIncidentUpdate,
  validateMaintenanceChange,
  validateNewIncident,
  validateNewMaintenance,
  validateServiceStatusChange,
  type Change,
  type FeedConfig,
  type Validation,
} from '@statuskit/model';
import { authenticate, requireOwnership } from '../auth.js';
import {
  changeMaintenance,
  openIncident,
  scheduleMaintenance,
  setServiceStatus,
  updateIncident,
} from '../commands.js';
import { readJsonBody } from '../http/body.js';
import { badRequest, HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import type { RouteContext, Router } from '../http/router.js';
import type { Logger } from '../log.js';
import type { FeedMetrics } from '../metrics.js';
import type { ChangeStore } from '../store/change-store.js';
import type { WriteQueue } from '../write-queue.js';

export interface AdminDependencies {
  readonly config: FeedConfig;
  readonly store: ChangeStore;
  readonly writes: WriteQueue;
  readonly metrics: FeedMetrics;
  readonly now: () => Date;
  readonly log: Logger;
}

function valid<T>(result: Validation<T>): T {
  if (!result.ok) throw badRequest(result.errors);
  return result.value;
}

/** `If-Match: "41"` or `41`: the write only goes through while the document is at that revision. */
function checkRevision(context: RouteContext, store: ChangeStore): void {
  const header = context.req.headers['if-match'];
  if (header === undefined || header.trim() === '*') return;
  const revision = Number(/^\s*(?:W\/)?"?(\d+)(?:-[^"]*)?"?\s*$/.exec(header)?.[1]);
  if (!Number.isInteger(revision)) {
    throw badRequest([{ path: 'If-Match', message: 'must be a revision number, e.g. "41"' }]);
  }
  if (revision !== store.revision) {
    throw new HttpError(
      409,
      `the document changed: it is at revision ${store.revision}, not ${revision}; read it again and retry`,
    );
  }
}

/** Every admin write: authenticate, read, validate, check scope, store durably, then answer. */
export function registerAdminRoutes(router: Router, deps: AdminDependencies): void {
  const { store } = deps;

  const write =
    (status: number, build: (context: RouteContext, authority: string, body: unknown) => Change) =>
    async (context: RouteContext): Promise<void> => {
      const authority = authenticate(context.req, deps.config);
      const body = await readJsonBody(context.req);
      const answer = await deps.writes.run(async () => {
        try {
          checkRevision(context, store);
          const change = build(context, authority, body);
          // Defence in depth: the stored document stays valid as a whole, whatever the write.
          valid(validateDocument(applyChange(store.document, change)));
          const [record] = await store.append([change], authority);
          deps.metrics.writesAccepted += 1;
          deps.log({
            level: 'info',
            msg: 'change accepted',
            revision: record?.revision,
            actor: authority,
            type: change.type,
            id: change.type === 'removed' ? change.id : entityId(change),
          });
          return { revision: record?.revision ?? store.revision, ...entityOf(change) };
        } catch (error) {
          deps.metrics.writesRejected += 1;
          throw error;
        }
      });
      sendJson(context.res, status, answer, {
        'cache-control': 'no-store',
        etag: `"${answer.revision}"`,
      });
    };

  router.on(
    'POST',
    '/v1/admin/incidents',
    write(201, (_context, authority, body) => {
      refuseExisting('incident', body, store.document.incidents);
      const input = valid(validateNewIncident(body, store.document));
      requireOwnership(store.document, authority, input.services);
      return { type: 'incident', incident: openIncident(store.document, input, deps.now()) };
    }),
  );

  router.on(
    'POST',
    '/v1/admin/incidents/{id}/updates',
    write(200, ({ params }, authority, body) => {
      const incident = store.document.incidents.find((i) => i.id === params['id']);
      if (!incident) throw new HttpError(404, `no incident "${params['id'] ?? ''}"`);
      requireOwnership(store.document, authority, incident.services);
      const input = valid(validateIncidentUpdate(body, store.document, incident));
      requireOwnership(store.document, authority, input.services ?? []);
      return { type: 'incident', incident: updateIncident(incident, input, deps.now()) };
    }),
  );

  router.on(
    'POST',
    '/v1/admin/maintenance',
    write(201, (_context, authority, body) => {
      refuseExisting('maintenance', body, store.document.maintenance);
      const input = valid(validateNewMaintenance(body, store.document));
      requireOwnership(store.document, authority, input.services);
      return {
        type: 'maintenance',
        maintenance: scheduleMaintenance(store.document, input, deps.now()),
      };
    }),
  );

  router.on(
    'PATCH',
    '/v1/admin/maintenance/{id}',
    write(200, ({ params }, authority, body) => {
      const existing = store.document.maintenance.find((m) => m.id === params['id']);
      if (!existing) throw new HttpError(404, `no maintenance "${params['id'] ?? ''}"`);
      requireOwnership(store.document, authority, existing.services);
      const input = valid(validateMaintenanceChange(body, store.document, existing));
      requireOwnership(store.document, authority, input.services ?? []);
      return { type: 'maintenance', maintenance: changeMaintenance(existing, input, deps.now()) };
    }),
  );

  router.on(
    'PUT',
    '/v1/admin/services/{id}/status',
    write(200, ({ params }, authority, body) => {
      const service = store.document.services.find((s) => s.id === params['id']);
      if (!service) throw new HttpError(404, `no service "${params['id'] ?? ''}"`);
      requireOwnership(store.document, authority, [service.id]);
      const input = valid(validateServiceStatusChange(body));
      return { type: 'service', service: setServiceStatus(service, input, deps.now()) };
    }),
  );
}

/** Creating something under an id that is taken is a conflict (409), not a malformed request. */
function refuseExisting(
  kind: string,
  body: unknown,
  existing: readonly { readonly id: string }[],
): void {
  const id = typeof body === 'object' && body !== null && 'id' in body ? body.id : undefined;
  if (typeof id === 'string' && existing.some((item) => item.id === id)) {
    throw new HttpError(409, `${kind} "${id}" already exists; choose another id or leave it out`);
  }
}

function entityId(change: Exclude<Change, { type: 'removed' }>): string {
  switch (change.type) {
    case 'service':
      return change.service.id;
    case 'incident':
      return change.incident.id;
    case 'maintenance':
      return change.maintenance.id;
  }
}

function entityOf(change: Change): Record<string, unknown> {
  const { type: _type, ...entity } = change;
  return entity;
}
