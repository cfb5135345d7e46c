import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { StatusDocument } from '@statuskit/model';
import { jsonLogger, type Logger } from '../log.js';
import { StoreError } from '../store/change-store.js';
import { dataDirPaths, describeError } from '../store/data-dir.js';
import { FileJournalStore } from '../store/file-journal.js';
import { parseRedisAddress, type RedisAddress } from '../store/redis-address.js';
import {
  connectRedis,
  parseStreamEntry,
  rawRecord,
  redisKeys,
  type RedisKeys,
  revisionOf,
  type StreamEntry,
} from '../store/redis-stream.js';
import { lastRecordLine } from './last-record.js';

export interface RedisArchiverOptions {
  /** The feed's Redis, as `serve --store` takes it. */
  readonly url: string;
  /** The feed's key prefix (default `statuskit:`). */
  readonly keyPrefix?: string | undefined;
  /** The archive: a data dir in the file store's format, created if missing. */
  readonly dataDir: string;
  /** Registered in `<prefix>archivers`; trimming waits for every registered archiver. */
  readonly name: string;
  /** On an empty dir whose history Redis no longer holds, start from Redis's snapshot. */
  readonly fromSnapshot?: boolean | undefined;
  /** Journal records per archive segment (default 1000, as the file store). */
  readonly compactEvery?: number | undefined;
  readonly log?: Logger | undefined;
}

/** The archiver will not start (or go on) on this data dir; the message says why, in one sentence. */
export class ArchiveRefusal extends StoreError {
  override name = 'ArchiveRefusal';
}

/**
 * Document settings of an archive. The archive holds the records exactly as the feed published
 * them; locale and time zone belong to the feed's config (give `report --config`).
 */
const ARCHIVE_SETTINGS: StatusDocument = {
  defaultLocale: 'en',
  timeZone: 'UTC',
  services: [],
  incidents: [],
  maintenance: [],
};

/** Entries read and written in one go. */
const BATCH = 1000;
/** How long one blocking read waits for new entries, in ms. */
const BLOCK_MS = 5000;

/**
 * `statuskit-feed archive`: tails a Redis store's change stream and appends every entry, as it
 * is, to a file journal in a data dir, fsynced before it counts. After each batch it records its
 * revision in `<prefix>archivers`, and the feed's trim never removes an entry above it, so
 * nothing leaves Redis before it is archived.
 */
export class RedisArchiver {
  readonly #address: RedisAddress;
  readonly #where: string;
  readonly #keys: RedisKeys;
  readonly #name: string;
  readonly #dataDir: string;
  readonly #fromSnapshot: boolean;
  readonly #log: Logger;
  readonly #store: FileJournalStore;
  readonly #stopping = new AbortController();
  #redis: Redis | undefined;
  #running: Promise<void> | undefined;

  constructor(options: RedisArchiverOptions) {
    this.#address = parseRedisAddress(options.url);
    this.#where = this.#address.location;
    this.#keys = redisKeys(options.keyPrefix ?? 'statuskit:');
    this.#name = options.name;
    this.#dataDir = dataDirPaths(options.dataDir).dir;
    this.#fromSnapshot = options.fromSnapshot ?? false;
    this.#log = options.log ?? jsonLogger();
    this.#store = new FileJournalStore({
      dataDir: options.dataDir,
      compactEvery: options.compactEvery,
      log: this.#log,
    });
  }

  /** The last revision the archive holds durably. */
  get revision(): number {
    return this.#store.revision;
  }

  /**
   * Takes the data dir (its lock), then archives until `stop()`. Resolves once stopped; rejects
   * with an `ArchiveRefusal` or `StoreError` when it cannot go on without a gap or a mix.
   */
  run(): Promise<void> {
    this.#running ??= this.#run();
    return this.#running;
  }

  /** Ends the blocking read and releases the data dir; what was archived stays archived. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#redis?.disconnect();
    await this.#running?.catch(() => undefined);
  }

  async #run(): Promise<void> {
    await this.#store.open(ARCHIVE_SETTINGS);
    // Its own connection: XREAD BLOCK holds it until something arrives.
    const redis = connectRedis(this.#address, {
      enableOfflineQueue: false,
      commandTimeout: BLOCK_MS + 5000,
    });
    this.#redis = redis;
    redis.on('error', () => undefined); // reported once per outage by the loop below
    try {
      if (!this.#stopped()) redis.connect().catch(() => undefined);
      await this.#follow(redis);
    } finally {
      redis.disconnect();
      await this.#store.close();
    }
  }

  #stopped(): boolean {
    return this.#stopping.signal.aborted;
  }

  async #follow(redis: Redis): Promise<void> {
    let checked = false;
    let away = false;
    this.#log({
      level: 'info',
      msg: `archiving the changes in Redis at ${this.#where} into ${this.#dataDir} as archiver "${this.#name}"`,
      revision: this.revision,
    });
    while (!this.#stopped()) {
      try {
        if (redis.status !== 'ready') {
          if (!away) this.#reportAway(undefined);
          away = true;
          await once(redis, 'ready', { signal: this.#stopping.signal });
        }
        // After every outage too: Redis may have come back with less (a restore, a failover).
        if (!checked) await this.#checkPosition(redis);
        checked = true;
        if (away) {
          this.#log({
            level: 'info',
            msg: `Redis at ${this.#where} is reachable again; archiving on from revision ${this.revision}`,
          });
          away = false;
        }
        const reply = await redis.xread(
          'COUNT',
          BATCH,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          this.#keys.changes,
          `${this.revision}-0`,
        );
        const entries = reply?.[0]?.[1] ?? [];
        if (entries.length > 0) await this.#archive(redis, entries);
      } catch (error) {
        if (this.#stopped()) return;
        if (error instanceof StoreError) throw error;
        if (!away) this.#reportAway(error);
        away = true;
        checked = false;
        await sleep(500, undefined, { signal: this.#stopping.signal }).catch(() => undefined);
      }
    }
  }

  #reportAway(error: unknown): void {
    this.#log({
      level: 'error',
      msg: `Redis at ${this.#where} cannot be reached${error === undefined ? '' : ` (${describeError(error)})`}; archiving resumes from revision ${this.revision} when it is back, and the feed keeps every entry after it meanwhile`,
    });
  }

  /** Stores the entries durably, then tells Redis they are archived. */
  async #archive(redis: Redis, entries: readonly StreamEntry[]): Promise<void> {
    const records = entries.map((entry) =>
      parseStreamEntry(entry, this.#keys.changes, this.#where),
    );
    const first = records[0];
    if (first && first.revision !== this.revision + 1) {
      throw new ArchiveRefusal(
        `Redis at ${this.#where} no longer holds revision ${this.revision + 1} (its stream goes on at ${first.revision}), so archiving on would leave a gap; was archiver "${this.#name}" unregistered while it ran?`,
      );
    }
    try {
      await this.#store.appendRecords(records);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`cannot write the archive: ${describeError(error)}`, { cause: error });
    }
    const revision = this.revision;
    const head = await this.#register(redis, revision);
    this.#log({
      level: 'info',
      msg: `archived revisions ${first?.revision ?? revision} to ${revision}`,
      revision,
      behind: Math.max(0, head - revision),
    });
  }

  /** Records the archived revision; returns the feed's revision (for the lag in the log). */
  async #register(redis: Redis, revision: number): Promise<number> {
    const replies = await redis
      .multi()
      .hset(this.#keys.archivers, this.#name, String(revision))
      .get(this.#keys.revision)
      .exec();
    const head = replies?.[1]?.[1];
    return Number(typeof head === 'string' ? head : '0');
  }

  /**
   * Registers first, so no trim removes what is still needed while the rest is checked; a
   * refusal puts the registration back as it was.
   */
  async #checkPosition(redis: Redis): Promise<void> {
    const previous = await redis.hget(this.#keys.archivers, this.#name);
    await redis.hset(this.#keys.archivers, this.#name, String(this.revision));
    try {
      await this.#checkStart(redis);
    } catch (error) {
      if (error instanceof ArchiveRefusal) {
        if (previous === null) await redis.hdel(this.#keys.archivers, this.#name);
        else await redis.hset(this.#keys.archivers, this.#name, previous);
      }
      throw error;
    }
    await redis.hset(this.#keys.archivers, this.#name, String(this.revision));
  }

  /** Where archiving starts: only where it continues the dir without a gap or a mix. */
  async #checkStart(redis: Redis): Promise<void> {
    const held = this.revision;
    const [headText, oldest, atHeld] = await Promise.all([
      redis.get(this.#keys.revision),
      redis.xrange(this.#keys.changes, '-', '+', 'COUNT', 1),
      held > 0 ? redis.xrange(this.#keys.changes, `${held}-0`, `${held}-0`) : Promise.resolve([]),
    ]);
    const head = Number(headText ?? '0');
    const oldestEntry = oldest[0];
    const first = oldestEntry ? revisionOf(oldestEntry[0]) : head + 1;
    const dir = this.#dataDir;
    if (held === 0) {
      if (head === 0 || first === 1) return;
      if (this.#fromSnapshot) return this.#startFromSnapshot(redis);
      throw new ArchiveRefusal(
        `Redis at ${this.#where} no longer holds revision 1 (its stream starts at revision ${first}), so an archive begun now in ${dir} cannot hold the whole history; pass --from-snapshot to start it from Redis's snapshot, without the earlier history`,
      );
    }
    if (head < held) {
      throw new ArchiveRefusal(
        `${dir} holds revision ${held}, but Redis at ${this.#where} is only at revision ${head}: it is another feed's archive, or Redis lost changes; give this feed an archive dir of its own`,
      );
    }
    const line = await lastRecordLine(this.#store, dir, held);
    const entry = atHeld[0];
    if (entry) {
      if (line !== undefined && rawRecord(entry) !== line) {
        throw new ArchiveRefusal(
          `${dir} and Redis at ${this.#where} hold different records for revision ${held}: it is another feed's archive; give this feed an archive dir of its own`,
        );
      }
      return;
    }
    if (first > held + 1) {
      throw new ArchiveRefusal(
        `${dir} ends at revision ${held}, but Redis at ${this.#where} keeps only revisions from ${first} on: the changes between are gone and an archive never has a gap; start a new archive in an empty dir (with --from-snapshot)`,
      );
    }
    if (line !== undefined) {
      throw new ArchiveRefusal(
        `cannot tell whether ${dir} is this feed's archive: Redis at ${this.#where} no longer holds revision ${held} to compare with its last record; start a new archive in an empty dir (with --from-snapshot)`,
      );
    }
  }

  async #startFromSnapshot(redis: Redis): Promise<void> {
    const stored = await redis.hgetall(this.#keys.snapshot);
    const revision = Number(stored['revision']);
    const text = stored['document'];
    if (text === undefined || !Number.isSafeInteger(revision) || revision < 1) {
      throw new ArchiveRefusal(
        `Redis at ${this.#where} no longer holds revision 1 and has no snapshot to start from in ${this.#keys.snapshot}`,
      );
    }
    let entities: Pick<StatusDocument, 'services' | 'incidents' | 'maintenance'>;
    try {
      entities = JSON.parse(text) as typeof entities;
    } catch (error) {
      throw new ArchiveRefusal(
        `${this.#keys.snapshot} in Redis at ${this.#where} is not JSON: ${describeError(error)}`,
      );
    }
    await this.#store.startFromSnapshot({
      format: 1,
      revision,
      time: new Date().toISOString(),
      document: {
        ...ARCHIVE_SETTINGS,
        services: entities.services,
        incidents: entities.incidents,
        maintenance: entities.maintenance,
      },
    });
    this.#log({
      level: 'warn',
      msg: `started the archive from the Redis snapshot at revision ${revision}: the history before it is not in this archive`,
      revision,
    });
  }
}

/** `archive --unregister`: a retired archiver no longer holds back the feed's trimming. */
export async function unregisterArchiver(options: {
  readonly url: string;
  readonly keyPrefix?: string | undefined;
  readonly name: string;
}): Promise<number | undefined> {
  const address = parseRedisAddress(options.url);
  const keys = redisKeys(options.keyPrefix ?? 'statuskit:');
  const redis = connectRedis(address, { enableOfflineQueue: false, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const [[, held], [, removed]] = ((await redis
      .multi()
      .hget(keys.archivers, options.name)
      .hdel(keys.archivers, options.name)
      .exec()) ?? []) as [[unknown, string | null], [unknown, number]];
    return removed === 1 && held !== null ? Number(held) : undefined;
  } catch (error) {
    throw new StoreError(
      `cannot reach Redis at ${address.location} to unregister archiver "${options.name}": ${describeError(error)}`,
      { cause: error },
    );
  } finally {
    redis.disconnect();
  }
}
