// The Redis keeper of probe results on a real Redis: 90-day pruning of hour fields, and a check
// that cannot be written (a key of another type) counted instead of thrown.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import type { ProbeCheck } from '../../src/probes/probe-check.js';
import { RedisProbeHours } from '../../src/store/redis-probe-hours.js';
import { useRedisServer } from '../helpers/redis.js';

const NOW = new Date('2026-06-08T09:30:00Z');
const check = (at: number, service = 'login'): ProbeCheck => ({
  probe: service,
  service,
  at: new Date(at),
  ok: true,
  durationMs: 10,
  slow: false,
});

const { redis, client } = useRedisServer();

async function keeper(prefix: string): Promise<RedisProbeHours> {
  const opened = new RedisProbeHours({
    url: redis().url,
    keyPrefix: prefix,
    now: () => NOW,
    log: silentLogger,
    cacheMs: 0,
  });
  await opened.open();
  return opened;
}

describe('probe hours in Redis', () => {
  it('deletes the fields of hours older than 90 days and leaves them out when read', async () => {
    const hours = await keeper('prune:');
    try {
      const old = NOW.getTime() - 91 * 86_400_000;
      const recent = NOW.getTime() - 3_600_000;
      // The oldest first: the first write triggers the hourly pruning, after the old one is in.
      hours.record(check(old));
      await hours.flush();
      hours.record(check(recent));
      await hours.flush();
      const read = await hours.hours('login', 0);
      expect(read.hours.map((hour) => hour.hour)).toEqual([
        Math.floor(recent / 3_600_000) * 3_600_000,
      ]);
      expect(read.since).toBe(recent);
      // Pruning ran with the first write: the old hour's fields are gone from Redis itself.
      const fields = Object.keys(await client().hgetall('prune:probe-hours:login'));
      expect(fields.every((field) => Number(field.split(':')[0]) > old)).toBe(true);
      expect(fields).toHaveLength(4);
    } finally {
      await hours.close();
    }
  });

  it('counts a check Redis refuses instead of throwing', async () => {
    await client().set('refuse:probe-hours:login', 'not a hash');
    const hours = await keeper('refuse:');
    try {
      expect(() => {
        hours.record(check(NOW.getTime()));
      }).not.toThrow();
      await hours.flush();
      expect(hours.failures).toBe(1);
    } finally {
      await hours.close();
    }
  });
});
