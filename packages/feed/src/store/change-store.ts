import type { Change, StatusDocument } from '@statuskit/model';

/** One accepted change as stored and streamed: the SSE `id:` is its revision. */
export interface ChangeRecord {
  /** Grows by one per accepted change, starting at 1. */
  readonly revision: number;
  /** When the change was accepted (ISO 8601, UTC). */
  readonly time: string;
  /** Authority id that made the change; `config` for catalogue changes made at start-up. */
  readonly actor: string;
  /**
   * Ids of the services the change concerns, judged against the document before it (see
   * `servicesTouched`): filtered streams use it, and so can reports.
   */
  readonly services: readonly string[];
  readonly change: Change;
}

export type ChangeListener = (records: readonly ChangeRecord[]) => void;

/**
 * Where accepted changes live. The HTTP layer sees only this, so a Redis Streams backend can be
 * added later without touching it. The store owns the current document and revision.
 */
export interface ChangeStore {
  /** Revision of the last accepted change (0 when none). */
  readonly revision: number;
  /** The current document (every accepted change applied). */
  readonly document: StatusDocument;
  /**
   * Loads stored state. Document-level settings (`defaultLocale`, `timeZone`, `authorities`)
   * always come from `initial`, which comes from the config; services, incidents and maintenance
   * come from storage, or from `initial` when nothing is stored yet. Throws a `StoreError` naming
   * the file and line when stored data is corrupt.
   */
  open(initial: StatusDocument): Promise<void>;
  /**
   * Durably stores the changes (one revision each) before resolving, then calls every listener
   * once with the new records. Calls are serialized: revisions are never interleaved.
   */
  append(changes: readonly Change[], actor: string): Promise<readonly ChangeRecord[]>;
  /**
   * The records after `revision`, oldest first; `[]` when up to date; `undefined` when some of
   * them are no longer kept in history (the caller sends a snapshot instead).
   */
  since(revision: number): readonly ChangeRecord[] | undefined;
  subscribe(listener: ChangeListener): () => void;
  /** Bytes stored in the active journal (for /metrics). */
  journalBytes(): number;
  /**
   * How far this process is behind a store that other processes write too (for /metrics);
   * `undefined` while unknown. Absent on a store only this process writes (the file journal).
   */
  lag?(): { readonly entries: number; readonly seconds: number } | undefined;
  /** Finishes pending writes and releases files. */
  close(): Promise<void>;
}

/** Stored data cannot be read back as written. */
export class StoreError extends Error {
  override name = 'StoreError';
}
