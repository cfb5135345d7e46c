// Measured availability with the Redis store: the same tests, counts kept in Redis.
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startTestFeed } from '../helpers/feed.js';
import { http } from '../helpers/http.js';
import { useRedisForTestFeeds } from '../helpers/redis.js';
import '../availability-measured.test.js';
import { recordedProbe } from '../helpers/recorded-probe.js';

const { redis } = useRedisForTestFeeds();

const PROBE = recordedProbe('login');

describe('measured availability on Redis', () => {
  it('is answered by every feed on the Redis, from hashes under the key prefix', async () => {
    const now = (): Date => new Date('2026-03-10T09:30:00Z');
    const settings = { url: redis().url, keyPrefix: 'shared-measured:' };
    const prober = await startTestFeed({ probes: [PROBE], now, redis: settings });
    const other = await startTestFeed({ probes: [PROBE], now, redis: settings });
    try {
      for (const minute of [1, 2, 3]) {
        prober.feed.probeChecks.record({
          probe: 'login',
          service: 'login',
          at: new Date(`2026-03-10T08:0${minute}:00Z`),
          ok: minute !== 2,
          durationMs: 20,
          slow: false,
        });
      }
      await prober.feed.probeChecks.flush();
      const response = await http(`${other.url}/v1/services/login/availability?days=1`);
      expect(response.json<{ summary: { measured: unknown } }>().summary.measured).toEqual({
        availability: 66.666,
        checks: 3,
        successful: 2,
        slow: 0,
        since: '2026-03-10T08:01:00.000Z',
      });
      const client = new Redis(redis().url);
      try {
        const fields = await client.hgetall('shared-measured:probe-hours:login');
        const hour = String(Date.parse('2026-03-10T08:00:00Z'));
        expect(fields).toMatchObject({ [`${hour}:c`]: '3', [`${hour}:o`]: '2' });
        expect(await client.pttl('shared-measured:probe-hours:login')).toBeGreaterThan(0);
      } finally {
        client.disconnect();
      }
    } finally {
      await other.close();
      await prober.close();
    }
  });
});
