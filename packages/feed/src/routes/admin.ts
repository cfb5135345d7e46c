import {
  maintenanceWarnings,
  validateServiceStatusChange,
  type Change,
  type FeedConfig,
  type MaintenanceWarning,
  type StatusDocument,
  type WriteContext,
} from '@statuskit/model';
import type { IncomingMessage } from 'node:http';
import {
  authenticateAdmin,
  credentialOf,
  type AdminActor,
  type AdminAuthDependencies,
} from '../admin-auth.js';
import { requireOwnership } from '../auth.js';
import { handBackToProbes, setServiceStatus } from '../commands.js';
import { readJsonBody } from '../http/body.js';
import { badRequest, HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import type { RouteContext, Router } from '../http/router.js';
import { draftChange } from '../draft-change.js';
import { checkLiveSize } from '../limits.js';
import type { Logger } from '../log.js';
import type { FeedMetrics } from '../metrics.js';
import type { ProbeConclusions } from '../probes/probe-conclusions.js';
import type { SignInGuard } from '../sign-in-guard.js';
import { type ChangeStore, RevisionConflict, StoreUnavailable } from '../store/change-store.js';
import { onCurrentDocument, WRITE_ATTEMPTS } from '../store/current-append.js';
import type { WriteQueue } from '../write-queue.js';
import { storeChange, valid } from '../write-path.js';

export interface AdminDependencies extends AdminAuthDependencies {
  readonly config: FeedConfig;
  readonly store: ChangeStore;
  readonly writes: WriteQueue;
  readonly metrics: FeedMetrics;
  readonly now: () => Date;
  readonly log: Logger;
  readonly signIns: SignInGuard;
  /** Ids the journal has held, including those the live window has retired. */
  readonly history?: { everHad(kind: 'incident' | 'maintenance', id: string): Promise<boolean> };
  /** What the probes conclude, for handing a service back to them; absent: no probes. */
  readonly probes?: ProbeConclusions;
}

/** Whether the client sent an `If-Match` that names a revision (not `*`). */
function hasIfMatch(context: RouteContext): boolean {
  const header = context.req.headers['if-match'];
  return header !== undefined && header.trim() !== '*';
}

/** `If-Match: "41"` or `41`: the write only goes through while the document is at that revision. */
function checkRevision(context: RouteContext, store: ChangeStore): void {
  const header = context.req.headers['if-match'];
  if (header === undefined || !hasIfMatch(context)) return;
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
  /** The clock and limits every write is judged against. */
  const judged = (): WriteContext & { readonly now: Date } => ({
    now: deps.now(),
    limits: deps.config.limits,
  });

  const write =
    (
      status: number,
      build: (context: RouteContext, authority: string, body: unknown) => Change,
      readBody: (req: IncomingMessage) => Promise<unknown> = readJsonBody,
    ) =>
    async (context: RouteContext): Promise<void> => {
      const actor = await authenticateAdmin(context.req, deps, 'write');
      const body = await readBody(context.req);
      await refuseRetired(context, body);
      const ifMatch = hasIfMatch(context);
      const answer = await deps.writes.run(async () => {
        try {
          return await onCurrentDocument(
            store,
            (expectedRevision) => accept(context, actor, body, expectedRevision, build),
            !ifMatch,
          );
        } catch (error) {
          deps.metrics.writesRejected += 1;
          throw storeRefusal(error, ifMatch);
        }
      });
      sendJson(context.res, status, answer, {
        'cache-control': 'no-store',
        etag: `"${answer.revision}"`,
      });
    };

  /** Validates one write against the current document and stores it at `expectedRevision`. */
  const accept = async (
    context: RouteContext,
    actor: AdminActor,
    body: unknown,
    expectedRevision: number,
    build: (context: RouteContext, authority: string, body: unknown) => Change,
  ): Promise<Record<string, unknown> & { revision: number }> => {
    checkRevision(context, store);
    const { authority } = actor;
    const change = build(context, authority, body);
    const warnings = warningsFor(store.document, change, deps.now());
    const record = await storeChange(deps, change, authority, expectedRevision, {
      check: (before, after) => {
        checkLiveSize(before, after, authority, change, deps.config.limits);
      },
      credential: credentialOf(actor),
    });
    if (change.type === 'maintenance' && warnings && warnings.length > 0) {
      deps.log({
        level: 'warn',
        msg: 'maintenance accepted with warnings',
        revision: record?.revision,
        actor: authority,
        id: change.maintenance.id,
        warnings: warnings.map((warning) => warning.message),
      });
    }
    return {
      revision: record?.revision ?? store.revision,
      ...entityOf(change),
      ...(warnings && { warnings }),
    };
  };

  /**
   * An id that has left the live document is still taken: creating under it would merge two
   * events in history, and updating it needs a new incident or window. Checked before the write
   * queue, since the journal may still be being read at start-up.
   */
  const refuseRetired = async (context: RouteContext, body: unknown): Promise<void> => {
    if (!deps.history) return;
    const [, , , collection, pathId, rest] = context.url.pathname.split('/');
    const kind =
      collection === 'incidents'
        ? 'incident'
        : collection === 'maintenance'
          ? 'maintenance'
          : undefined;
    if (kind === undefined) return;
    const creating = pathId === undefined;
    const id = creating ? idIn(body) : pathId;
    if (id === undefined) return;
    const live = kind === 'incident' ? store.document.incidents : store.document.maintenance;
    if (live.some((item) => item.id === id) || !(await deps.history.everHad(kind, id))) return;
    if (creating) {
      throw new HttpError(
        409,
        `${kind} "${id}" was used before (it has left the live document, and the journal keeps it); choose another id or leave it out`,
      );
    }
    throw new HttpError(
      404,
      `${kind} "${id}" is over and has left the live document; ${rest === 'updates' ? 'open a new incident' : 'schedule a new window'} instead`,
    );
  };

  const param = (context: RouteContext): string => context.params['id'] ?? '';

  router.on(
    'POST',
    '/v1/admin/incidents',
    write(201, (_context, authority, body) =>
      draftChange(store.document, authority, { kind: 'new-incident', body }, judged()),
    ),
  );

  router.on(
    'POST',
    '/v1/admin/incidents/{id}/updates',
    write(200, (context, authority, body) =>
      draftChange(
        store.document,
        authority,
        { kind: 'incident-update', id: param(context), body },
        judged(),
      ),
    ),
  );

  router.on(
    'POST',
    '/v1/admin/maintenance',
    write(201, (_context, authority, body) =>
      draftChange(store.document, authority, { kind: 'new-maintenance', body }, judged()),
    ),
  );

  router.on(
    'PATCH',
    '/v1/admin/maintenance/{id}',
    write(200, (context, authority, body) =>
      draftChange(
        store.document,
        authority,
        { kind: 'maintenance-change', id: param(context), body },
        judged(),
      ),
    ),
  );

  router.on(
    'PUT',
    '/v1/admin/services/{id}/status',
    write(200, ({ params }, authority, body) => {
      const service = store.document.services.find((s) => s.id === params['id']);
      if (!service) throw new HttpError(404, `no service "${params['id'] ?? ''}"`);
      requireOwnership(store.document, authority, [service.id]);
      const input = valid(validateServiceStatusChange(body, judged()));
      return {
        type: 'service',
        service: setServiceStatus(service, input, deps.now(), 'operator'),
      };
    }),
  );

  // Hands a service whose status an operator set back to its probes.
  router.on(
    'DELETE',
    '/v1/admin/services/{id}/status',
    write(
      200,
      ({ params }, authority) => {
        const service = store.document.services.find((s) => s.id === params['id']);
        if (!service) throw new HttpError(404, `no service "${params['id'] ?? ''}"`);
        requireOwnership(store.document, authority, [service.id]);
        if (!deps.probes?.watches(service.id)) {
          throw new HttpError(
            409,
            `no probe watches service "${service.id}", so there is nothing to hand its status back to: set it with PUT, or add a probe for it under "probes" in the config`,
          );
        }
        return {
          type: 'service',
          service: handBackToProbes(service, deps.probes.conclusion(service.id), deps.now()),
        };
      },
      withoutBody,
    ),
  );
}

/** For writes that take no body (DELETE): whatever was sent is drained and ignored. */
function withoutBody(req: IncomingMessage): Promise<undefined> {
  req.resume();
  return Promise.resolve(undefined);
}

/**
 * What the client is told when the store refused: 409 for a revision its `If-Match` named that
 * has passed, 503 with `Retry-After` while the store cannot be reached or keeps moving on.
 */
export function storeRefusal(error: unknown, ifMatch: boolean): unknown {
  if (error instanceof RevisionConflict) {
    if (ifMatch) {
      return new HttpError(409, `${error.message}; read it again and retry`);
    }
    return new HttpError(
      503,
      `the document changed under this write ${WRITE_ATTEMPTS} times (other writers); retry`,
      undefined,
      { 'retry-after': '1' },
    );
  }
  if (error instanceof StoreUnavailable) {
    return new HttpError(
      503,
      `${error.message}; nothing is known to be stored, retry later`,
      undefined,
      {
        'retry-after': '5',
      },
    );
  }
  return error;
}

/** The `id` a create request names, if any. */
function idIn(body: unknown): string | undefined {
  const id = typeof body === 'object' && body !== null && 'id' in body ? body.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** A maintenance write's warnings (an array, maybe empty); `undefined` for other writes. */
function warningsFor(
  before: StatusDocument,
  change: Change,
  now: Date,
): MaintenanceWarning[] | undefined {
  if (change.type !== 'maintenance') return undefined;
  const { maintenance } = change;
  const previous = before.maintenance.find((entry) => entry.id === maintenance.id);
  return maintenanceWarnings(previous, maintenance, before, now);
}

function entityOf(change: Change): Record<string, unknown> {
  const { type: _type, ...entity } = change;
  return entity;
}
