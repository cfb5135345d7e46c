import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentBody, maintenanceBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http } from './helpers/http.js';
import { RawConnection } from './helpers/raw-http.js';

let feed: TestFeed;
let connection: RawConnection | undefined;
beforeEach(async () => {
  feed = await startTestFeed({ now: () => new Date('2030-03-14T20:00:00Z') });
  await http(`${feed.url}/v1/admin/maintenance`, {
    method: 'POST',
    token: TOKENS.tax,
    body: maintenanceBody({ id: 'spring' }),
  });
});
afterEach(async () => {
  connection?.destroy();
  connection = undefined;
  await feed.close();
});

async function open(): Promise<RawConnection> {
  connection = await RawConnection.open(feed.url);
  return connection;
}

/** The same connection still speaks HTTP: a follow-up request gets a whole, correct answer. */
async function expectFollowUpWorks(raw: RawConnection): Promise<void> {
  const next = await raw.request('GET', '/healthz');
  expect(next.status).toBe(200);
  expect(JSON.parse(next.body.toString())).toEqual({
    status: 'ok',
    revision: feed.feed.store.revision,
    store: feed.feed.store.health,
  });
}

describe('HEAD', () => {
  it.each([
    '/v1/status.json',
    '/v1/status.json?services=login',
    '/v1/maintenance.ics?lang=en',
    '/v1/services/tax-return/availability',
    '/healthz',
    '/metrics',
  ])('answers HEAD %s with the GET headers, the right Content-Length and no body', async (path) => {
    const raw = await open();
    const get = await raw.request('GET', path);
    expect(get.status).toBe(200);
    const head = await raw.request('HEAD', path);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['content-length']).toBe(String(get.body.length));
    await expectFollowUpWorks(raw);
    expect(raw.unread.length).toBe(0);
  });

  it('answers HEAD /v1/stream with the stream headers and no body, and never opens a stream', async () => {
    const raw = await open();
    const head = await raw.request('HEAD', '/v1/stream');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(head.headers['cache-control']).toBe('no-store');
    await expectFollowUpWorks(raw);
    expect(raw.unread.length).toBe(0);
    expect(feed.feed.metrics.streamsOpened).toBe(0);
    // A change after the HEAD reaches no one: nothing arrives on this connection.
    await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody(),
    });
    await expectFollowUpWorks(raw);
    expect(raw.unread.length).toBe(0);
  });

  it('answers HEAD /v1/stream with a malformed filter as GET would', async () => {
    const raw = await open();
    const get = await raw.request('GET', '/v1/stream?services=Not_An_Id');
    expect(get.status).toBe(400);
    const head = await raw.request('HEAD', '/v1/stream?services=Not_An_Id');
    expect(head.status).toBe(400);
    expect(head.headers['content-length']).toBe(String(get.body.length));
    await expectFollowUpWorks(raw);
  });
});

describe('canonical paths only', () => {
  const body = JSON.stringify(incidentBody({ id: 'bypass' }));
  const post = (raw: RawConnection, target: string) =>
    raw.request('POST', target, {
      headers: { authorization: `Bearer ${TOKENS.digst}`, 'content-type': 'application/json' },
      body,
    });

  it('routes the canonical admin path (the control case)', async () => {
    const raw = await open();
    const res = await post(raw, '/v1/admin/incidents');
    expect(res.status).toBe(201);
  });

  it.each([
    '//x/v1/admin/incidents',
    '//v1/admin/incidents',
    '/v1/./admin/incidents',
    '/v1/../v1/admin/incidents',
    '/v1/admin/../admin/incidents',
    '/v1//admin/incidents',
    '/v1/admin//incidents',
    '/v1/admin/incidents/',
    '/v1/admin/./incidents',
    '/v1/%2e/admin/incidents',
    '/v1/%2E%2E/v1/admin/incidents',
    '/v1/.%2e/v1/admin/incidents',
    '/v1%2fadmin/incidents',
    '/v1/admin%2Fincidents',
    '/v1/%61dmin/incidents',
    '/v1\\admin\\incidents',
    '/v1/admin\\incidents',
    '/v1/admin/incidents#x',
    'http://feed.test/v1/admin/incidents',
    'https://feed.test/v1/admin/incidents',
    '*',
  ])('never lets %s reach the admin handler', async (target) => {
    const raw = await open();
    const res = await post(raw, target);
    expect([400, 404]).toContain(res.status);
    expect(JSON.parse(res.body.toString())).toHaveProperty('error');
    expect(feed.feed.store.document.incidents).toEqual([]);
  });

  it('does not reach public handlers through dot segments either', async () => {
    const raw = await open();
    for (const target of ['/v1/./status.json', '/x/../v1/status.json', '//h/v1/status.json']) {
      const res = await raw.request('GET', target);
      expect([400, 404]).toContain(res.status);
    }
    const fine = await raw.request('GET', '/v1/status.json?services=login&x=%2e%2e');
    expect(fine.status).toBe(200);
  });

  it('says why a target is refused', async () => {
    const raw = await open();
    const dots = await raw.request('GET', '/v1/../v1/status.json');
    expect(JSON.parse(dots.body.toString())).toEqual({
      error:
        'the path must be canonical: no empty, "." or ".." segments (at "/v1/../v1/status.json")',
    });
    const absolute = await raw.request('GET', 'http://feed.test/v1/status.json');
    expect(absolute.status).toBe(400);
    expect(JSON.parse(absolute.body.toString())).toEqual({
      error: 'send only the path, e.g. "/v1/status.json": this feed is not a proxy',
    });
  });

  it('refuses an encoded slash inside an id', async () => {
    const raw = await open();
    const res = await raw.request('GET', '/v1/services/tax%2Freturn/availability');
    expect(res.status).toBe(400);
  });
});
