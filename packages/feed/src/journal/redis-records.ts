import { StoreError, type ChangeRecord } from '../store/change-store.js';
import { describeError } from '../store/data-dir.js';
import { parseRedisAddress } from '../store/redis-address.js';
import { connectRedis, parseStreamEntry, redisKeys, revisionOf } from '../store/redis-stream.js';

const BATCH = 1000;

/**
 * Every record a Redis store still holds in its stream, oldest first (trimmed entries live on in
 * `statuskit-feed archive`'s data dir, which `verify-journal --data` checks). Throws a
 * `StoreError` when Redis cannot be reached, an entry is not a record, or revisions skip.
 */
export async function* redisRecords(
  url: string,
  keyPrefix: string | undefined,
): AsyncIterable<ChangeRecord> {
  const address = parseRedisAddress(url);
  const keys = redisKeys(keyPrefix ?? 'statuskit:');
  const redis = connectRedis(address, { enableOfflineQueue: false, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    try {
      await redis.connect();
    } catch (error) {
      throw new StoreError(`cannot reach Redis at ${address.location}: ${describeError(error)}`, {
        cause: error,
      });
    }
    let after = 0;
    let last: number | undefined;
    for (;;) {
      const entries = await redis.xrange(keys.changes, `${after + 1}-0`, '+', 'COUNT', BATCH);
      for (const entry of entries) {
        const record = parseStreamEntry(entry, keys.changes, address.location);
        if (last !== undefined && record.revision !== last + 1) {
          throw new StoreError(
            `${keys.changes} in Redis at ${address.location}: revision ${record.revision} follows ${last}`,
          );
        }
        last = record.revision;
        yield record;
      }
      const tail = entries.at(-1);
      if (!tail || entries.length < BATCH) return;
      after = revisionOf(tail[0]);
    }
  } finally {
    redis.disconnect();
  }
}
