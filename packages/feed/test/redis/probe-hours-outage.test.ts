// Measured availability while Redis is away: checks are counted as lost, never thrown into the
// probe runner, and the availability route still answers, saying why the measured figure is missing.
import { describe, expect, it } from 'vitest';
import { silentLogger, type LogEntry } from '../../src/log.js';
import { RedisProbeHours } from '../../src/store/redis-probe-hours.js';
import { startTestFeed } from '../helpers/feed.js';
import { http } from '../helpers/http.js';
import { startRedis } from '../helpers/redis.js';
import { recordedProbe } from '../helpers/recorded-probe.js';

const PROBE = recordedProbe('login');

const check = {
  probe: 'login',
  service: 'login',
  at: new Date('2026-03-10T08:00:00Z'),
  ok: true,
  durationMs: 10,
  slow: false,
};

describe('probe hours while Redis is away', () => {
  it('counts and logs lost checks instead of throwing, and keeps counting once Redis is back', async () => {
    const redis = await startRedis();
    const logged: LogEntry[] = [];
    const keeper = new RedisProbeHours({
      url: redis.url,
      keyPrefix: 'outage:',
      now: () => new Date('2026-03-10T09:00:00Z'),
      log: (entry) => logged.push(entry),
      cacheMs: 0,
    });
    try {
      await keeper.open();
      keeper.record(check);
      await keeper.flush();
      await redis.stop();
      expect(() => {
        keeper.record(check);
      }).not.toThrow();
      await keeper.flush();
      expect(keeper.failures).toBe(1);
      expect(logged[0]?.msg).toMatch(/probe results could not be written to Redis/);
      await expect(keeper.hours('login', 0)).rejects.toThrow();
      await redis.start();
      // ioredis reconnects on its own; checks count again once it has.
      for (let attempt = 0; attempt < 100; attempt += 1) {
        keeper.record(check);
        await keeper.flush();
        if ((await keeper.hours('login', 0).catch(() => undefined))?.hours[0]?.checks === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const { hours } = await keeper.hours('login', 0);
      expect(hours[0]?.checks).toBe(2);
    } finally {
      await keeper.close();
      await redis.remove();
    }
  });

  it('answers availability without a measured figure, saying the results cannot be read', async () => {
    const redis = await startRedis();
    const feed = await startTestFeed({
      probes: [PROBE],
      redis: { url: redis.url, keyPrefix: 'outage-route:' },
      log: silentLogger,
    });
    try {
      await redis.stop();
      const response = await http(`${feed.url}/v1/services/login/availability?days=2`);
      expect(response.status).toBe(200);
      const body = response.json<{
        summary: { measured: unknown; measuredReason: string; availability: unknown };
      }>();
      expect(body.summary.measured).toBeNull();
      expect(body.summary.measuredReason).toBe('probe results unavailable');
      // A check that cannot be kept is counted where operators look.
      feed.feed.probeChecks.record(check);
      await feed.feed.probeChecks.flush();
      const metrics = await http(`${feed.url}/metrics`);
      expect(metrics.text).toMatch(/^statuskit_probe_results_lost_total 1$/m);
    } finally {
      await feed.close();
      await redis.remove();
    }
  });
});
