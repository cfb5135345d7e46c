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
  /** The console session (`s_…`) the change was made in, when it came from the console. */
  readonly session?: string;
  /** Which of the actor's tokens made it (first 12 hex of its stored hash), for bearer writes. */
  readonly token?: string;
  /**
   * `recordHash` of the record before this one: the link that makes the journal tamper-evident.
   * Absent on revision 1 and on records stored before the chain began.
   */
  readonly previousHash?: string;
}

/**
 * Called with the records just applied, in order. `reloaded` is true (and `records` empty) when
 * the document was replaced from a snapshot instead: records were skipped, so whoever patches
 * copies of the document (stream clients) must send the whole document again.
 */
export type ChangeListener = (records: readonly ChangeRecord[], reloaded?: boolean) => void;

/** Whether the store can take writes and its document is known to be current. */
export interface StoreHealth {
  readonly kind: 'file' | 'redis';
  readonly state: 'ok' | 'unavailable';
  /** When the store became unavailable (ISO 8601); only while it is. */
  readonly since?: string;
}

export type HealthListener = (health: StoreHealth) => void;

/** How far this process's document is behind the shared journal. */
export interface StoreLag {
  /** Stored changes not yet applied here. */
  readonly entries: number;
  /** Age of the oldest change not yet applied here, in seconds (0 when up to date). */
  readonly seconds: number;
}

export interface AppendOptions {
  /**
   * Store only while the stored revision is still this one (the revision the changes were
   * validated against); otherwise throw `RevisionConflict` and store nothing.
   */
  readonly expectedRevision?: number;
  /** The session or token the actor used, kept in each record (`session`, `token`). */
  readonly credential?: Credential;
}

/** How an actor proved who it is: a console session's public id, or a token's hash prefix. */
export interface Credential {
  readonly session?: string | undefined;
  readonly token?: string | undefined;
}

/** The record fields that name `credential` (none for a change made without one). */
export function credentialFields(credential: Credential | undefined): {
  session?: string;
  token?: string;
} {
  return {
    ...(credential?.session !== undefined && { session: credential.session }),
    ...(credential?.token !== undefined && { token: credential.token }),
  };
}

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
   * once with the new records. Calls are serialized: revisions are never interleaved. Throws
   * `RevisionConflict` when `options.expectedRevision` is not the stored revision, and
   * `StoreUnavailable` when the storage cannot be reached (nothing is then known to be stored).
   */
  append(
    changes: readonly Change[],
    actor: string,
    options?: AppendOptions,
  ): Promise<readonly ChangeRecord[]>;
  /**
   * Applies every change other processes stored before this call, so a write can be validated
   * against the current document. Resolves at once for a store no other process writes to.
   */
  catchUp(): Promise<void>;
  /** Where the store stands; listeners hear every change of state. */
  readonly health: StoreHealth;
  subscribeHealth(listener: HealthListener): () => void;
  /** How far behind the shared journal this process is (always 0 for a store it alone writes). */
  lag(): StoreLag;
  /**
   * The records after `revision`, oldest first; `[]` when up to date; `undefined` when some of
   * them are no longer kept in history (the caller sends a snapshot instead).
   */
  since(revision: number): readonly ChangeRecord[] | undefined;
  subscribe(listener: ChangeListener): () => void;
  /** Bytes stored in the active journal (for /metrics). */
  journalBytes(): number;
  /**
   * The archivers a shared store waits for before trimming (`statuskit-feed archive`), each with
   * the last revision it holds; absent for a store that keeps its whole history itself.
   */
  archivers?(): Promise<ReadonlyMap<string, number>>;
  /** Finishes pending writes and releases files. */
  close(): Promise<void>;
}

/** Stored data cannot be read back as written. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** The stored revision moved on since the change was validated; nothing was stored. */
export class RevisionConflict extends Error {
  override name = 'RevisionConflict';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the document changed: it is at revision ${actual}, not ${expected}`);
  }
}

/** The storage cannot be reached now; try again later. */
export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';
}
