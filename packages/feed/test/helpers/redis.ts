import { afterAll, beforeAll } from 'vitest';
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
