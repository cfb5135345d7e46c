import {
  maintenanceWarnings,
  validateNewMaintenance,
  type FeedConfig,
  type Maintenance,
  type MaintenanceWarning,
  type NewMaintenance,
  type StatusDocument,
  type WriteContext,
} from '@statuskit/model';
import { requireOwnership } from '../auth.js';
import { scheduleMaintenance } from '../commands.js';
import { HttpError } from '../http/http-error.js';
import { refuseTaken } from '../draft-change.js';
import { checkLiveSize } from '../limits.js';
import type { AdminDependencies } from '../routes/admin.js';
import { storeRefusal } from '../routes/admin.js';
import { onCurrentDocument } from '../store/current-append.js';
import { storeChange, valid } from '../write-path.js';

/** The credential a write was made with, recorded in the journal beside the authority. */
export interface Credential {
  readonly session?: string;
  readonly token?: string;
}

/**
 * Whether `body` would be accepted by `POST /v1/admin/maintenance` from `authority` now: the same
 * checks in the same order (a taken id, validation, ownership). Throws the same refusals.
 */
export async function checkNewMaintenance(
  deps: Pick<AdminDependencies, 'store' | 'config' | 'now' | 'history'>,
  authority: string,
  body: unknown,
): Promise<NewMaintenance> {
  const document = deps.store.document;
  refuseTaken('maintenance', body, document.maintenance);
  const id = idIn(body);
  if (id !== undefined) {
    if (await deps.history?.everHad('maintenance', id)) {
      throw new HttpError(
        409,
        `maintenance "${id}" was used before (it has left the live document, and the journal keeps it); choose another id or leave it out`,
      );
    }
  }
  const input = valid(validateNewMaintenance(body, document, judged(deps.config, deps.now())));
  requireOwnership(document, authority, input.services);
  return input;
}

/**
 * Publishes a new maintenance window as `authority` through the feed's one write path (write
 * queue, current document, whole-document validation, durable append), as the admin API would.
 */
export async function announceMaintenance(
  deps: AdminDependencies,
  authority: string,
  body: unknown,
  credential: Credential,
): Promise<{ revision: number; maintenance: Maintenance; warnings: MaintenanceWarning[] }> {
  await checkNewMaintenance(deps, authority, body);
  return deps.writes.run(async () => {
    try {
      return await onCurrentDocument(deps.store, async (expectedRevision) => {
        const input = await checkNewMaintenance(deps, authority, body);
        const before: StatusDocument = deps.store.document;
        const maintenance = scheduleMaintenance(before, input, deps.now());
        const change = { type: 'maintenance', maintenance } as const;
        const warnings = maintenanceWarnings(undefined, maintenance, before, deps.now());
        const record = await storeChange(deps, change, authority, expectedRevision, {
          check: (old, after) => {
            checkLiveSize(old, after, authority, change, deps.config.limits);
          },
          credential,
          logFields: { scheduledAnnouncement: true },
        });
        return { revision: record?.revision ?? deps.store.revision, maintenance, warnings };
      });
    } catch (error) {
      deps.metrics.writesRejected += 1;
      throw storeRefusal(error, false);
    }
  });
}

function judged(config: FeedConfig, now: Date): WriteContext {
  return { now, limits: config.limits };
}

function idIn(body: unknown): string | undefined {
  const id = typeof body === 'object' && body !== null && 'id' in body ? body.id : undefined;
  return typeof id === 'string' ? id : undefined;
}
