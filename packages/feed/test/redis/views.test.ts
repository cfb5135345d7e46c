// Service views (#15) on the Redis store: each process derives from its own copy of the document,
// and a view says when that copy may be out of date.
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceView } from '@statuskit/model';
import { incidentBody, TOKENS } from '../helpers/fixtures.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { http, openStream, type SseStream } from '../helpers/http.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function redisUp(): Promise<TestRedis> {
  const redis = await startRedis();
  open.push({ close: () => redis.remove() });
  return redis;
}

async function feedOn(url: string): Promise<TestFeed> {
  const feed = await startTestFeed({ redis: { url, keyPrefix: 'views:' } });
  open.push(feed);
  return feed;
}

async function stream(url: string): Promise<SseStream> {
  const opened = await openStream(url);
  open.push(opened);
  return opened;
}

const asView = (data: Record<string, unknown>): ServiceView => data as unknown as ServiceView;

describe('service views on the Redis store', () => {
  it('marks the view stale while Redis cannot be reached, and fresh again when it is back', async () => {
    const redis = await redisUp();
    const feed = await feedOn(redis.url);
    const live = await stream(`${feed.url}/v1/stream?view=tax-return&lang=en`);
    const first = await live.waitFor((event) => event.event === 'view');
    expect(asView(first.json).fresh).toBeUndefined();

    await redis.stop();
    const stale = await live.waitFor((event) => event.event === 'view' && event.id !== first.id);
    expect(stale.json).toMatchObject({ fresh: false, staleSince: expect.any(String) as unknown });
    const answer = await http(`${feed.url}/v1/status.json?view=tax-return&lang=en`);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.json()).toMatchObject({ fresh: false });
    expect(answer.headers['etag']).toBe(`"${stale.id ?? ''}"`);

    await redis.start();
    const back = await live.waitFor(
      (event) => event.event === 'view' && event.id !== stale.id,
      10_000,
    );
    expect(asView(back.json).fresh).toBeUndefined();
    expect(asView(back.json).staleSince).toBeUndefined();
    // Nothing but views on a view stream (no `feed` events).
    expect(live.events.every((event) => event.event === 'view')).toBe(true);
  });

  it('brings a change written through one process to the views of another, worded there', async () => {
    const redis = await redisUp();
    const writer = await feedOn(redis.url);
    const reader = await feedOn(redis.url);
    const live = await stream(`${reader.url}/v1/stream?view=tax-return&lang=da`);
    const first = await live.waitFor((event) => event.event === 'view');
    const res = await http(`${writer.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody(),
    });
    expect(res.status).toBe(201);
    const next = await live.waitFor((event) => event.event === 'view' && event.id !== first.id);
    expect(asView(next.json).notices[0]?.sentences.cause).toBe(
      'Du kan måske ikke bruge Selvangivelse, fordi MitID er nede.',
    );
  });
});
