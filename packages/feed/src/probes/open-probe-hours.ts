import type { Logger } from '../log.js';
import type { RedisStoreSettings } from '../store/redis-change-store.js';
import { RedisProbeHours } from '../store/redis-probe-hours.js';
import { FileProbeHours } from './file-probe-hours.js';
import { MemoryProbeHours } from './memory-probe-hours.js';
import type { ProbeHours } from './probe-hours.js';

export interface ProbeHoursPlace {
  /** The Redis store's settings, when changes are kept there. */
  readonly redis?: RedisStoreSettings | undefined;
  /** The data dir of the server's own file journal. */
  readonly dataDir?: string | undefined;
  readonly now: () => Date;
  readonly log: Logger;
}

/**
 * The keeper of probe results beside the store: Redis with the Redis store (every worker reads
 * the same counts), the data dir with the file journal, memory when the server was handed a
 * store of its own.
 */
export async function openProbeHours(place: ProbeHoursPlace): Promise<ProbeHours> {
  const { now, log } = place;
  if (place.redis) {
    const keeper = new RedisProbeHours({
      url: place.redis.url,
      keyPrefix: place.redis.keyPrefix,
      now,
      log,
    });
    await keeper.open();
    return keeper;
  }
  if (place.dataDir !== undefined) {
    const keeper = new FileProbeHours({ dataDir: place.dataDir, now, log });
    await keeper.open();
    return keeper;
  }
  return new MemoryProbeHours(now);
}
