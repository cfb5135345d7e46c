// The Statuspage-compatible API while Redis cannot be reached: the last document, never cached.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestFeed } from '../helpers/feed.js';
import { http, openStream } from '../helpers/http.js';
import { startRedis } from '../helpers/redis.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

describe('/api/v2 during a store outage', () => {
  it('keeps answering with the last document, marked not to be cached, and is cacheable again after', async () => {
    const redis = await startRedis();
    open.push({ close: () => redis.remove() });
    const feed = await startTestFeed({
      redis: { url: redis.url, keyPrefix: 'statuspage-outage:' },
    });
    open.push(feed);
    const live = await openStream(`${feed.url}/v1/stream`);
    open.push(live);
    await live.waitFor((event) => event.event === 'snapshot');
    const before = await http(`${feed.url}/api/v2/summary.json`);
    expect(before.headers['cache-control']).toBe('public, max-age=5');

    await redis.stop();
    await live.waitFor((event) => event.event === 'feed' && event.json['fresh'] === false);
    const during = await http(`${feed.url}/api/v2/summary.json`);
    expect(during.status).toBe(200);
    expect(during.headers['cache-control']).toBe('no-store');
    expect(during.json()).toEqual(before.json());

    await redis.start();
    await live.waitFor((event) => event.event === 'feed' && event.json['fresh'] === true, 10_000);
    const after = await http(`${feed.url}/api/v2/summary.json`);
    expect(after.headers['cache-control']).toBe('public, max-age=5');
  });
});
