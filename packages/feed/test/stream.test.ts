import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { configJson, incidentBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, tempDir, type TestFeed } from './helpers/feed.js';
import { http, openStream, type SseEvent, type SseStream } from './helpers/http.js';

let feed: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

const openIncident = async (target: TestFeed, body = incidentBody()) =>
  http(`${target.url}/v1/admin/incidents`, { method: 'POST', body, token: TOKENS.digst });
const setStatus = async (
  target: TestFeed,
  service: string,
  status: string,
  token: string = TOKENS.digst,
) =>
  http(`${target.url}/v1/admin/services/${service}/status`, {
    method: 'PUT',
    body: { status },
    token,
  });
const ids = (events: readonly SseEvent[]) => events.map((event) => Number(event.id));

/** About 30 KB of text in six languages: events large enough to fill socket buffers quickly. */
const BIG_TEXT = Object.fromEntries(
  ['da', 'en', 'sv', 'fi', 'nb', 'nn'].map((lang) => [lang, 'x'.repeat(4900)]),
);

/**
 * Opens a stream on a raw socket that never reads (the kernel buffers fill, then the server's),
 * publishes large events until the feed drops it, and checks that exactly it was dropped while
 * `reader` still got every event.
 */
async function dropStalledClient(target: TestFeed, reader: SseStream): Promise<void> {
  const { connect } = await import('node:net');
  const url = new URL(target.url);
  const stalled = connect(Number(url.port), url.hostname);
  stalled.write(`GET /v1/stream HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
  stalled.pause();
  // Loopback socket buffers hold megabytes, so send large events until the server gives up.
  for (let i = 0; i < 1000 && target.feed.metrics.slowClientsDropped === 0; i += 1) {
    await openIncident(target, incidentBody({ message: BIG_TEXT }));
  }
  expect(target.feed.metrics.slowClientsDropped).toBe(1);
  const last = target.feed.store.revision;
  await reader.waitFor((event) => Number(event.id) === last, 10_000);
  stalled.destroy();
}

describe('GET /v1/stream', () => {
  it('starts with retry and a snapshot carrying the revision as id', async () => {
    feed = await startTestFeed({ retryMs: 2500 });
    const stream = await openStream(`${feed.url}/v1/stream`);
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['access-control-allow-origin']).toBe('*');
    const snapshot = await stream.waitFor((event) => event.event === 'snapshot');
    expect(stream.retries).toEqual([2500]);
    expect(Number(snapshot.id)).toBe(feed.feed.store.revision);
    expect(snapshot.json['revision']).toBe(feed.feed.store.revision);
    const document = snapshot.json['document'] as { services: { id: string }[] };
    expect(document.services.map((service) => service.id)).toContain('tax-return');
    stream.close();
  });

  it('pushes each accepted change live with its revision and the previous one', async () => {
    feed = await startTestFeed();
    const stream = await openStream(`${feed.url}/v1/stream`);
    await stream.waitFor((event) => event.event === 'snapshot');
    const res = await openIncident(feed);
    const { revision } = res.json<{ revision: number }>();
    const event = await stream.waitFor((e) => e.event === 'incident');
    expect(Number(event.id)).toBe(revision);
    expect(event.json).toMatchObject({
      revision,
      prev: 0,
      incident: { services: ['eid'], impact: 'critical' },
    });
    await setStatus(feed, 'login', 'degraded');
    const next = await stream.waitFor((e) => e.event === 'service');
    expect(next.json).toMatchObject({
      revision: revision + 1,
      prev: revision,
      service: { id: 'login', status: 'degraded' },
    });
    stream.close();
  });

  it('resumes from Last-Event-ID with exactly the missed events, in order, without duplicates', async () => {
    feed = await startTestFeed();
    const first = await openStream(`${feed.url}/v1/stream`);
    const snapshot = await first.waitFor((event) => event.event === 'snapshot');
    await openIncident(feed);
    const seen = await first.waitFor((event) => event.event === 'incident');
    first.close();
    for (const status of ['degraded', 'partial_outage', 'operational'])
      await setStatus(feed, 'login', status);

    const resumed = await openStream(`${feed.url}/v1/stream`, { 'last-event-id': String(seen.id) });
    await resumed.waitFor((event) => Number(event.id) === feed?.feed.store.revision);
    expect(resumed.events.map((event) => event.event)).toEqual(['service', 'service', 'service']);
    expect(ids(resumed.events)).toEqual([
      Number(seen.id) + 1,
      Number(seen.id) + 2,
      Number(seen.id) + 3,
    ]);
    expect(Number(snapshot.id)).toBeLessThan(Number(seen.id));
    resumed.close();
  });

  it('accepts the lastEventId query parameter for clients that cannot set headers', async () => {
    feed = await startTestFeed();
    const at = feed.feed.store.revision;
    await setStatus(feed, 'eid', 'degraded');
    const stream = await openStream(`${feed.url}/v1/stream?lastEventId=${at}`);
    const event = await stream.waitFor(() => true);
    expect(event.event).toBe('service');
    expect(Number(event.id)).toBe(at + 1);
    stream.close();
  });

  it('sends nothing but live events to a client that is up to date', async () => {
    feed = await startTestFeed();
    const stream = await openStream(`${feed.url}/v1/stream`, {
      'last-event-id': String(feed.feed.store.revision),
    });
    await setStatus(feed, 'eid', 'degraded');
    await stream.waitFor((event) => event.event === 'service');
    expect(stream.events).toHaveLength(1);
    stream.close();
  });

  it('sends a snapshot when the missed events have fallen out of history', async () => {
    feed = await startTestFeed({ configOverrides: { historySize: 3 } });
    const at = feed.feed.store.revision;
    for (let i = 0; i < 5; i += 1)
      await setStatus(feed, 'eid', i % 2 === 0 ? 'degraded' : 'operational');
    const stream = await openStream(`${feed.url}/v1/stream`, { 'last-event-id': String(at) });
    const first = await stream.waitFor(() => true);
    expect(first.event).toBe('snapshot');
    expect(Number(first.id)).toBe(feed.feed.store.revision);
    stream.close();
  });

  it('sends a snapshot for a Last-Event-ID it never issued', async () => {
    feed = await startTestFeed();
    for (const id of ['999999', 'abc', '-4']) {
      const stream = await openStream(`${feed.url}/v1/stream`, { 'last-event-id': id });
      expect((await stream.waitFor(() => true)).event).toBe('snapshot');
      stream.close();
    }
  });

  it('narrows a filtered stream to the named services and everything they depend on', async () => {
    feed = await startTestFeed();
    const stream = await openStream(`${feed.url}/v1/stream?services=login`);
    const snapshot = await stream.waitFor((event) => event.event === 'snapshot');
    const services = (snapshot.json['document'] as { services: { id: string }[] }).services.map(
      (s) => s.id,
    );
    expect(services.sort()).toEqual(['eid', 'login']);

    await setStatus(feed, 'permits', 'degraded', TOKENS.tax);
    await setStatus(feed, 'digital-post', 'degraded');
    await setStatus(feed, 'eid', 'major_outage');
    const event = await stream.waitFor((e) => e.event === 'service');
    expect(event.json).toMatchObject({ service: { id: 'eid' } });
    expect(stream.events.filter((e) => e.event === 'service')).toHaveLength(1);
    stream.close();
  });

  it('rejects an invalid filter with 400', async () => {
    feed = await startTestFeed();
    const res = await http(`${feed.url}/v1/stream?services=Not_An_Id`);
    expect(res.status).toBe(400);
    expect(res.json()['error']).toContain('Not_An_Id');
  });

  it('sends heartbeat comments on one shared timer', async () => {
    feed = await startTestFeed({ configOverrides: { heartbeatSeconds: 1 } });
    const a = await openStream(`${feed.url}/v1/stream`);
    const b = await openStream(`${feed.url}/v1/stream`);
    await new Promise((resolve) => setTimeout(resolve, 2300));
    expect(a.comments).toBeGreaterThanOrEqual(2);
    expect(b.comments).toBe(a.comments);
    a.close();
    b.close();
  });

  it('drops a client that does not read, counts it, and keeps serving the others', async () => {
    // Far more than one authority may normally publish (limits.maxLiveBytesPerAuthority).
    feed = await startTestFeed({
      maxBufferedBytes: 64 * 1024,
      configOverrides: { limits: { maxLiveBytesPerAuthority: 256 * 1024 * 1024 } },
    });
    const reader = await openStream(`${feed.url}/v1/stream`);
    await dropStalledClient(feed, reader);
    reader.close();
  }, 60_000);

  it('judges backpressure, not the snapshot: a large snapshot streams, a stalled client is still dropped', async () => {
    feed = await startTestFeed({
      maxBufferedBytes: 64 * 1024,
      // Far more than one authority may normally publish (limits.maxLiveBytesPerAuthority).
      configOverrides: { limits: { maxLiveBytesPerAuthority: 256 * 1024 * 1024 } },
    });
    // A live document of about 600 KB: ten times the limit.
    for (let i = 0; i < 20; i += 1) await openIncident(feed, incidentBody({ message: BIG_TEXT }));
    const reader = await openStream(`${feed.url}/v1/stream`);
    const snapshot = await reader.waitFor((event) => event.event === 'snapshot', 10_000);
    expect((snapshot.json['document'] as { incidents: unknown[] }).incidents).toHaveLength(20);
    await dropStalledClient(feed, reader);
    reader.close();
  }, 60_000);

  it('does not count a first payload still queued when the next event comes: the client is not dropped', async () => {
    const maxBufferedBytes = 64 * 1024;
    feed = await startTestFeed({ maxBufferedBytes });
    const { store, metrics, server } = feed.feed;
    // A live document of about 12 MB, far more than loopback's socket buffers take from a client
    // that is not reading yet (a phone on a slow link): most of the snapshot stays queued in Node.
    await store.append(
      Array.from({ length: 400 }, (_, n) => ({
        type: 'incident' as const,
        incident: {
          id: `big-${n}`,
          services: ['eid'],
          impact: 'major' as const,
          title: { da: `Hændelse ${n}`, en: `Incident ${n}` },
          message: BIG_TEXT,
          state: 'investigating' as const,
          startedAt: '2030-03-14T09:00:00Z',
          updates: [
            { time: '2030-03-14T09:00:00Z', state: 'investigating' as const, message: BIG_TEXT },
          ],
        },
      })),
      'test',
    );
    let response: ServerResponse | undefined;
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/v1/stream') response = res;
    });
    const { connect } = await import('node:net');
    const url = new URL(feed.url);
    const client = connect(Number(url.port), url.hostname);
    client.pause();
    client.write(`GET /v1/stream HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
    try {
      while (metrics.streamsOpened === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      // What this test is about: the snapshot is still queued, well past the limit.
      expect(response?.writableLength).toBeGreaterThan(4 * maxBufferedBytes);

      const sent = metrics.eventsSent;
      expect((await setStatus(feed, 'eid', 'degraded')).status).toBe(200);
      while (metrics.eventsSent === sent) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(metrics.slowClientsDropped).toBe(0);

      // The client reads at last: the whole snapshot, then the event.
      let received = '';
      client.setEncoding('utf8');
      client.on('data', (chunk: string) => (received += chunk));
      client.resume();
      const revision = store.revision;
      while (!received.includes(`id: ${revision}\n`)) {
        if (client.destroyed) throw new Error('the stream was closed');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(received).toContain(`id: ${revision - 1}\nevent: snapshot\n`);
      expect(received.indexOf('event: snapshot')).toBeLessThan(
        received.indexOf(`id: ${revision}\n`),
      );
      expect(metrics.slowClientsDropped).toBe(0);
    } finally {
      client.destroy();
    }
  }, 60_000);

  it('on shutdown tells each client to retry after a jittered delay and ends the stream', async () => {
    feed = await startTestFeed({ retryMs: 1000, shutdownJitterMs: 5000 });
    const streams = await Promise.all(
      Array.from({ length: 5 }, () => openStream(`${feed?.url ?? ''}/v1/stream`)),
    );
    await Promise.all(
      streams.map((stream) => stream.waitFor((event) => event.event === 'snapshot')),
    );
    await feed.feed.close();
    await Promise.all(streams.map((stream) => stream.ended));
    const delays = streams.map((stream) => stream.retries.at(-1) ?? 0);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(6000);
    }
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});

describe('filtered streams when dependencies change', () => {
  it('send a snapshot to a live filter that now reaches a new service', async () => {
    feed = await startTestFeed();
    const stream = await openStream(`${feed.url}/v1/stream?services=login`);
    await stream.waitFor((event) => event.event === 'snapshot');
    const login = feed.feed.store.document.services.find((service) => service.id === 'login');
    if (!login) throw new Error('fixture has no login service');
    await feed.feed.store.append(
      [{ type: 'service', service: { ...login, dependsOn: ['eid', 'digital-post'] } }],
      'config',
    );
    const snapshot = await stream.waitFor(
      (event) => event.event === 'snapshot' && Number(event.id) === feed?.feed.store.revision,
    );
    const services = (snapshot.json['document'] as { services: { id: string }[] }).services;
    expect(services.map((service) => service.id).sort()).toEqual(['digital-post', 'eid', 'login']);
    stream.close();
  });

  it('send a snapshot instead of missed events when the catalogue changed meanwhile', async () => {
    const dataDir = await tempDir();
    feed = await startTestFeed({ dataDir });
    const at = feed.feed.store.revision;
    await feed.feed.close();
    const services = (configJson()['services'] as Record<string, unknown>[]).map((service) =>
      service['id'] === 'login' ? { ...service, dependsOn: ['eid', 'digital-post'] } : service,
    );
    feed = await startTestFeed({ dataDir, configOverrides: { services } });
    const stream = await openStream(`${feed.url}/v1/stream?services=login`, {
      'last-event-id': String(at),
    });
    const first = await stream.waitFor(() => true);
    expect(first.event).toBe('snapshot');
    stream.close();
    await feed.close();
    feed = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });
});
