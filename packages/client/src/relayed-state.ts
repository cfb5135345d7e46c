import type { StatusDocument } from '@statuskit/model';
import { isRecord, isRevision } from './json-shape.js';
import { isRelayedStatus } from './tab-leadership.js';
import type { ConnectionState, FeedError } from './types.js';

/** What the leading tab tells the others: everything but what each tab derives itself. */
export interface RelayedState {
  readonly document: StatusDocument | undefined;
  readonly revision: number;
  readonly source: 'none' | 'cache' | 'feed';
  readonly connection: ConnectionState;
  readonly lastUpdated: number | undefined;
  readonly error: FeedError | undefined;
  /** False while the feed says it cannot reach its store; missing from older tabs. */
  readonly feedFresh?: boolean;
}

/** The document client's check of a relayed state. */
export function isRelayedState(value: unknown): value is RelayedState {
  if (!isRecord(value)) return false;
  const { document, revision, source, connection, lastUpdated, error } = value;
  return (
    (document === undefined || isRecord(document)) &&
    isRevision(revision) &&
    isRelayedStatus(source, connection, lastUpdated, error)
  );
}
