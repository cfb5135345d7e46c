// The console's maintenance endpoints on the Redis store: earlier windows as with the file
// journal; evaluation and scheduled announcements need the data dir's journal, so 503 saying why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Maintenance } from '@statuskit/model';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { maintenanceBody, TOKENS } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';
import { useRedisForTestFeeds } from '../helpers/redis.js';

useRedisForTestFeeds();

let feed: TestFeed;
beforeAll(async () => {
  feed = await startTestFeed({ now: () => new Date('2030-03-01T09:00:00Z') });
  const created = await http(`${feed.url}/v1/admin/maintenance`, {
    method: 'POST',
    token: TOKENS.tax,
    body: maintenanceBody({ id: 'redis-window' }),
  });
  expect(created.status).toBe(201);
});
afterAll(async () => {
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

  it('refuses to schedule an announcement with 503, storing nothing', async () => {
    const answer = await http(`${feed.url}/v1/admin/scheduled-announcements`, {
      method: 'POST',
      token: TOKENS.tax,
      body: { at: '2030-03-02T08:00:00Z', maintenance: maintenanceBody({ id: 'later' }) },
    });
    expect(answer.status).toBe(503);
    expect(answer.json()['error']).toContain('POST /v1/admin/maintenance');
    const listed = await http(`${feed.url}/v1/admin/scheduled-announcements`, {
      token: TOKENS.tax,
    });
    expect(listed.json()).toEqual({ announcements: [] });
  });
});
