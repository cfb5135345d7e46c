import { Redis, type RedisOptions } from 'ioredis';
import { StoreError, type ChangeRecord } from './change-store.js';
import { recordProblem } from './journal-file.js';
import type { RedisAddress } from './redis-address.js';

/**
 * What the Redis store and the archiver share about talking to Redis: how a connection is made
 * and how a stream entry is read back as a change record. Kept in one place so the two never
 * disagree about either.
 */

/** The keys of one feed in Redis; `prefix` lets several feeds share a server. */
export interface RedisKeys {
  readonly changes: string;
  readonly revision: string;
  readonly snapshot: string;
  /** Hash: archiver name → the last revision it holds durably (see `statuskit-feed archive`). */
  readonly archivers: string;
  /** `<revision>:<recordHash>` of the stored last record: the link the next record must name. */
  readonly lastHash: string;
}

export function redisKeys(prefix: string): RedisKeys {
  return {
    changes: `${prefix}changes`,
    revision: `${prefix}revision`,
    snapshot: `${prefix}snapshot`,
    archivers: `${prefix}archivers`,
    lastHash: `${prefix}lasthash`,
  };
}

export type StreamEntry = [id: string, fields: string[]];

const CONNECTION_OPTIONS: RedisOptions = {
  lazyConnect: true,
  // An in-flight command fails when the connection drops: an append is answered, never replayed.
  maxRetriesPerRequest: 0,
  retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  connectTimeout: 5000,
};

/** A connection of its own; through Sentinel, each one follows the primary after a failover. */
export function connectRedis(address: RedisAddress, options: RedisOptions): Redis {
  const { connection } = address;
  return typeof connection === 'string'
    ? new Redis(connection, { ...CONNECTION_OPTIONS, ...options })
    : new Redis({ ...connection, ...CONNECTION_OPTIONS, ...options });
}

/** `42-0` → 42: an entry's id is its revision. */
export function revisionOf(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}

/** The `record` field of an entry: the same JSON as a journal line. */
export function rawRecord([, fields]: StreamEntry): string | undefined {
  const index = fields.indexOf('record');
  return index >= 0 ? fields[index + 1] : undefined;
}

/** The change record an entry holds; a `StoreError` naming the entry when it holds none. */
export function parseStreamEntry(entry: StreamEntry, stream: string, where: string): ChangeRecord {
  const [id] = entry;
  const raw = rawRecord(entry);
  let value: unknown;
  try {
    value = raw === undefined ? undefined : JSON.parse(raw);
  } catch {
    value = undefined;
  }
  const problem = value === undefined ? 'no record JSON' : recordProblem(value);
  if (problem !== undefined || (value as ChangeRecord).revision !== revisionOf(id)) {
    throw new StoreError(
      `${stream} entry ${id} in Redis at ${where} is not a change record: ${problem ?? 'its revision is not its id'}`,
    );
  }
  return value as ChangeRecord;
}
