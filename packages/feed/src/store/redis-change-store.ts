import { once } from 'node:events';
import type { Redis, RedisOptions } from 'ioredis';
import { applyChange, servicesTouched, type Change, type StatusDocument } from '@statuskit/model';
import { jsonLogger, type Logger } from '../log.js';
import {
  type AppendOptions,
  type ChangeListener,
  type ChangeRecord,
  type ChangeStore,
  type HealthListener,
  RevisionConflict,
  StoreError,
  type StoreHealth,
  type StoreLag,
  StoreUnavailable,
  credentialFields,
  type Credential,
} from './change-store.js';
import { tellListeners } from './change-listeners.js';
import { describeError } from './data-dir.js';
import { RecordHistory } from './history.js';
import { recordProblem } from './journal-file.js';
import { recordHash } from './record-hash.js';
import { parseRedisAddress, type RedisAddress } from './redis-address.js';
import { durabilityProblem, durabilityRefusal, type StoreDurability } from './redis-durability.js';
import { APPEND_SCRIPT, SNAPSHOT_SCRIPT } from './redis-scripts.js';
import {
  connectRedis,
  parseStreamEntry,
  redisKeys,
  type RedisKeys,
  revisionOf,
  type StreamEntry,
} from './redis-stream.js';

export interface RedisChangeStoreOptions {
  /**
   * `redis://[user:password@]host:6379/0`, `rediss://…` for TLS, or
   * `redis+sentinel://[user:password@]host:26379[,host:26379…]/mastername[/db]` to follow the
   * primary Sentinel names.
   */
  readonly url: string;
  /** Prefix of every key this feed uses (default `statuskit:`), so feeds can share a Redis. */
  readonly keyPrefix?: string | undefined;
  /** Records kept in memory so reconnecting clients get what they missed (default 1000). */
  readonly historySize?: number | undefined;
  /** A snapshot is stored each time the revision passes a multiple of this (default 100). */
  readonly snapshotEvery?: number | undefined;
  /** `strict` (default) refuses to open on a Redis that may lose acknowledged writes. */
  readonly durability?: StoreDurability | undefined;
  /** Replicas `WAIT` must reach before an append is acknowledged (default 0). */
  readonly replicas?: number | undefined;
  /** How long `WAIT` may take, in ms (default 2,000). */
  readonly replicaTimeoutMs?: number | undefined;
  readonly log?: Logger | undefined;
}

/** What an operator chooses (the `--store…` flags); the rest comes from the config. */
export type RedisStoreSettings = Pick<
  RedisChangeStoreOptions,
  'url' | 'keyPrefix' | 'durability' | 'replicas' | 'replicaTimeoutMs' | 'snapshotEvery'
>;

type State = 'new' | 'open' | 'closed';

/** Entries read in one go; a longer tail is read in several. */
const BATCH = 1000;
/** How long one blocking read waits for new entries before it asks again, in ms. */
const BLOCK_MS = 5000;

/**
 * The shared `ChangeStore`: one Redis stream entry per change (its id is the revision), the
 * revision counter and a snapshot beside it. Any number of feed processes open the same keys;
 * each keeps the document and recent history in memory, appends through one atomic script, and
 * tails the stream on a connection of its own to apply what the others append.
 */
export class RedisChangeStore implements ChangeStore {
  readonly #address: RedisAddress;
  readonly #where: string;
  readonly #keys: RedisKeys;
  readonly #historySize: number;
  readonly #snapshotEvery: number;
  readonly #durability: StoreDurability;
  readonly #replicas: number;
  readonly #replicaTimeoutMs: number;
  readonly #log: Logger;
  readonly #listeners = new Set<ChangeListener>();
  readonly #healthListeners = new Set<HealthListener>();
  #history: RecordHistory;
  #state: State = 'new';
  #commands: Redis | undefined;
  #tail: Redis | undefined;
  #tailDone: Promise<void> | undefined;
  #reloading: Promise<void> | undefined;
  #watchdog: NodeJS.Timeout | undefined;
  #probing = false;
  /** Document-level settings (from the config), for a reload from the snapshot. */
  #initial: StatusDocument | undefined;
  /** Stops the tail's wait for a reconnection when the store closes. */
  readonly #closing = new AbortController();
  #document: StatusDocument | undefined;
  #revision = 0;
  /** Serializes this process's appends (and close): one script call at a time. */
  #queue: Promise<unknown> = Promise.resolve();
  #health: StoreHealth = { kind: 'redis', state: 'ok' };
  /** The highest revision this process knows Redis holds, and when it learnt of it. */
  #head = { revision: 0, seenAt: 0 };
  #journalBytes = 0;
  /** `recordHash` of the last record applied here, which the next append links to. */
  #lastHash: { readonly revision: number; readonly hash: string } | undefined;

  constructor(options: RedisChangeStoreOptions) {
    const historySize = options.historySize ?? 1000;
    const snapshotEvery = options.snapshotEvery ?? 100;
    const replicas = options.replicas ?? 0;
    if (!Number.isSafeInteger(historySize) || historySize < 0) {
      throw new RangeError(`historySize must be a whole number of records, not ${historySize}`);
    }
    if (!Number.isSafeInteger(snapshotEvery) || snapshotEvery < 1) {
      throw new RangeError(`snapshotEvery must be a positive whole number, not ${snapshotEvery}`);
    }
    if (!Number.isSafeInteger(replicas) || replicas < 0) {
      throw new RangeError(`replicas must be a whole number, not ${replicas}`);
    }
    const prefix = options.keyPrefix ?? 'statuskit:';
    this.#address = parseRedisAddress(options.url);
    this.#where = this.#address.location;
    this.#keys = redisKeys(prefix);
    this.#historySize = historySize;
    this.#snapshotEvery = snapshotEvery;
    this.#durability = options.durability ?? 'strict';
    this.#replicas = replicas;
    this.#replicaTimeoutMs = options.replicaTimeoutMs ?? 2000;
    this.#log = options.log ?? jsonLogger();
    this.#history = new RecordHistory(historySize);
  }

  get revision(): number {
    return this.#revision;
  }

  get document(): StatusDocument {
    if (this.#document === undefined) throw new Error('RedisChangeStore: call open() first');
    return this.#document;
  }

  get health(): StoreHealth {
    return this.#health;
  }

  async open(initial: StatusDocument): Promise<void> {
    if (this.#state !== 'new') throw new Error('RedisChangeStore: open() can be called only once');
    this.#state = 'open';
    this.#initial = initial;
    const commands = this.#connect({
      // Fail fast: a write must be answered now, never queued until Redis returns.
      enableOfflineQueue: false,
      commandTimeout: 5000,
    });
    this.#commands = commands;
    commands.on('error', () => undefined); // reported through health, not as unhandled events
    commands.on('close', () => {
      this.#setHealth('unavailable');
    });
    commands.on('ready', () => {
      // The first 'ready' comes before the load, which reads everything itself.
      if (this.#health.state === 'ok') return;
      // Fresh again only once every change stored meanwhile is applied here.
      this.catchUp().then(
        () => {
          this.#setHealth('ok');
        },
        () => undefined,
      );
    });
    try {
      await commands.connect();
      if (this.#durability === 'strict') {
        const problem = await durabilityProblem(commands, this.#replicas, this.#replicaTimeoutMs);
        if (problem !== undefined) throw new StoreError(durabilityRefusal(this.#where, problem));
      }
      await this.#load(initial);
    } catch (error) {
      this.#state = 'closed';
      commands.disconnect();
      if (error instanceof StoreError) throw error;
      throw new StoreError(
        `cannot open the Redis store at ${this.#where}: ${describeError(error)}`,
        {
          cause: error,
        },
      );
    }
    this.#setHealth('ok');
    // Its own connection: XREAD BLOCK holds a connection until something arrives.
    const tail = this.#connect({});
    tail.on('error', () => undefined);
    this.#tail = tail;
    try {
      await tail.connect();
    } catch (error) {
      await this.close();
      throw new StoreError(
        `cannot open the Redis store at ${this.#where}: ${describeError(error)}`,
        {
          cause: error,
        },
      );
    }
    this.#tailDone = this.#follow(tail);
    this.#watchdog = setInterval(() => {
      void this.#probe();
    }, PROBE_MS);
    this.#watchdog.unref();
  }

  append(
    changes: readonly Change[],
    actor: string,
    options: AppendOptions = {},
  ): Promise<readonly ChangeRecord[]> {
    if (this.#state !== 'open') {
      return Promise.reject(
        new Error(`RedisChangeStore at ${this.#where} is not open; no changes can be stored`),
      );
    }
    if (changes.length === 0) return Promise.resolve([]);
    const run = this.#queue.then(() =>
      this.#append(changes, actor, options.expectedRevision, options.credential),
    );
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async catchUp(): Promise<void> {
    await this.#readFrom(this.#revision, this.#connection());
  }

  since(revision: number): readonly ChangeRecord[] | undefined {
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

  subscribeHealth(listener: HealthListener): () => void {
    this.#healthListeners.add(listener);
    return () => this.#healthListeners.delete(listener);
  }

  lag(): StoreLag {
    const { since } = this.#health;
    if (since !== undefined) {
      // Nothing is known about what others stored meanwhile: the document is this old at most.
      return { entries: 0, seconds: (Date.now() - Date.parse(since)) / 1000 };
    }
    const entries = Math.max(0, this.#head.revision - this.#revision);
    return { entries, seconds: entries > 0 ? (Date.now() - this.#head.seenAt) / 1000 : 0 };
  }

  /** Bytes of the change records stored since the last snapshot point (a multiple of snapshotEvery). */
  journalBytes(): number {
    return this.#journalBytes;
  }

  /** From `<prefix>archivers`: each archiver and the revision it has archived. */
  async archivers(): Promise<ReadonlyMap<string, number>> {
    const registered = await this.#connection().hgetall(this.#keys.archivers);
    return new Map(Object.entries(registered).map(([name, held]) => [name, Number(held)]));
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    await this.#queue;
    this.#closing.abort();
    clearInterval(this.#watchdog);
    this.#tail?.disconnect();
    await this.#tailDone;
    await this.#commands?.quit().catch(() => undefined);
    this.#commands?.disconnect();
  }

  #connect(options: RedisOptions): Redis {
    return connectRedis(this.#address, options);
  }

  /** A method, not a field test: the state changes across the tail's awaits. */
  #isOpen(): boolean {
    return this.#state === 'open';
  }

  #connection(): Redis {
    if (!this.#commands) throw new Error('RedisChangeStore: call open() first');
    return this.#commands;
  }

  /** Snapshot, then every entry after it; history reaches back before the snapshot too. */
  async #load(initial: StatusDocument): Promise<void> {
    const redis = this.#connection();
    const snapshot = await redis.hgetall(this.#keys.snapshot);
    if (snapshot['document'] !== undefined) {
      this.#document = withStoredEntities(initial, this.#parseSnapshot(snapshot['document']));
      this.#revision = Number(snapshot['revision']);
    } else {
      this.#document = initial;
      this.#revision = 0;
    }
    const snapshotRevision = this.#revision;
    let after = Math.max(0, snapshotRevision - this.#historySize);
    // The counter is read after the stream: a process that appends meanwhile (workers starting
    // together on a new Redis, one publishing the catalogue) moves it past what was read, and
    // the stream is read on. Only a counter the stream cannot reach is an inconsistency.
    for (let pass = 0; ; pass += 1) {
      const before = this.#revision;
      for (;;) {
        const entries = await redis.xrange(
          this.#keys.changes,
          `${after + 1}-0`,
          '+',
          'COUNT',
          BATCH,
        );
        for (const entry of entries) {
          const record = this.#parseEntry(entry);
          if (record.revision <= snapshotRevision) {
            this.#history.push([record]);
          } else if (record.revision === this.#revision + 1) {
            this.#document = applyChange(this.document, record.change);
            this.#revision = record.revision;
            this.#history.push([record]);
            if (record.revision % this.#snapshotEvery === 1 % this.#snapshotEvery)
              this.#journalBytes = 0;
            this.#journalBytes += Buffer.byteLength(JSON.stringify(record));
          } else {
            throw new StoreError(
              `${this.#keys.changes} in Redis at ${this.#where}: entry ${record.revision} follows revision ${this.#revision}; the stream was trimmed past the snapshot`,
            );
          }
          after = record.revision;
        }
        if (entries.length < BATCH) break;
      }
      const storedRevision = Number((await redis.get(this.#keys.revision)) ?? '0');
      if (storedRevision === this.#revision) break;
      // Ahead of the stream read: read on, unless that found nothing new (entries are missing).
      if (storedRevision < this.#revision || (pass > 0 && this.#revision === before)) {
        throw new StoreError(
          `${this.#keys.revision} in Redis at ${this.#where} is ${storedRevision}, but the stream and snapshot reach revision ${this.#revision}`,
        );
      }
    }
    this.#head = { revision: this.#revision, seenAt: Date.now() };
  }

  async #append(
    changes: readonly Change[],
    actor: string,
    expectedRevision: number | undefined,
    credential?: Credential,
  ): Promise<readonly ChangeRecord[]> {
    const redis = this.#connection();
    if (expectedRevision === undefined) {
      // Appending blind is only safe against the newest document.
      await this.#readFrom(this.#revision, redis);
    }
    const base = expectedRevision ?? this.#revision;
    if (base !== this.#revision) throw new RevisionConflict(base, this.#revision);
    const linkedTo = base === 0 ? undefined : await this.#hashAt(base, redis);
    const time = new Date().toISOString();
    let document = this.document;
    let previousHash = linkedTo;
    const records = changes.map((change, index): ChangeRecord => {
      const services = [...servicesTouched(document, change)];
      const record: ChangeRecord = {
        revision: base + index + 1,
        time,
        actor,
        services,
        change,
        ...credentialFields(credential),
        ...(previousHash !== undefined && { previousHash }),
      };
      const problem = recordProblem(record);
      if (problem !== undefined)
        throw new TypeError(`cannot store change ${index + 1}: ${problem}`);
      document = applyChange(document, change);
      previousHash = recordHash(record);
      return record;
    });

    let reply: unknown;
    try {
      reply = await redis.eval(
        APPEND_SCRIPT,
        3,
        this.#keys.revision,
        this.#keys.changes,
        this.#keys.lastHash,
        String(base),
        linkedTo ?? '',
        previousHash ?? '',
        ...records.map((record) => JSON.stringify(record)),
      );
    } catch (error) {
      throw this.#unavailable('the change may or may not have been stored', error);
    }
    const [stored, revision] = scriptReply(reply);
    if (stored === 2) {
      // Redis holds another record at `base` than the one applied here (a failover replaced
      // it): linking to ours would fork the chain. Ask Redis next time.
      this.#lastHash = undefined;
      throw new StoreUnavailable(
        `Redis at ${this.#where} holds a different record at revision ${base} than the one applied here; nothing was stored, try again`,
      );
    }
    if (stored !== 1 && revision < base) {
      // Redis lost changes applied here (a failover); the tail loads what it holds.
      throw new StoreUnavailable(
        `Redis at ${this.#where} holds revision ${revision}, behind the ${base} applied here; the feed is reloading, try again`,
      );
    }
    if (stored !== 1) {
      this.#learnHead(revision);
      throw new RevisionConflict(base, revision);
    }
    if (previousHash !== undefined) this.#lastHash = { revision, hash: previousHash };
    if (this.#replicas > 0) await this.#awaitReplicas(redis);
    // The tail may have delivered them already (it reads on another connection).
    this.#apply(records);
    if (Math.floor(revision / this.#snapshotEvery) > Math.floor(base / this.#snapshotEvery)) {
      await this.#storeSnapshot(redis, revision, document);
    }
    return records;
  }

  /**
   * The hash of the record at `revision` (the stored one): from what is applied here, else the
   * hash Redis keeps beside the revision (the append script checks it is still current), else
   * the stream's entry. `undefined` only when Redis predates the chain and no longer holds the
   * entry: the chain then begins with the record after.
   */
  async #hashAt(revision: number, redis: Redis): Promise<string | undefined> {
    if (this.#lastHash?.revision === revision) return this.#lastHash.hash;
    const held = this.#history.after(revision - 1)?.[0];
    if (held?.revision === revision) return recordHash(held);
    let stored: string | null;
    let entries: StreamEntry[];
    try {
      [stored, entries] = await Promise.all([
        redis.get(this.#keys.lastHash),
        redis.xrange(this.#keys.changes, `${revision}-0`, `${revision}-0`),
      ]);
    } catch (error) {
      throw this.#unavailable('cannot read the last record', error);
    }
    const [at, hash] = stored?.split(':') ?? [];
    if (at === String(revision) && hash !== undefined) return hash;
    const entry = entries[0];
    return entry === undefined ? undefined : recordHash(this.#parseEntry(entry));
  }

  async #awaitReplicas(redis: Redis): Promise<void> {
    let reached: number;
    try {
      reached = await redis.wait(this.#replicas, this.#replicaTimeoutMs);
    } catch (error) {
      throw this.#unavailable(
        'the change is stored on the primary, not confirmed on replicas',
        error,
      );
    }
    if (reached < this.#replicas) {
      throw new StoreUnavailable(
        `Redis at ${this.#where} stored the change, but only ${reached} of ${this.#replicas} replicas confirmed it within ${this.#replicaTimeoutMs} ms; it may be lost in a failover`,
      );
    }
  }

  async #storeSnapshot(redis: Redis, revision: number, document: StatusDocument): Promise<void> {
    const entities = {
      services: document.services,
      incidents: document.incidents,
      maintenance: document.maintenance,
    };
    try {
      await redis.eval(
        SNAPSHOT_SCRIPT,
        3,
        this.#keys.snapshot,
        this.#keys.changes,
        this.#keys.archivers,
        String(revision),
        JSON.stringify(entities),
        String(this.#historySize),
      );
    } catch (error) {
      // The changes are stored either way; the next multiple tries again.
      this.#log({
        level: 'error',
        msg: `could not store a snapshot in Redis at ${this.#where}: ${describeError(error)}`,
        revision,
      });
    }
  }

  /** Reads and applies every entry after `revision`; the tail and `catchUp` both use it. */
  async #readFrom(revision: number, redis: Redis): Promise<void> {
    let after = revision;
    for (;;) {
      let entries: StreamEntry[];
      try {
        entries = await redis.xrange(this.#keys.changes, `${after + 1}-0`, '+', 'COUNT', BATCH);
      } catch (error) {
        throw this.#unavailable('cannot read the latest changes', error);
      }
      if (!this.#applyEntries(entries)) {
        await this.#reload(redis);
        after = this.#revision;
        continue;
      }
      const last = entries.at(-1);
      if (!last || entries.length < BATCH) return;
      after = revisionOf(last[0]);
    }
  }

  /**
   * The tail: a blocking read on its own connection, from the last revision applied here.
   * After an outage it resumes from there, so clients get the missed changes as ordinary events.
   */
  async #follow(tail: Redis): Promise<void> {
    let caughtUp = false;
    while (this.#isOpen()) {
      try {
        if (tail.status !== 'ready') await once(tail, 'ready', { signal: this.#closing.signal });
        if (!this.#isOpen()) return;
        if (!caughtUp) await this.#rewindIfAhead(tail);
        const from = `${this.#revision}-0`;
        const reply: [string, StreamEntry[]][] | null = caughtUp
          ? await tail.xread('COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', this.#keys.changes, from)
          : await tail.xread('COUNT', BATCH, 'STREAMS', this.#keys.changes, from);
        const entries: StreamEntry[] = reply?.[0]?.[1] ?? [];
        if (!this.#applyEntries(entries)) {
          await this.#reload(this.#connection());
          continue;
        }
        caughtUp = entries.length < BATCH;
        if (caughtUp && this.#commands?.status === 'ready') this.#setHealth('ok');
      } catch (error) {
        if (!this.#isOpen()) return;
        caughtUp = false;
        this.#setHealth('unavailable');
        const broken = error instanceof StoreError;
        if (broken) this.#log({ level: 'error', msg: error.message });
        // ioredis reconnects by itself; wait a moment so a broken read does not spin.
        await new Promise((resolve) => setTimeout(resolve, broken ? 5000 : 250));
      }
    }
  }

  /**
   * After a failover Redis may hold fewer changes than this process applied: the tail read an
   * entry from the old primary that had not reached the replica yet (`WAIT` confirms only the
   * writer's acknowledgement, not what other processes' tails see). Following on from there
   * would skip the new entries with those revisions, so the document is loaded again from what
   * Redis holds and stream clients get snapshots.
   */
  async #rewindIfAhead(tail: Redis): Promise<void> {
    const applied = this.#revision;
    const [storedText, entries] = await Promise.all([
      tail.get(this.#keys.revision),
      tail.xrange(this.#keys.changes, `${applied}-0`, `${applied}-0`),
    ]);
    const stored = Number(storedText ?? '0');
    // Another process may already have stored a different change at that revision.
    const held = this.#history.after(applied - 1)?.[0];
    const raw = entries[0]?.[1][1];
    const replaced = held !== undefined && raw !== undefined && raw !== JSON.stringify(held);
    if (stored >= applied && !replaced) return;
    const rewind = this.#queue.then(async () => {
      this.#log({
        level: 'warn',
        msg: `Redis at ${this.#where} no longer holds revision ${applied} as applied here (a failover lost unconfirmed changes): loading what it holds; stream clients get snapshots`,
      });
      this.#history = new RecordHistory(this.#historySize);
      this.#lastHash = undefined;
      this.#journalBytes = 0;
      this.#head = { revision: 0, seenAt: Date.now() };
      try {
        await this.#load(this.#settings());
      } finally {
        this.#tell([], true);
      }
    });
    this.#queue = rewind.catch(() => undefined);
    await rewind;
  }

  /**
   * Applies entries read from the stream; false (and nothing applied) when they do not follow
   * the revision held here: the stream was trimmed past it, and only the snapshot can help.
   */
  #applyEntries(entries: readonly StreamEntry[]): boolean {
    const last = entries.at(-1);
    if (last) this.#learnHead(revisionOf(last[0]));
    // What is held already (this process's own writes, applied as they were stored) is not
    // parsed again: the tail reads every write back, and parsing it was most of Redis's cost.
    const fresh = entries
      .filter(([id]) => revisionOf(id) > this.#revision)
      .map((entry) => this.#parseEntry(entry));
    const first = fresh[0];
    if (first && first.revision !== this.#revision + 1) return false;
    this.#apply(fresh);
    return true;
  }

  /**
   * After an outage longer than the stream keeps: the newest snapshot and the entries after it
   * replace what is held, and listeners are told to send snapshots (a client's events cannot be
   * patched across the gap). Rare by design: trimming keeps `historySize` entries.
   */
  #reload(redis: Redis): Promise<void> {
    this.#reloading ??= (async () => {
      let snapshot: Record<string, string>;
      try {
        snapshot = await redis.hgetall(this.#keys.snapshot);
      } catch (error) {
        throw this.#unavailable('cannot read the snapshot', error);
      }
      const raw = snapshot['document'];
      const revision = Number(snapshot['revision']);
      if (raw === undefined || !(revision > this.#revision)) {
        throw new StoreError(
          `${this.#keys.changes} in Redis at ${this.#where} no longer holds revision ${this.#revision + 1}, and no newer snapshot covers it`,
        );
      }
      this.#document = withStoredEntities(this.#settings(), this.#parseSnapshot(raw));
      this.#revision = revision;
      this.#history = new RecordHistory(this.#historySize);
      this.#lastHash = undefined;
      this.#journalBytes = 0;
      this.#log({
        level: 'warn',
        msg: `missed changes Redis no longer keeps: loaded the snapshot at revision ${revision}; stream clients get snapshots`,
      });
      for (;;) {
        let entries: StreamEntry[];
        try {
          entries = await redis.xrange(
            this.#keys.changes,
            `${this.#revision + 1}-0`,
            '+',
            'COUNT',
            BATCH,
          );
        } catch (error) {
          throw this.#unavailable('cannot read the latest changes', error);
        }
        const records = entries.map((entry) => this.#parseEntry(entry));
        if (records[0] && records[0].revision !== this.#revision + 1) {
          throw new StoreError(
            `${this.#keys.changes} in Redis at ${this.#where}: entry ${records[0].revision} follows the snapshot at revision ${this.#revision}`,
          );
        }
        this.#applyQuietly(records);
        if (entries.length < BATCH) break;
      }
      this.#tell([], true);
    })().finally(() => {
      this.#reloading = undefined;
    });
    return this.#reloading;
  }

  #settings(): StatusDocument {
    if (this.#initial === undefined) throw new Error('RedisChangeStore: call open() first');
    return this.#initial;
  }

  /** Applies records in order, skipping those already applied, and tells the listeners. */
  #apply(records: readonly ChangeRecord[]): void {
    const fresh = this.#applyQuietly(records);
    if (fresh.length > 0) this.#tell(fresh, false);
  }

  /** Applies records in order, skipping those already applied; returns the applied ones. */
  #applyQuietly(records: readonly ChangeRecord[]): readonly ChangeRecord[] {
    const fresh = records.filter((record) => record.revision > this.#revision);
    if (fresh.length === 0) return fresh;
    let document = this.document;
    for (const record of fresh) {
      document = applyChange(document, record.change);
      if (record.revision % this.#snapshotEvery === 1 % this.#snapshotEvery) this.#journalBytes = 0;
      this.#journalBytes += Buffer.byteLength(JSON.stringify(record));
    }
    this.#document = document;
    const last = fresh.at(-1);
    if (last !== undefined) this.#lastHash = { revision: last.revision, hash: recordHash(last) };
    this.#revision = last?.revision ?? this.#revision;
    this.#learnHead(this.#revision);
    this.#history.push(fresh);
    return fresh;
  }

  #tell(records: readonly ChangeRecord[], reloaded: boolean): void {
    tellListeners(this.#listeners, records, reloaded, this.#log, this.#revision);
  }

  /**
   * A Redis that stops answering without closing the connection (a host gone, a dropped
   * route) shows no 'close': a PING that times out finds it. Both connections are then made
   * again, which also ends a blocking read that would wait forever.
   */
  async #probe(): Promise<void> {
    const commands = this.#commands;
    if (this.#probing || !commands || !this.#isOpen() || commands.status !== 'ready') return;
    this.#probing = true;
    try {
      await Promise.race([
        commands.call('PING'),
        new Promise((_, reject) =>
          setTimeout(() => {
            reject(new Error('no answer to PING'));
          }, PROBE_MS),
        ),
      ]);
      if (this.#health.state !== 'ok') {
        await this.catchUp();
        this.#setHealth('ok');
      }
    } catch {
      if (!this.#isOpen()) return;
      this.#setHealth('unavailable');
      commands.disconnect(true);
      this.#tail?.disconnect(true);
    } finally {
      this.#probing = false;
    }
  }

  #learnHead(revision: number): void {
    if (revision > this.#head.revision) this.#head = { revision, seenAt: Date.now() };
  }

  #parseEntry(entry: StreamEntry): ChangeRecord {
    return parseStreamEntry(entry, this.#keys.changes, this.#where);
  }

  #parseSnapshot(raw: string): StatusDocument {
    try {
      return JSON.parse(raw) as StatusDocument;
    } catch (error) {
      throw new StoreError(
        `${this.#keys.snapshot} in Redis at ${this.#where} is not JSON: ${describeError(error)}`,
      );
    }
  }

  #unavailable(what: string, error: unknown): StoreUnavailable {
    return new StoreUnavailable(
      `Redis at ${this.#where} cannot be reached (${what}): ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }

  #setHealth(state: StoreHealth['state']): void {
    if (this.#health.state === state || this.#state === 'new') return;
    if (this.#state === 'closed' && state === 'unavailable') return;
    this.#health =
      state === 'ok'
        ? { kind: 'redis', state }
        : { kind: 'redis', state, since: new Date().toISOString() };
    this.#log({
      level: state === 'ok' ? 'info' : 'error',
      msg:
        state === 'ok'
          ? `Redis at ${this.#where} is reachable again`
          : `Redis at ${this.#where} cannot be reached`,
    });
    for (const listener of [...this.#healthListeners]) listener(this.#health);
  }
}

/** How often a process checks that Redis still answers, in ms. */
const PROBE_MS = 2000;

function scriptReply(reply: unknown): [number, number] {
  if (Array.isArray(reply) && typeof reply[0] === 'number' && typeof reply[1] === 'number') {
    return [reply[0], reply[1]];
  }
  throw new StoreError(`unexpected reply from the append script: ${JSON.stringify(reply)}`);
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
