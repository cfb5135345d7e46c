import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startRedis, type RedisServer } from '../../../../scripts/redis-servers.mjs';
import { useStoreForTestFeeds } from './feed.js';

// The servers themselves are started by scripts/redis-servers.mjs, shared with the benchmarks.
export {
  DURABLE,
  freePort,
  startRedis,
  startSentinel,
} from '../../../../scripts/redis-servers.mjs';
export type {
  RedisServer as TestRedis,
  RedisSentinel as TestSentinel,
} from '../../../../scripts/redis-servers.mjs';

/**
 * Runs every test feed of this file on one Redis (a key prefix per data dir, so a restarted feed
 * finds its data): the same protocol tests then prove the Redis store keeps the same promises.
 */
export function useRedisForTestFeeds(): { readonly redis: () => RedisServer } {
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    useStoreForTestFeeds(redis.url);
  });
  afterAll(async () => {
    useStoreForTestFeeds(undefined);
    await redis?.remove();
  });
  return {
    redis: () => {
      if (!redis) throw new Error('Redis is not running yet');
      return redis;
    },
  };
}

/** What `useRedisServer` gives a test file. */
export interface RedisForFile {
  readonly redis: () => RedisServer;
  /** A client of that server, for looking at keys directly. */
  readonly client: () => Redis;
  /** Whatever a test opens (stores, feeds, archivers): closed after it, newest first. */
  readonly open: { close(): unknown }[];
}

/** One redis-server and a client for the whole test file; what a test opened is closed after it. */
export function useRedisServer(): RedisForFile {
  let redis: RedisServer | undefined;
  let client: Redis | undefined;
  const open: { close(): unknown }[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.remove();
  });
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close();
  });
  const running = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('Redis is not running yet');
    return value;
  };
  return { redis: () => running(redis), client: () => running(client), open };
}
