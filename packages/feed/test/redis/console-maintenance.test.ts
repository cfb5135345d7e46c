// The console's maintenance endpoints on the Redis store: earlier windows as with the file
// journal; scheduled announcements in a Redis hash, published once however many feeds share it;
// an evaluation needs the data dir's journal, so 503 saying what to run instead.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Maintenance } from '@statuskit/model';
import { RedisAnnouncementStore } from '../../src/console/announcement-store.js';
import type { ScheduledAnnouncement } from '../../src/console/scheduled-announcements.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { maintenanceBody, TOKENS } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';
import { useRedisForTestFeeds } from '../helpers/redis.js';

const { redis } = useRedisForTestFeeds();

let clock = new Date('2030-03-01T09:00:00Z');
let feed: TestFeed;
let second: TestFeed;
beforeAll(async () => {
  feed = await startTestFeed({ now: () => clock, announcementTickMs: 10 });
  // A second feed on the same Redis (same key prefix: the same data dir name).
  second = await startTestFeed({
    now: () => clock,
    announcementTickMs: 10,
    dataDir: feed.dataDir,
  });
  const created = await http(`${feed.url}/v1/admin/maintenance`, {
    method: 'POST',
    token: TOKENS.tax,
    body: maintenanceBody({ id: 'redis-window' }),
  });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await second.close();
  await feed.close();
});

describe('console maintenance endpoints on Redis', () => {
  it('lists earlier windows', async () => {
    const answer = await http(`${feed.url}/v1/admin/services/tax-return/maintenance`, {
      token: TOKENS.tax,
    });
    expect(answer.json<{ maintenance: Maintenance[] }>().maintenance.map((m) => m.id)).toEqual([
      'redis-window',
    ]);
  });

  it('answers 503 for an evaluation, naming what to run instead', async () => {
    const answer = await http(`${feed.url}/v1/admin/maintenance/redis-window/evaluation`, {
      token: TOKENS.tax,
    });
    expect(answer.status).toBe(503);
    expect(answer.json()['error']).toContain('statuskit-feed report --data');
  });

  it('keeps a scheduled announcement in Redis and publishes it once, from one of two feeds', async () => {
    const created = await http(`${feed.url}/v1/admin/scheduled-announcements`, {
      method: 'POST',
      token: TOKENS.tax,
      body: { at: '2030-03-02T08:00:00Z', maintenance: maintenanceBody({ id: 'later' }) },
    });
    expect(created.status).toBe(201);
    const listed = await http(`${second.url}/v1/admin/scheduled-announcements`, {
      token: TOKENS.digst,
    });
    expect(
      listed.json<{ announcements: ScheduledAnnouncement[] }>().announcements.map((a) => a.at),
    ).toEqual(['2030-03-02T08:00:00.000Z']);

    clock = new Date('2030-03-02T08:00:00Z');
    await vi.waitFor(
      async () => {
        const left = await http(`${feed.url}/v1/admin/scheduled-announcements`, {
          token: TOKENS.tax,
        });
        expect(left.json()).toEqual({ announcements: [] });
        expect(feed.feed.store.document.maintenance.map((m) => m.id)).toContain('later');
      },
      { timeout: 5_000, interval: 20 },
    );
    // Both feeds look at the clock; only the one that claimed it published it. The other, had it
    // tried, would have been refused ("already exists") and kept that failure in the list.
    await vi.waitFor(
      async () => {
        await second.feed.store.catchUp();
        expect(second.feed.store.document.maintenance.map((m) => m.id)).toContain('later');
      },
      { timeout: 5_000, interval: 20 },
    );
    const after = await http(`${second.url}/v1/admin/scheduled-announcements`, {
      token: TOKENS.tax,
    });
    expect(after.json()).toEqual({ announcements: [] });
  });

  it('gives a publication to one process only: a claim holds until released', async () => {
    const one = new RedisAnnouncementStore(redis().url, 'claim-test:');
    const two = new RedisAnnouncementStore(redis().url, 'claim-test:');
    try {
      expect(await one.claim('sa_1')).toBe(true);
      expect(await two.claim('sa_1')).toBe(false);
      expect(await one.claim('sa_1')).toBe(false);
      await one.release('sa_1');
      expect(await two.claim('sa_1')).toBe(true);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
