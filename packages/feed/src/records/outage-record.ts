import type { FeedConfig, LocalizedText } from '@statuskit/model';
import { recordHash } from '../store/record-hash.js';
import type { LedgerEntry, StateStep } from './outage-ledger.js';

/**
 * The facts a signed outage record states (the JWS payload, as RFC 8785 canonical JSON).
 * Everything here comes from the journal (and the config's feed address and authority names),
 * so the same event at the same revision always gives the same record.
 */
export interface OutageRecord {
  readonly type: 'statuskit-outage-record';
  readonly version: 1;
  /** The config's `publicUrl`; `null` when the feed has none. */
  readonly feed: string | null;
  readonly id: string;
  readonly kind: 'incident' | 'maintenance';
  /** Whose services were affected (the owner of the first one) and who reported the event. */
  readonly authority: { readonly id: string; readonly name: LocalizedText };
  readonly reportedBy: string;
  readonly services: readonly { readonly id: string; readonly name: LocalizedText }[];
  /** The incident's impact; `maintenance` for planned work. */
  readonly impact: 'minor' | 'major' | 'critical' | 'maintenance';
  readonly title: LocalizedText;
  readonly state: string;
  /** False while the event is still open: the facts may still change. */
  readonly final: boolean;
  readonly start: string | null;
  readonly end: string | null;
  /** Maintenance only: the announced window. */
  readonly scheduled?: { readonly start: string; readonly end: string };
  readonly timeline: readonly StateStep[];
  /** The journal revisions that concerned the event, first and last. */
  readonly revisions: { readonly first: number; readonly last: number };
  /** SHA-256 of the journal record at `revisions.last` (see `recordHash`). */
  readonly chainHash: string;
}

/** Whether the event is over: no later record is expected to change what it states. */
export function isFinished(entry: LedgerEntry): boolean {
  return entry.kind === 'incident'
    ? entry.incident.state === 'resolved'
    : entry.maintenance.state === 'completed' || entry.maintenance.state === 'cancelled';
}

export function outageRecord(entry: LedgerEntry, config: FeedConfig): OutageRecord {
  const owner = entry.services[0]?.owner ?? '';
  const authority = config.authorities.find((candidate) => candidate.id === owner);
  const common = {
    type: 'statuskit-outage-record',
    version: 1,
    feed: config.publicUrl ?? null,
    authority: { id: owner, name: authority?.name ?? {} },
    reportedBy: entry.reportedBy,
    services: entry.services.map(({ id, name }) => ({ id, name })),
    final: isFinished(entry),
    revisions: { first: entry.firstRevision, last: entry.last.revision },
    chainHash: recordHash(entry.last),
  } as const;
  if (entry.kind === 'incident') {
    const { incident } = entry;
    return {
      ...common,
      id: incident.id,
      kind: 'incident',
      impact: incident.impact,
      title: incident.title,
      state: incident.state,
      start: incident.startedAt,
      end: incident.resolvedAt ?? null,
      timeline: incident.updates.map(({ time, state }) => ({ time, state })),
    };
  }
  const { maintenance } = entry;
  return {
    ...common,
    id: maintenance.id,
    kind: 'maintenance',
    impact: 'maintenance',
    title: maintenance.title,
    state: maintenance.state,
    start: maintenance.actualStart ?? null,
    end: maintenance.actualEnd ?? null,
    scheduled: { start: maintenance.scheduledStart, end: maintenance.scheduledEnd },
    timeline: entry.steps,
  };
}
