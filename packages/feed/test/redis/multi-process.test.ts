import { describe, expect, it } from 'vitest';
import { incidentBody, TOKENS } from '../helpers/fixtures.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { http, openStream, type SseStream } from '../helpers/http.js';
import { useRedisServer } from '../helpers/redis.js';

const { redis, client, open } = useRedisServer();
let prefixes = 0;

/** A feed process on the shared Redis; processes given the same prefix serve one feed. */
async function feedOn(
  keyPrefix: string,
  options: Parameters<typeof startTestFeed>[0] = {},
): Promise<TestFeed> {
  const feed = await startTestFeed({ redis: { url: redis().url, keyPrefix }, ...options });
  open.push(feed);
  return feed;
}

function newPrefix(): string {
  prefixes += 1;
  return `multi${prefixes}:`;
}

async function stream(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const opened = await openStream(url, headers);
  open.push(opened);
  return opened;
}

const postIncident = (feed: TestFeed, overrides: Record<string, unknown> = {}) =>
  http(`${feed.url}/v1/admin/incidents`, {
    method: 'POST',
    token: TOKENS.digst,
    body: incidentBody(overrides),
  });

describe('several feed processes on one Redis', () => {
  it('gives concurrent writes on two processes every revision once, with no gap, and keeps each', async () => {
    const prefix = newPrefix();
    const [a, b] = [await feedOn(prefix), await feedOn(prefix)];
    const start = a.feed.store.revision;
    expect(b.feed.store.revision).toBe(start);
    const writes = 24;
    const results = await Promise.all(
      Array.from({ length: writes }, (_, index) =>
        postIncident(index % 2 === 0 ? a : b, { title: { en: `write ${index}` } }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(Array(writes).fill(201));
    const revisions = results.map((result) => result.json<{ revision: number }>().revision);
    expect([...revisions].sort((x, y) => x - y)).toEqual(
      Array.from({ length: writes }, (_, index) => start + index + 1),
    );
    // What Redis holds: one entry per revision, each the write that was acknowledged with it.
    const entries = await client().xrange(`${prefix}changes`, '-', '+');
    expect(entries.map(([id]) => id)).toEqual(
      Array.from({ length: start + writes }, (_, index) => `${index + 1}-0`),
    );
    for (const [index, result] of results.entries()) {
      const { revision, incident } = result.json<{ revision: number; incident: { id: string } }>();
      const record = JSON.parse(entries[revision - 1]?.[1][1] ?? '{}') as {
        change: { incident: { id: string; title: { en: string } } };
      };
      expect(record.change.incident.id).toBe(incident.id);
      expect(record.change.incident.title.en).toBe(`write ${index}`);
    }
    expect(await client().get(`${prefix}revision`)).toBe(String(start + writes));
    // Both processes end with the same document: every write, in revision order.
    await b.feed.store.catchUp();
    await a.feed.store.catchUp();
    expect(a.feed.store.revision).toBe(start + writes);
    expect(b.feed.store.document).toEqual(a.feed.store.document);
    expect(a.feed.store.document.incidents).toHaveLength(writes);
  });

  it('keeps If-Match exact across processes: a revision another process moved past is a 409', async () => {
    const prefix = newPrefix();
    const [a, b] = [await feedOn(prefix), await feedOn(prefix)];
    const revision = a.feed.store.revision;
    expect((await postIncident(b)).status).toBe(201);
    const stale = await http(`${a.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody(),
      headers: { 'if-match': `"${revision}"` },
    });
    expect(stale.status).toBe(409);
    expect(stale.json()['error']).toContain(`revision ${revision + 1}`);
  });

  it('resumes a Last-Event-ID from one process exactly on another: no snapshot, no gap, no duplicate', async () => {
    const prefix = newPrefix();
    const [a, b] = [await feedOn(prefix), await feedOn(prefix)];
    const onA = await stream(`${a.url}/v1/stream`);
    const snapshot = await onA.waitFor((event) => event.event === 'snapshot');
    const seen = Number(snapshot.id);
    for (let index = 0; index < 3; index += 1) {
      expect((await postIncident(a)).status).toBe(201);
    }
    await onA.waitFor((event) => Number(event.id) === seen + 3);
    const first = onA.events.find((event) => Number(event.id) === seen + 1);
    onA.close();

    // The client had taken seen + 1 when its process went away; it reconnects to the other.
    const onB = await stream(`${b.url}/v1/stream`, { 'last-event-id': String(seen + 1) });
    expect((await postIncident(b)).status).toBe(201);
    await onB.waitFor((event) => Number(event.id) === seen + 4);
    expect(onB.events.map((event) => [event.event, Number(event.id)])).toEqual([
      ['incident', seen + 2],
      ['incident', seen + 3],
      ['incident', seen + 4],
    ]);
    expect(first?.event).toBe('incident');
  });

  it('starts a new process from the snapshot and the stream after it, trimmed to the history it needs', async () => {
    const prefix = newPrefix();
    const configOverrides = { historySize: 3 };
    const redisSettings = { url: redis().url, keyPrefix: prefix, snapshotEvery: 5 };
    const a = await feedOn(prefix, { configOverrides, redis: redisSettings });
    const start = a.feed.store.revision;
    for (let index = 0; index < 12; index += 1) {
      expect((await postIncident(a)).status).toBe(201);
    }
    const last = start + 12;
    const snapshotAt = Math.floor(last / 5) * 5;
    expect(await client().hget(`${prefix}snapshot`, 'revision')).toBe(String(snapshotAt));
    // The three before the snapshot are kept for reconnecting clients; older ones are trimmed.
    const ids = (await client().xrange(`${prefix}changes`, '-', '+')).map(([id]) => id);
    expect(ids).toEqual(
      Array.from({ length: last - snapshotAt + 3 }, (_, i) => `${snapshotAt - 2 + i}-0`),
    );

    const c = await feedOn(prefix, { configOverrides, redis: redisSettings });
    expect(c.feed.store.revision).toBe(last);
    expect(c.feed.store.document).toEqual(a.feed.store.document);
    // A client that had seen the last three resumes exactly; one further back gets a snapshot.
    const resumed = await stream(`${c.url}/v1/stream`, { 'last-event-id': String(last - 2) });
    await resumed.waitFor((event) => Number(event.id) === last);
    expect(resumed.events.map((event) => Number(event.id))).toEqual([last - 1, last]);
    const tooOld = await stream(`${c.url}/v1/stream`, { 'last-event-id': String(start) });
    const snapshot = await tooOld.waitFor(() => true);
    expect([snapshot.event, Number(snapshot.id)]).toEqual(['snapshot', last]);
  });

  it('has every process apply what the others store, and a write on one reaches streams on all', async () => {
    const prefix = newPrefix();
    const [a, b] = [await feedOn(prefix), await feedOn(prefix)];
    const onB = await stream(`${b.url}/v1/stream`);
    await onB.waitFor((event) => event.event === 'snapshot');
    const answer = await postIncident(a);
    const { revision } = answer.json<{ revision: number }>();
    const event = await onB.waitFor((e) => e.event === 'incident');
    expect(Number(event.id)).toBe(revision);
    const status = await http(`${b.url}/v1/status.json`);
    expect(status.json()['revision']).toBe(revision);
  });

  it('publishes the catalogue once when two processes start together on an empty Redis', async () => {
    const prefix = newPrefix();
    const [a, b] = await Promise.all([feedOn(prefix), feedOn(prefix)]);
    const services = a.feed.store.document.services.length;
    expect(services).toBeGreaterThan(0);
    expect(await client().get(`${prefix}revision`)).toBe(String(services));
    await a.feed.store.catchUp();
    await b.feed.store.catchUp();
    expect(b.feed.store.revision).toBe(services);
    expect(b.feed.store.document).toEqual(a.feed.store.document);
  });
});
