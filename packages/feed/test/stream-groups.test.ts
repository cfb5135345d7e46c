import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { configJson } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http, openStream } from './helpers/http.js';

/** Issue 16, item 2: anonymous stream requests must not grow the feed's memory. */

let feed: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

/** The fixture catalogue plus `extra` independent services, for many distinct filters. */
const manyServices = (extra: number): Record<string, unknown> => ({
  services: [
    ...(configJson()['services'] as unknown[]),
    ...Array.from({ length: extra }, (_, n) => ({
      id: `svc-${n}`,
      name: { da: `Tjeneste ${n}` },
      owner: 'digst',
    })),
  ],
});

async function gauge(target: TestFeed, name: string): Promise<number> {
  const text = (await http(`${target.url}/metrics`)).text;
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `));
  if (line === undefined) throw new Error(`/metrics has no ${name}`);
  return Number(line.slice(name.length + 1));
}

/** Waits (bounded) until the feed reports `value` for the metric. */
async function until(target: TestFeed, name: string, value: number): Promise<void> {
  let seen = NaN;
  for (let tries = 0; tries < 300; tries += 1) {
    seen = await gauge(target, name);
    if (seen === value) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${name} stayed at ${seen}, expected ${value}`);
}

/** A raw client: sends the request and then does with the socket what the test says. */
function rawStream(target: TestFeed, path: string, headers = ''): Socket {
  const url = new URL(target.url);
  const socket = connect(Number(url.port), url.hostname);
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\n${headers}\r\n`);
  return socket;
}

/**
 * Incidents with large texts, so that events fill socket buffers quickly. Appended to the store
 * in one batch: this is about the stream, not about admin writes and their limits.
 */
async function bigIncidents(target: TestFeed, count: number): Promise<void> {
  const text = 'x'.repeat(4900);
  const message = { da: text, en: text, sv: text, fi: text, nb: text, nn: text };
  const changes = Array.from({ length: count }, (_, n) => ({
    type: 'incident' as const,
    incident: {
      id: `big-${target.feed.store.revision}-${n}`,
      services: ['eid'],
      impact: 'critical' as const,
      title: { da: 'MitID er nede' },
      message,
      state: 'investigating' as const,
      startedAt: '2031-01-01T00:00:00Z',
      updates: [{ time: '2031-01-01T00:00:00Z', state: 'investigating' as const, message }],
    },
  }));
  await target.feed.store.append(changes, 'digst');
}

describe('stream filter groups', () => {
  it('leave nothing behind when many distinct filters open and close', async () => {
    feed = await startTestFeed({ configOverrides: manyServices(40) });
    const streams = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        openStream(`${feed?.url ?? ''}/v1/stream?services=svc-${n}`),
      ),
    );
    await Promise.all(
      streams.map((stream) => stream.waitFor((event) => event.event === 'snapshot')),
    );
    expect(await gauge(feed, 'statuskit_filter_groups')).toBe(40);

    // Clients that hang up before or while they attach.
    for (let n = 0; n < 10; n += 1) rawStream(feed, `/v1/stream?services=svc-${n},eid`).destroy();
    const early = Array.from({ length: 10 }, (_, n) =>
      rawStream(feed as TestFeed, `/v1/stream?services=svc-${n},login`),
    );
    await Promise.all(
      early.map(
        (socket) =>
          new Promise((resolve) => {
            socket.once('data', () => socket.destroy());
            socket.once('close', resolve);
          }),
      ),
    );

    for (const stream of streams) stream.close();
    await until(feed, 'statuskit_filter_groups', 0);
    await until(feed, 'statuskit_open_streams', 0);
  });

  it('are removed when their only client is dropped as too slow', async () => {
    feed = await startTestFeed({ maxBufferedBytes: 64 * 1024 });
    const stalled = rawStream(feed, '/v1/stream?services=eid');
    stalled.pause();
    await until(feed, 'statuskit_filter_groups', 1);
    for (let n = 0; n < 1000 && feed.feed.metrics.slowClientsDropped === 0; n += 1) {
      await bigIncidents(feed, 1);
    }
    expect(feed.feed.metrics.slowClientsDropped).toBe(1);
    await until(feed, 'statuskit_filter_groups', 0);
    stalled.destroy();
  }, 60_000);

  it('stop a replay as soon as its client is gone, and leave no group', async () => {
    feed = await startTestFeed();
    const from = feed.feed.store.revision;
    await bigIncidents(feed, 300);
    const total = feed.feed.store.revision - from;
    const sent = feed.feed.metrics.eventsSent;
    // Reads the first bytes, then leaves: the replay has megabytes still to send.
    const leaving = rawStream(feed, '/v1/stream?services=login', `Last-Event-ID: ${from}\r\n`);
    await new Promise<void>((resolve) => {
      leaving.once('data', () => {
        leaving.destroy();
        resolve();
      });
    });
    await until(feed, 'statuskit_filter_groups', 0);
    await until(feed, 'statuskit_open_streams', 0);
    expect(feed.feed.metrics.eventsSent - sent).toBeLessThan(total);
  }, 60_000);

  it('are shared by filters with the same dependency closure', async () => {
    feed = await startTestFeed();
    const filters = [
      'tax-return',
      'tax-return,login',
      'eid,login,tax-return',
      'digital-post,tax-return',
    ];
    const streams = await Promise.all(
      filters.map((filter) => openStream(`${feed?.url ?? ''}/v1/stream?services=${filter}`)),
    );
    const snapshots = await Promise.all(
      streams.map((stream) => stream.waitFor((event) => event.event === 'snapshot')),
    );
    expect(new Set(snapshots.map((snapshot) => snapshot.data)).size).toBe(1);
    expect(await gauge(feed, 'statuskit_filter_groups')).toBe(1);
    const login = await openStream(`${feed.url}/v1/stream?services=login`);
    await login.waitFor((event) => event.event === 'snapshot');
    expect(await gauge(feed, 'statuskit_filter_groups')).toBe(2);
    for (const stream of [...streams, login]) stream.close();
  });

  it('are capped: a new filter beyond the cap gets 503 with a jittered Retry-After', async () => {
    feed = await startTestFeed({ maxFilterGroups: 2 });
    const eid = await openStream(`${feed.url}/v1/stream?services=eid`);
    const permits = await openStream(`${feed.url}/v1/stream?services=permits`);
    await eid.waitFor((event) => event.event === 'snapshot');
    await permits.waitFor((event) => event.event === 'snapshot');

    const refused = await http(`${feed.url}/v1/stream?services=digital-post`);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(10);
    expect(refused.json()['error']).toMatch(/2 different service filters/);
    expect(await gauge(feed, 'statuskit_filter_groups_refused_total')).toBe(1);

    // Existing groups and the whole feed are still served.
    const again = await openStream(`${feed.url}/v1/stream?services=eid`);
    const all = await openStream(`${feed.url}/v1/stream`);
    expect(again.status).toBe(200);
    expect(all.status).toBe(200);
    await all.waitFor((event) => event.event === 'snapshot');
    again.close();
    all.close();

    permits.close();
    await until(feed, 'statuskit_filter_groups', 1);
    const accepted = await openStream(`${feed.url}/v1/stream?services=digital-post`);
    expect(accepted.status).toBe(200);
    accepted.close();
    eid.close();
  });
});

describe('stream filter groups still replaying', () => {
  it('count against the cap, and are forgotten when their client leaves', async () => {
    feed = await startTestFeed({ maxFilterGroups: 1 });
    const from = feed.feed.store.revision;
    await bigIncidents(feed, 300);
    // Takes the first bytes of a replay of megabytes, then stops reading: it stays replaying.
    const stalled = rawStream(feed, '/v1/stream?services=eid', `Last-Event-ID: ${from}\r\n`);
    await new Promise<void>((resolve) => {
      stalled.once('data', () => {
        stalled.pause();
        resolve();
      });
    });
    expect(await gauge(feed, 'statuskit_filter_groups')).toBe(0);
    expect((await http(`${feed.url}/v1/stream?services=permits`)).status).toBe(503);

    stalled.destroy();
    // Bounded wait: the server notices the closed socket and lets go of the pending filter.
    let status = 503;
    for (let tries = 0; tries < 300 && status === 503; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const stream = await openStream(`${feed.url}/v1/stream?services=permits`);
      status = stream.status;
      stream.close();
    }
    expect(status).toBe(200);
  }, 60_000);
});

describe('unknown service ids in ?services=', () => {
  for (const path of ['/v1/stream', '/v1/status.json']) {
    it(`answer 404 on ${path}, naming each unknown id and the closest known ones`, async () => {
      feed = await startTestFeed();
      const res = await http(`${feed.url}${path}?services=tax-retrun,eid,logn`);
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({
        error:
          'services: unknown service "logn" (did you mean "login"?); unknown service "tax-retrun" (did you mean "tax-return"?)',
        errors: [
          { path: 'services', message: 'unknown service "logn" (did you mean "login"?)' },
          {
            path: 'services',
            message: 'unknown service "tax-retrun" (did you mean "tax-return"?)',
          },
        ],
      });
      expect(await gauge(feed, 'statuskit_filter_groups')).toBe(0);
    });
  }
});
