import { type FileHandle, open } from 'node:fs/promises';
import { applyChange, servicesTouched, type Change, type StatusDocument } from '@statuskit/model';
import { jsonLogger, type Logger } from '../log.js';
import { archiveJournal, openIfExists, segmentName } from './archive.js';
import {
  type AppendOptions,
  type ChangeListener,
  type ChangeRecord,
  type ChangeStore,
  RevisionConflict,
  StoreError,
  type StoreHealth,
  type StoreLag,
  credentialFields,
  type Credential,
} from './change-store.js';
import {
  type DataDirPaths,
  dataDirPaths,
  describeError,
  prepareDataDir,
  syncDirectory,
} from './data-dir.js';
import { tellListeners } from './change-listeners.js';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import { RecordHistory } from './history.js';
import { recordHash } from './record-hash.js';
import {
  type JournalLine,
  journalEntries,
  lineError,
  recordProblem,
  serializeRecords,
} from './journal-file.js';
import {
  readSnapshot,
  removeUnfinishedSnapshot,
  type Snapshot,
  writeSnapshot,
} from './snapshot-file.js';

export { readAllRecords } from './archive.js';

export interface FileJournalStoreOptions {
  /** Holds `journal.jsonl`, `snapshot.json`, `archive/` and `statuskit.lock`; created if missing. */
  readonly dataDir: string;
  /** Records kept in memory so reconnecting clients get what they missed (default 1000). */
  readonly historySize?: number | undefined;
  /** Compact once the active journal holds this many records (default 1000). */
  readonly compactEvery?: number | undefined;
  readonly log?: Logger | undefined;
}

type State = 'new' | 'opening' | 'open' | 'closing' | 'closed';

/**
 * The embedded `ChangeStore`: an append-only JSON-lines journal in a data dir, fsynced before
 * every acknowledgement, compacted now and then into `snapshot.json` plus an archived segment.
 * One process per data dir, enforced by a lock file.
 */
export class FileJournalStore implements ChangeStore {
  readonly #paths: DataDirPaths;
  readonly #compactEvery: number;
  readonly #log: Logger;
  readonly #history: RecordHistory;
  readonly #listeners = new Set<ChangeListener>();
  #state: State = 'new';
  /** Serializes open, appends, compaction and close: revisions are never interleaved. */
  #queue: Promise<unknown> = Promise.resolve();
  #closed: Promise<void> | undefined;
  #lock: DataDirLock | undefined;
  #journal: FileHandle | undefined;
  #document: StatusDocument | undefined;
  #revision = 0;
  /**
   * `recordHash` of the record at `#revision`, which the next record names as `previousHash`;
   * `undefined` before the first record, or when the snapshot predates the chain and the journal
   * no longer holds that record (the chain then begins one record later).
   */
  #lastHash: string | undefined;
  /** Lines in the active journal file, including any that a snapshot already covers. */
  #journalLines = 0;
  /** Revision on the journal's first line, which names its archive segment. */
  #journalFirst = 0;
  #journalBytes = 0;
  /**
   * Set when a failed write could not be undone, or the journal could not be reopened: more
   * writes could bury a partial record in the middle of the file, so all further appends fail.
   */
  #broken: Error | undefined;

  constructor(options: FileJournalStoreOptions) {
    const historySize = options.historySize ?? 1000;
    const compactEvery = options.compactEvery ?? 1000;
    if (!Number.isSafeInteger(historySize) || historySize < 0) {
      throw new RangeError(`historySize must be a whole number of records, not ${historySize}`);
    }
    if (!Number.isSafeInteger(compactEvery) || compactEvery < 1) {
      throw new RangeError(`compactEvery must be a positive whole number, not ${compactEvery}`);
    }
    this.#paths = dataDirPaths(options.dataDir);
    this.#compactEvery = compactEvery;
    this.#log = options.log ?? jsonLogger();
    this.#history = new RecordHistory(historySize);
  }

  get revision(): number {
    return this.#revision;
  }

  get document(): StatusDocument {
    if (this.#document === undefined) throw new Error('FileJournalStore: call open() first');
    return this.#document;
  }

  async open(initial: StatusDocument): Promise<void> {
    if (this.#state !== 'new') throw new Error('FileJournalStore: open() can be called only once');
    this.#state = 'opening';
    await this.#exclusive(async () => {
      try {
        await prepareDataDir(this.#paths);
        this.#lock = await lockDataDir(this.#paths, this.#log);
        await this.#load(initial);
        // close() may have been called meanwhile; it is queued behind this and must win.
        if (this.#state === 'opening') this.#state = 'open';
      } catch (error) {
        // The start-up error is the one worth reporting, not a failure to clean up after it.
        await this.#release().catch(() => undefined);
        this.#state = 'closed';
        throw error;
      }
    });
  }

  append(
    changes: readonly Change[],
    actor: string,
    options: AppendOptions = {},
  ): Promise<readonly ChangeRecord[]> {
    const refusal = this.#refusal();
    if (refusal) return Promise.reject(refusal);
    if (changes.length === 0) return Promise.resolve([]);
    return this.#exclusive(() => {
      const { expectedRevision } = options;
      if (expectedRevision !== undefined && expectedRevision !== this.#revision) {
        return Promise.reject(new RevisionConflict(expectedRevision, this.#revision));
      }
      return this.#append(changes, actor, options.credential);
    });
  }

  /**
   * Stores records made elsewhere (the Redis stream, for `statuskit-feed archive`) exactly as
   * they are, through the same durable write as `append`: time, actor and services are kept, so
   * each journal line is byte for byte the record the feed published. The first record must
   * follow the stored revision and each the one before it; nothing is stored otherwise.
   */
  appendRecords(records: readonly ChangeRecord[]): Promise<void> {
    const refusal = this.#refusal();
    if (refusal) return Promise.reject(refusal);
    if (records.length === 0) return Promise.resolve();
    return this.#exclusive(async () => {
      let document = this.document;
      let revision = this.#revision;
      let lastHash = this.#lastHash;
      for (const record of records) {
        const problem = recordProblem(record);
        if (problem !== undefined)
          throw new StoreError(`cannot store revision ${record.revision}: ${problem}`);
        if (record.revision !== revision + 1)
          throw new StoreError(
            `cannot store revision ${record.revision} in ${this.#paths.journal}: it holds revision ${revision}, so a gap would open`,
          );
        // The archive must stay a chain verify-journal accepts: a record that names another
        // predecessor than the one stored here belongs to another history.
        if (
          record.previousHash !== undefined &&
          lastHash !== undefined &&
          record.previousHash !== lastHash
        )
          throw new StoreError(
            `cannot store revision ${record.revision} in ${this.#paths.journal}: its previousHash is not the hash of revision ${revision} stored there, so the chain would break`,
          );
        document = applyChange(document, record.change);
        revision = record.revision;
        lastHash = recordHash(record);
      }
      await this.#store(records, document, lastHash);
    });
  }

  /**
   * Makes `snapshot` the starting point of an empty data dir (an archive that begins after
   * revision 1): written durably as `snapshot.json`, the journal then continues after it.
   */
  startFromSnapshot(snapshot: Snapshot): Promise<void> {
    const refusal = this.#refusal();
    if (refusal) return Promise.reject(refusal);
    return this.#exclusive(async () => {
      if (this.#revision !== 0 || this.#journalLines !== 0)
        throw new StoreError(
          `${this.#paths.dir} already holds revision ${this.#revision}; a snapshot can only start an empty data dir`,
        );
      await writeSnapshot(this.#paths.snapshot, snapshot);
      this.#document = snapshot.document;
      this.#revision = snapshot.revision;
      this.#lastHash = snapshot.lastHash;
    });
  }

  /** Only this process writes to its data dir (the lock sees to that): always current. */
  catchUp(): Promise<void> {
    return Promise.resolve();
  }

  readonly health: StoreHealth = { kind: 'file', state: 'ok' };

  /** A local file is never "unreachable": a failed write is an error of that write. */
  subscribeHealth(): () => void {
    return () => undefined;
  }

  lag(): StoreLag {
    return { entries: 0, seconds: 0 };
  }

  since(revision: number): readonly ChangeRecord[] | undefined {
    // A revision above ours comes from another data dir (or a restored backup): the client's
    // copy cannot be patched, so it gets a snapshot.
    if (!Number.isSafeInteger(revision) || revision < 0 || revision > this.#revision) {
      return undefined;
    }
    if (revision === this.#revision) return [];
    return this.#history.after(revision);
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  journalBytes(): number {
    return this.#journalBytes;
  }

  /** Compacts now, whatever the size of the active journal (it happens by itself after appends). */
  compact(): Promise<void> {
    const refusal = this.#refusal();
    if (refusal) return Promise.reject(refusal);
    return this.#exclusive(() => this.#compact());
  }

  close(): Promise<void> {
    if (this.#state === 'new') this.#state = 'closed';
    if (this.#state === 'closed' || this.#closed) return this.#closed ?? Promise.resolve();
    this.#state = 'closing';
    this.#closed = this.#exclusive(async () => {
      await this.#release();
      this.#state = 'closed';
    });
    return this.#closed;
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #refusal(): Error | undefined {
    if (this.#state === 'closing' || this.#state === 'closed') {
      return new Error(
        `FileJournalStore on ${this.#paths.dir} is closed; no more changes can be stored`,
      );
    }
    if (this.#state !== 'open') return new Error('FileJournalStore: call open() before append()');
    return this.#broken;
  }

  async #load(initial: StatusDocument): Promise<void> {
    const paths = this.#paths;
    await removeUnfinishedSnapshot(paths.snapshot);
    const snapshot = await readSnapshot(paths.snapshot);
    this.#document = snapshot ? withStoredEntities(initial, snapshot.document) : initial;
    this.#revision = snapshot?.revision ?? 0;
    this.#lastHash = snapshot?.lastHash;

    const journal = await openIfExists(paths.journal);
    let replayed = 0;
    if (journal) {
      try {
        replayed = await this.#replay(journal, snapshot !== undefined);
      } finally {
        await journal.close();
      }
    }

    // Every line already in the snapshot: a crash came between compaction's steps 1 and 2.
    const interrupted = this.#journalLines > 0 && replayed === 0;
    if (interrupted) {
      const last = this.#journalFirst + this.#journalLines - 1;
      await archiveJournal(paths, this.#journalFirst, last);
      this.#log({
        level: 'info',
        msg: `finished a compaction a crash had interrupted: archived ${paths.journal} as ${segmentName(this.#journalFirst, last)}`,
      });
      this.#resetJournalCounts();
    }
    this.#journal = await open(paths.journal, 'a');
    if (!journal || interrupted) await syncDirectory(paths.dir);
  }

  /** Applies the journal on top of the snapshot; returns how many records were applied. */
  async #replay(journal: FileHandle, fromSnapshot: boolean): Promise<number> {
    const file = this.#paths.journal;
    let applied = 0;
    let last: ChangeRecord | undefined;
    let torn: JournalLine | undefined;
    for await (const entry of journalEntries(journal, file)) {
      if (entry.kind === 'torn') {
        torn = entry.line;
        break;
      }
      const { record, line } = entry;
      if (this.#journalLines === 0) this.#journalFirst = record.revision;
      this.#journalLines += 1;
      this.#journalBytes = line.end;
      // Already in the snapshot: compaction stopped before it archived this journal.
      if (record.revision < this.#revision) continue;
      if (record.revision === this.#revision) {
        // A snapshot written before the chain began has no lastHash: the line gives it.
        this.#lastHash ??= recordHash(record);
        continue;
      }
      if (record.revision !== this.#revision + 1) {
        const source =
          fromSnapshot && applied === 0 ? ` (the revision of ${this.#paths.snapshot})` : '';
        throw lineError(
          file,
          line,
          `revision ${record.revision} follows ${this.#revision}${source}`,
        );
      }
      this.#document = applyChange(this.document, record.change);
      this.#revision = record.revision;
      this.#history.push([record]);
      last = record;
      applied += 1;
    }
    if (last !== undefined) this.#lastHash = recordHash(last);
    if (torn) await this.#cutTornTail(torn);
    return applied;
  }

  async #cutTornTail(torn: JournalLine): Promise<void> {
    const file = this.#paths.journal;
    const writable = await open(file, 'r+');
    try {
      await writable.truncate(torn.start);
      await writable.datasync();
    } finally {
      await writable.close();
    }
    const bytes = torn.end - torn.start;
    this.#log({
      level: 'warn',
      msg: `${file} line ${torn.number}: removed ${bytes} bytes of a write a crash interrupted (never acknowledged)`,
      file,
      line: torn.number,
      bytes,
    });
  }

  async #append(
    changes: readonly Change[],
    actor: string,
    credential?: Credential,
  ): Promise<readonly ChangeRecord[]> {
    // Not #refusal(): an append accepted before close() still runs, as close() promises.
    if (this.#broken) throw this.#broken;
    const time = new Date().toISOString();
    let document = this.document;
    let previousHash = this.#lastHash;
    const records = changes.map((change, index): ChangeRecord => {
      const services = [...servicesTouched(document, change)];
      const record: ChangeRecord = {
        revision: this.#revision + index + 1,
        time,
        actor,
        services,
        change,
        ...credentialFields(credential),
        ...(previousHash !== undefined && { previousHash }),
      };
      // Refused before writing: a line that start-up would reject would stop the feed for good.
      const problem = recordProblem(record);
      if (problem !== undefined)
        throw new TypeError(`cannot store change ${index + 1}: ${problem}`);
      document = applyChange(document, change);
      previousHash = recordHash(record);
      return record;
    });

    await this.#store(records, document, previousHash);
    return records;
  }

  /**
   * Writes records already checked to follow the stored revision; `document` is after them and
   * `lastHash` is the hash of the last of them.
   */
  async #store(
    records: readonly ChangeRecord[],
    document: StatusDocument,
    lastHash: string | undefined,
  ): Promise<void> {
    if (this.#broken) throw this.#broken;
    const journal = this.#journal;
    if (!journal) throw new Error(`FileJournalStore: ${this.#paths.journal} is not open`);
    const data = serializeRecords(records);
    await this.#writeDurably(journal, data);

    this.#document = document;
    this.#revision += records.length;
    this.#lastHash = lastHash;
    this.#history.push(records);
    if (this.#journalLines === 0) this.#journalFirst = records[0]?.revision ?? 0;
    this.#journalLines += records.length;
    this.#journalBytes += data.length;
    this.#notify(records);

    if (this.#journalLines >= this.#compactEvery) {
      try {
        await this.#compact();
      } catch (error) {
        // The records are stored either way; the next append tries again.
        this.#log({
          level: 'error',
          msg: `compaction failed: ${describeError(error)}`,
          dataDir: this.#paths.dir,
        });
      }
    }
  }

  /** One write call for the whole append, then datasync: only then is the append acknowledged. */
  async #writeDurably(journal: FileHandle, data: Buffer): Promise<void> {
    const sizeBefore = this.#journalBytes;
    try {
      const { bytesWritten } = await journal.write(data);
      if (bytesWritten !== data.length) {
        throw new Error(`only ${bytesWritten} of ${data.length} bytes were written`);
      }
      await journal.datasync();
    } catch (error) {
      await this.#undoWrite(journal, sizeBefore);
      throw new Error(
        `could not store the change in ${this.#paths.journal} (${describeError(error)}); nothing was changed`,
        { cause: error },
      );
    }
  }

  /** Cuts a failed write back off, so the journal never keeps part of a record. */
  async #undoWrite(journal: FileHandle, size: number): Promise<void> {
    try {
      await journal.truncate(size);
      await journal.datasync();
    } catch (error) {
      this.#broken = new Error(
        `${this.#paths.journal} may end in part of a change that was not stored, and cutting it ` +
          `off failed (${describeError(error)}); restart the feed once the disk is fixed`,
        { cause: error },
      );
      this.#log({ level: 'error', msg: this.#broken.message });
    }
  }

  #notify(records: readonly ChangeRecord[]): void {
    tellListeners(this.#listeners, records, false, this.#log, this.#revision);
  }

  /**
   * Snapshot, then archive, then a fresh journal. A crash between any two steps is repaired at
   * start-up: journal lines the snapshot covers are skipped, and archiving is finished.
   */
  async #compact(): Promise<void> {
    if (this.#journalLines === 0) return;
    const first = this.#journalFirst;
    const last = this.#revision;
    await writeSnapshot(this.#paths.snapshot, {
      format: 1,
      revision: last,
      time: new Date().toISOString(),
      document: this.document,
      ...(this.#lastHash !== undefined && { lastHash: this.#lastHash }),
    });
    await this.#journal?.close();
    this.#journal = undefined;
    try {
      await archiveJournal(this.#paths, first, last);
      this.#resetJournalCounts();
    } finally {
      await this.#reopenJournal();
    }
    this.#log({
      level: 'info',
      msg: `compacted the journal: snapshot at revision ${last}, archived as ${segmentName(first, last)}`,
    });
  }

  async #reopenJournal(): Promise<void> {
    try {
      this.#journal = await open(this.#paths.journal, 'a');
      await syncDirectory(this.#paths.dir);
    } catch (error) {
      this.#broken = new Error(
        `cannot reopen ${this.#paths.journal} after compaction (${describeError(error)}); restart the feed`,
        { cause: error },
      );
      throw this.#broken;
    }
  }

  #resetJournalCounts(): void {
    this.#journalLines = 0;
    this.#journalFirst = 0;
    this.#journalBytes = 0;
  }

  async #release(): Promise<void> {
    try {
      await this.#journal?.close();
    } finally {
      this.#journal = undefined;
      await this.#lock?.release();
      this.#lock = undefined;
    }
  }
}

/** Document-level settings come from the config every time; entities from storage. */
function withStoredEntities(initial: StatusDocument, stored: StatusDocument): StatusDocument {
  return {
    ...initial,
    services: stored.services,
    incidents: stored.incidents,
    maintenance: stored.maintenance,
  };
}
