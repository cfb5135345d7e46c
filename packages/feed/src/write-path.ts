/**
 * The last steps every write takes, whichever way it came in (admin API, probes): the change is
 * applied to the current document, the result validated as a whole, appended durably at the
 * expected revision, counted and logged. Callers run it inside the write queue and
 * `onCurrentDocument`, so it always judges the current document.
 */
import {
  applyChange,
  onlyLimits,
  validateDocument,
  type Change,
  type StatusDocument,
  type Validation,
} from '@statuskit/model';
import { badRequest } from './http/http-error.js';
import { limitRefusal } from './limits.js';
import type { Logger } from './log.js';
import type { FeedMetrics } from './metrics.js';
import {
  credentialFields,
  type ChangeRecord,
  type ChangeStore,
  type Credential,
} from './store/change-store.js';

export interface WritePathDependencies {
  readonly store: ChangeStore;
  readonly metrics: FeedMetrics;
  readonly log: Logger;
}

/** 400 for a malformed request; 422 when it is well formed but a limit does not let it through. */
export function valid<T>(result: Validation<T>): T {
  if (result.ok) return result.value;
  throw onlyLimits(result.errors) ? limitRefusal(result.errors) : badRequest(result.errors);
}

export interface StoreChangeOptions {
  /** Checks of the writer's own on the document before and after (e.g. the live size). */
  readonly check?: (before: StatusDocument, after: StatusDocument) => void;
  /** More fields for the "change accepted" log line. */
  readonly logFields?: Readonly<Record<string, unknown>>;
  /** The session or token the actor used, recorded in the journal with the change. */
  readonly credential?: Credential;
}

/** Validates `change` on the current document and stores it at `expectedRevision` as `actor`. */
export async function storeChange(
  deps: WritePathDependencies,
  change: Change,
  actor: string,
  expectedRevision: number,
  options: StoreChangeOptions = {},
): Promise<ChangeRecord | undefined> {
  const { store } = deps;
  const before = store.document;
  const after = applyChange(before, change);
  // Defence in depth: the stored document stays valid as a whole, whatever the write.
  valid(validateDocument(after));
  options.check?.(before, after);
  const { credential } = options;
  const [record] = await store.append([change], actor, {
    expectedRevision,
    ...(credential && { credential }),
  });
  deps.metrics.writesAccepted += 1;
  deps.log({
    level: 'info',
    msg: 'change accepted',
    revision: record?.revision,
    actor,
    type: change.type,
    id: changedId(change),
    ...credentialFields(credential),
    ...options.logFields,
  });
  return record;
}

function changedId(change: Change): string {
  switch (change.type) {
    case 'service':
      return change.service.id;
    case 'incident':
      return change.incident.id;
    case 'maintenance':
      return change.maintenance.id;
    case 'removed':
      return change.id;
  }
}
