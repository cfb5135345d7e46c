import {
  applyChange,
  formatIssues,
  validateDocument,
  type Change,
  type Incident,
  type Maintenance,
  type Service,
  type StatusDocument,
} from '@statuskit/model';
import { isRecord, isRevision } from './json-shape.js';

export { isRecord, isRevision, isStale } from './json-shape.js';

/** What the client holds: a document at a revision (0 and no document before the first). */
export interface Held {
  readonly document: StatusDocument | undefined;
  readonly revision: number;
}

/** What one stream event does to what is held. Pure: nothing is mutated. */
export type EventResult =
  | { readonly kind: 'snapshot'; readonly revision: number; readonly document: StatusDocument }
  | { readonly kind: 'change'; readonly revision: number; readonly document: StatusDocument }
  /** Its revision is not above the one held: already applied (a replay after a reconnect). */
  | { readonly kind: 'duplicate'; readonly revision: number }
  /** Something was missed (`prev` above the revision held), or there is nothing to apply it to. */
  | { readonly kind: 'gap'; readonly revision: number }
  /** An event type from a newer feed; skipped. */
  | { readonly kind: 'ignored' }
  | { readonly kind: 'invalid'; readonly revision: number; readonly message: string };

const CHANGE_EVENTS = new Set(['service', 'incident', 'maintenance', 'removed']);

/**
 * Applies one event of the feed protocol (packages/feed/README.md, "the event stream"). A snapshot
 * replaces whatever is held, whatever its revision (the feed's data may have been restored). A
 * change is applied only on top of the revision it follows: `prev` above the held revision means
 * an event was missed, and guessing would show a wrong status, so the caller fetches a snapshot.
 */
export function reduceEvent(held: Held, type: string | undefined, data: string): EventResult {
  if (type !== 'snapshot' && (type === undefined || !CHANGE_EVENTS.has(type))) {
    return { kind: 'ignored' };
  }
  const record = parseRecord(data);
  if (record === undefined) {
    return { kind: 'invalid', revision: 0, message: `a "${type}" event whose data is not JSON` };
  }
  const revision = record.revision;
  if (!isRevision(revision)) {
    return { kind: 'invalid', revision: 0, message: `a "${type}" event without a valid revision` };
  }
  if (type === 'snapshot') {
    const checked = validateDocument(record.document);
    if (!checked.ok) {
      return {
        kind: 'invalid',
        revision,
        message: `the snapshot at revision ${revision} is not a valid status document: ${summarize(formatIssues(checked.errors))}`,
      };
    }
    return { kind: 'snapshot', revision, document: checked.value };
  }
  if (held.document === undefined) return { kind: 'gap', revision };
  if (revision <= held.revision) return { kind: 'duplicate', revision };
  // `prev` 0 means "no earlier event known" (a new filter group on the feed): never a gap.
  const prev = record.prev ?? 0;
  if (!isRevision(prev)) {
    return {
      kind: 'invalid',
      revision,
      message: `the "${type}" event ${revision} has no valid prev`,
    };
  }
  if (prev > held.revision) return { kind: 'gap', revision };
  const change = readChange(type, record);
  if (change === undefined) {
    return {
      kind: 'invalid',
      revision,
      message: `the "${type}" event ${revision} does not carry a ${type === 'removed' ? 'kind and id' : type}`,
    };
  }
  return { kind: 'change', revision, document: applyChange(held.document, change) };
}

/**
 * Events are checked for shape only (one at a time is cheap); the document they build is
 * validated once per burst (`checkDocument`), which catches everything else.
 */
function readChange(type: string, record: Record<string, unknown>): Change | undefined {
  switch (type) {
    case 'service':
      return hasId(record.service) ? { type, service: record.service as Service } : undefined;
    case 'incident':
      return hasId(record.incident) ? { type, incident: record.incident as Incident } : undefined;
    case 'maintenance':
      return hasId(record.maintenance)
        ? { type, maintenance: record.maintenance as Maintenance }
        : undefined;
    case 'removed': {
      const { kind, id } = record;
      if (kind !== 'service' && kind !== 'incident' && kind !== 'maintenance') return undefined;
      return typeof id === 'string' ? { type, kind, id } : undefined;
    }
    default:
      return undefined;
  }
}

/** Validates a document built by applying events; returns a message when it is broken. */
export function checkDocument(document: StatusDocument): string | undefined {
  const checked = validateDocument(document);
  return checked.ok ? undefined : summarize(formatIssues(checked.errors));
}

/** A `status.json` body: its revision and validated document. */
export function readStatusBody(
  body: unknown,
):
  | { readonly revision: number; readonly document: StatusDocument; readonly fresh: boolean }
  | string {
  if (!isRecord(body) || !isRevision(body.revision)) return 'status.json has no valid revision';
  const checked = validateDocument(body.document);
  if (!checked.ok) {
    return `status.json at revision ${body.revision} is not a valid status document: ${summarize(formatIssues(checked.errors))}`;
  }
  // `fresh: false`: the feed cannot reach its store, so this may not be the newest document.
  return { revision: body.revision, document: checked.value, fresh: body.fresh !== false };
}

/**
 * The feed's `feed` event: `{ "fresh": false }` while it cannot reach its store (what it sends
 * may be out of date), `{ "fresh": true }` when it can again. `undefined` when unreadable.
 */
export function readFreshness(data: string): boolean | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || typeof parsed.fresh !== 'boolean') return undefined;
  return parsed.fresh;
}

function hasId(value: unknown): boolean {
  return isRecord(value) && typeof value.id === 'string';
}

function parseRecord(data: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The first few problems: enough to diagnose, short enough for a state field. */
function summarize(issues: string): string {
  const lines = issues.split('\n');
  return lines.length <= 3 ? lines.join('; ') : `${lines.slice(0, 3).join('; ')}; …`;
}
