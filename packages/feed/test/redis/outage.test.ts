import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/change-store.js';
import { incidentBody, TOKENS } from '../helpers/fixtures.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { http, openStream, type SseStream } from '../helpers/http.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function redisWith(settings?: readonly string[]): Promise<TestRedis> {
  const redis = await startRedis(settings);
  open.push({ close: () => redis.remove() });
  return redis;
}

async function feedOn(url: string, settings: Record<string, unknown> = {}): Promise<TestFeed> {
  const feed = await startTestFeed({ redis: { url, keyPrefix: 'outage:', ...settings } });
  open.push(feed);
  return feed;
}

async function stream(url: string): Promise<SseStream> {
  const opened = await openStream(url);
  open.push(opened);
  return opened;
}

/** Each event a stream got, as [event, id]. */
const eventsSeen = (live: SseStream): [string | undefined, string | undefined][] =>
  live.events.map((event) => [event.event, event.id]);

/**
 * What a stream cut off at revision `seen` gets: `fresh: false`, the three changes it missed in
 * order, then `fresh: true`; no snapshot beyond its first.
 */
const caughtUp = (seen: number): [string | undefined, string | undefined][] => [
  ['snapshot', String(seen)],
  ['feed', undefined],
  ['incident', String(seen + 1)],
  ['incident', String(seen + 2)],
  ['incident', String(seen + 3)],
  ['feed', undefined],
];

const postIncident = (feed: TestFeed) =>
  http(`${feed.url}/v1/admin/incidents`, {
    method: 'POST',
    token: TOKENS.digst,
    body: incidentBody(),
  });

describe('durability check at start', () => {
  it.each([
    [['--appendonly', 'no'], 'appendonly "no" and appendfsync "everysec"'],
    [['--appendonly', 'yes', '--appendfsync', 'everysec'], 'appendfsync "everysec"'],
    [
      ['--appendonly', 'yes', '--appendfsync', 'always', '--rename-command', 'CONFIG', ''],
      'CONFIG GET failed',
    ],
  ])(
    'refuses a Redis started with %j in one sentence naming the settings',
    async (settings, why) => {
      const redis = await redisWith(settings);
      const start = feedOn(redis.url);
      await expect(start).rejects.toThrow(StoreError);
      await expect(start).rejects.toThrow(why);
      await expect(start).rejects.toThrow(
        /set "appendonly yes" and "appendfsync always".*--store-durability relaxed/,
      );
    },
  );

  it('starts on such a Redis with durability relaxed', async () => {
    const redis = await redisWith(['--appendonly', 'no']);
    const feed = await feedOn(redis.url, { durability: 'relaxed' });
    expect((await postIncident(feed)).status).toBe(201);
  });

  it('refuses when WAIT cannot reach the replicas --store-replicas asks for', async () => {
    const redis = await redisWith();
    await expect(feedOn(redis.url, { replicas: 1, replicaTimeoutMs: 50 })).rejects.toThrow(
      'WAIT reached 0 of the 1 replicas',
    );
  });

  it('says which Redis it cannot reach', async () => {
    const redis = await redisWith();
    await redis.stop();
    await expect(feedOn(redis.url)).rejects.toThrow(
      `cannot open the Redis store at 127.0.0.1:${redis.port}/0`,
    );
  });
});

describe('while Redis cannot be reached', () => {
  it('keeps streams open and says they are not fresh, refuses writes with 503, then catches up', async () => {
    const redis = await redisWith();
    const feed = await feedOn(redis.url);
    const live = await stream(`${feed.url}/v1/stream`);
    const snapshot = await live.waitFor((event) => event.event === 'snapshot');
    const before = Number(snapshot.id);

    await redis.stop();
    const stale = await live.waitFor((event) => event.event === 'feed');
    expect(stale.json).toMatchObject({ fresh: false, since: expect.any(String) as unknown });
    expect(stale.id).toBeUndefined();

    const health = await http(`${feed.url}/healthz`);
    expect(health.status).toBe(503);
    expect(health.json()).toMatchObject({
      status: 'unavailable',
      revision: before,
      store: { kind: 'redis', state: 'unavailable' },
    });
    const refused = await postIncident(feed);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()['error']).toContain('cannot be reached');
    const status = await http(`${feed.url}/v1/status.json`);
    expect(status.status).toBe(200);
    expect(status.json()).toMatchObject({ revision: before, fresh: false });
    expect(status.headers['cache-control']).toBe('no-store');
    // A client arriving now is told before its snapshot.
    const late = await stream(`${feed.url}/v1/stream`);
    await late.waitFor((event) => event.event === 'snapshot');
    expect(late.events.map((event) => event.event)).toEqual(['feed', 'snapshot']);

    await redis.start();
    const back = await live.waitFor(
      (event) => event.event === 'feed' && event.json['fresh'] === true,
      10_000,
    );
    expect(back.json).toEqual({ fresh: true });
    const accepted = await postIncident(feed);
    expect(accepted.status).toBe(201);
    await live.waitFor((event) => event.event === 'incident');
    expect(live.events.map((event) => event.event)).toEqual([
      'snapshot',
      'feed',
      'feed',
      'incident',
    ]);
    expect(Number(live.events.at(-1)?.id)).toBe(before + 1);
    expect((await http(`${feed.url}/healthz`)).status).toBe(200);
    expect((await http(`${feed.url}/v1/status.json`)).json()['fresh']).toBeUndefined();
    // The write acknowledged before the restart and the one after are both in Redis.
    expect(feed.feed.store.revision).toBe(before + 1);
  });

  it('catches a cut-off process up from the last entry it saw, in order, without snapshots', async () => {
    const redis = await redisWith();
    const proxy = await startTcpProxy(redis.port);
    open.push(proxy);
    const cutOff = await feedOn(`redis://127.0.0.1:${proxy.port}/0`);
    const other = await feedOn(redis.url);
    const live = await stream(`${cutOff.url}/v1/stream`);
    const snapshot = await live.waitFor((event) => event.event === 'snapshot');
    const seen = Number(snapshot.id);

    proxy.cut();
    await live.waitFor((event) => event.event === 'feed');
    for (let index = 0; index < 3; index += 1) {
      expect((await postIncident(other)).status).toBe(201);
    }
    expect((await postIncident(cutOff)).status).toBe(503);
    proxy.heal();
    await live.waitFor((event) => event.event === 'feed' && event.json['fresh'] === true, 10_000);
    expect(eventsSeen(live)).toEqual(caughtUp(seen));
    expect(cutOff.feed.store.document).toEqual(other.feed.store.document);
  });

  it('keeps that order on every stream when the fan-out goes out in slices', async () => {
    const redis = await redisWith();
    const proxy = await startTcpProxy(redis.port);
    open.push(proxy);
    // One socket write per slice: the caught-up changes and `fresh: true` are each spread over
    // several ticks, and no stream may get a later one first.
    const cutOff = await startTestFeed({
      redis: { url: `redis://127.0.0.1:${proxy.port}/0`, keyPrefix: 'outage:' },
      deliverySlice: 1,
    });
    open.push(cutOff);
    const other = await feedOn(redis.url);
    const streams = await Promise.all([0, 1, 2].map(() => stream(`${cutOff.url}/v1/stream`)));
    const snapshots = await Promise.all(
      streams.map((live) => live.waitFor((event) => event.event === 'snapshot')),
    );
    const seen = Number(snapshots[0]?.id);

    proxy.cut();
    for (const live of streams) await live.waitFor((event) => event.event === 'feed');
    for (let index = 0; index < 3; index += 1) {
      expect((await postIncident(other)).status).toBe(201);
    }
    proxy.heal();
    for (const live of streams) {
      await live.waitFor((event) => event.event === 'feed' && event.json['fresh'] === true, 10_000);
      expect(eventsSeen(live)).toEqual(caughtUp(seen));
    }
  });

  it('sends snapshots once a cut-off process missed more than Redis keeps', async () => {
    const redis = await redisWith();
    const proxy = await startTcpProxy(redis.port);
    open.push(proxy);
    const settings = { snapshotEvery: 5 };
    const configOverrides = { historySize: 2 };
    const cutOff = await startTestFeed({
      configOverrides,
      redis: { url: `redis://127.0.0.1:${proxy.port}/0`, keyPrefix: 'trim:', ...settings },
    });
    open.push(cutOff);
    const other = await startTestFeed({
      configOverrides,
      redis: { url: redis.url, keyPrefix: 'trim:', ...settings },
    });
    open.push(other);
    const live = await stream(`${cutOff.url}/v1/stream`);
    await live.waitFor((event) => event.event === 'snapshot');

    proxy.cut();
    await live.waitFor((event) => event.event === 'feed');
    for (let index = 0; index < 12; index += 1) {
      expect((await postIncident(other)).status).toBe(201);
    }
    proxy.heal();
    await live.waitFor((event) => event.event === 'feed' && event.json['fresh'] === true, 10_000);
    const last = other.feed.store.revision;
    expect(live.events.map((event) => [event.event, event.id])).toEqual([
      ['snapshot', expect.any(String)],
      ['feed', undefined],
      ['snapshot', String(last)],
      ['feed', undefined],
    ]);
    expect(cutOff.feed.store.document).toEqual(other.feed.store.document);
    // The next change is an ordinary event again.
    expect((await postIncident(other)).status).toBe(201);
    const next = await live.waitFor((event) => event.event === 'incident');
    expect(Number(next.id)).toBe(last + 1);
  });

  it('finds a Redis that stops answering without closing the connection', async () => {
    const redis = await redisWith();
    const proxy = await startTcpProxy(redis.port);
    open.push(proxy);
    const feed = await feedOn(`redis://127.0.0.1:${proxy.port}/0`);
    const live = await stream(`${feed.url}/v1/stream`);
    await live.waitFor((event) => event.event === 'snapshot');

    proxy.freeze();
    const stale = await live.waitFor((event) => event.event === 'feed', 10_000);
    expect(stale.json['fresh']).toBe(false);
    expect((await http(`${feed.url}/healthz`)).status).toBe(503);
    proxy.thaw();
    await live.waitFor((event) => event.event === 'feed' && event.json['fresh'] === true, 15_000);
    expect((await postIncident(feed)).status).toBe(201);
  });

  it('loses no acknowledged write when Redis is killed mid-writes and restarted', async () => {
    const redis = await redisWith();
    const feed = await feedOn(redis.url);
    const acknowledged: { revision: number; id: string }[] = [];
    let refused = 0;
    const phase = { killed: false };
    const writer = (async () => {
      // Bounded: at most 400 tries, whatever happens.
      for (let tries = 0; tries < 400; tries += 1) {
        const answer = await postIncident(feed);
        if (answer.status === 201) {
          const body = answer.json<{ revision: number; incident: { id: string } }>();
          acknowledged.push({ revision: body.revision, id: body.incident.id });
          if (phase.killed && acknowledged.length >= 20) return;
        } else {
          expect(answer.status).toBe(503);
          refused += 1;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
    })();
    while (acknowledged.length < 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await redis.kill();
    phase.killed = true;
    await redis.start();
    await writer;
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    expect(refused).toBeGreaterThan(0);

    const { Redis } = await import('ioredis');
    const reader = new Redis(redis.url);
    try {
      const entries = new Map(
        (await reader.xrange('outage:changes', '-', '+')).map(([id, fields]) => [id, fields[1]]),
      );
      for (const { revision, id } of acknowledged) {
        const record = JSON.parse(entries.get(`${revision}-0`) ?? '{}') as {
          change?: { incident?: { id: string } };
        };
        expect(record.change?.incident?.id).toBe(id);
      }
    } finally {
      reader.disconnect();
    }
  });
});
