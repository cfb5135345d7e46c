import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentBody, maintenanceBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http } from './helpers/http.js';

let feed: TestFeed;
beforeEach(async () => {
  feed = await startTestFeed({ now: () => new Date('2030-03-10T09:00:00Z') });
});
afterEach(async () => {
  await feed.close();
});

const post = (
  path: string,
  body: unknown,
  token: string = TOKENS.digst,
  headers: Record<string, string> = {},
) => http(feed.url + path, { method: 'POST', body, token, headers });

describe('incidents', () => {
  it('opens an incident with 201, the stored incident and the new revision', async () => {
    const before = feed.feed.store.revision;
    const res = await post('/v1/admin/incidents', incidentBody());
    expect(res.status).toBe(201);
    const body = res.json<{ revision: number; incident: Record<string, unknown> }>();
    expect(body.revision).toBe(before + 1);
    expect(body.incident).toMatchObject({
      id: 'inc-20300310-1',
      services: ['eid'],
      impact: 'critical',
      state: 'investigating',
      startedAt: '2030-03-10T09:00:00.000Z',
      updates: [{ time: '2030-03-10T09:00:00.000Z', state: 'investigating' }],
    });
    expect(feed.feed.store.document.incidents).toHaveLength(1);
  });

  it('adds updates and resolves, recording the time', async () => {
    await post('/v1/admin/incidents', incidentBody({ id: 'eid-down' }));
    const update = await post('/v1/admin/incidents/eid-down/updates', {
      state: 'identified',
      message: { da: 'Fejlen er fundet.', en: 'Found the fault.' },
      impact: 'major',
    });
    expect(update.status).toBe(200);
    expect(update.json<{ incident: { impact: string; state: string } }>().incident).toMatchObject({
      impact: 'major',
      state: 'identified',
    });
    const resolved = await post('/v1/admin/incidents/eid-down/updates', {
      state: 'resolved',
      message: { da: 'Løst.', en: 'Resolved.' },
    });
    const incident = resolved.json<{ incident: { resolvedAt: string; updates: unknown[] } }>()
      .incident;
    expect(incident.resolvedAt).toBe('2030-03-10T09:00:00.000Z');
    expect(incident.updates).toHaveLength(3);
  });

  it('answers 404 for an unknown incident', async () => {
    const res = await post('/v1/admin/incidents/nope/updates', {
      state: 'resolved',
      message: { da: 'x' },
    });
    expect(res.status).toBe(404);
    expect(res.json()['error']).toContain('nope');
  });

  it('refuses an incident id that already exists with 409', async () => {
    await post('/v1/admin/incidents', incidentBody({ id: 'eid-down' }));
    expect((await post('/v1/admin/incidents', incidentBody({ id: 'eid-down' }))).status).toBe(409);
  });
});

describe('maintenance', () => {
  it('schedules, starts and completes a window', async () => {
    const created = await post(
      '/v1/admin/maintenance',
      maintenanceBody({ id: 'spring' }),
      TOKENS.tax,
    );
    expect(created.status).toBe(201);
    expect(created.json<{ maintenance: Record<string, unknown> }>().maintenance).toMatchObject({
      state: 'scheduled',
      announcedAt: '2030-03-10T09:00:00.000Z',
    });
    const patch = (body: unknown) =>
      http(`${feed.url}/v1/admin/maintenance/spring`, { method: 'PATCH', body, token: TOKENS.tax });
    const started = await patch({ state: 'in_progress' });
    expect(started.status).toBe(200);
    expect(started.json<{ maintenance: { actualStart: string } }>().maintenance.actualStart).toBe(
      '2030-03-10T09:00:00.000Z',
    );
    const completed = await patch({ state: 'completed', actualEnd: '2030-03-10T10:00:00Z' });
    expect(
      completed.json<{ maintenance: { state: string; actualEnd: string } }>().maintenance,
    ).toMatchObject({
      state: 'completed',
      actualEnd: '2030-03-10T10:00:00Z',
    });
    const again = await patch({ state: 'in_progress' });
    expect(again.status).toBe(400);
  });

  it('reschedules a scheduled window and cancels it', async () => {
    await post('/v1/admin/maintenance', maintenanceBody({ id: 'spring' }), TOKENS.tax);
    const moved = await http(`${feed.url}/v1/admin/maintenance/spring`, {
      method: 'PATCH',
      token: TOKENS.tax,
      body: {
        scheduledStart: '2030-03-21T22:00:00+01:00',
        scheduledEnd: '2030-03-22T01:00:00+01:00',
      },
    });
    expect(moved.status).toBe(200);
    const cancelled = await http(`${feed.url}/v1/admin/maintenance/spring`, {
      method: 'PATCH',
      token: TOKENS.tax,
      body: { state: 'cancelled' },
    });
    expect(
      cancelled.json<{ maintenance: { state: string; scheduledStart: string } }>().maintenance,
    ).toMatchObject({
      state: 'cancelled',
      scheduledStart: '2030-03-21T22:00:00+01:00',
    });
  });

  it('answers 404 for unknown maintenance', async () => {
    const res = await http(`${feed.url}/v1/admin/maintenance/nope`, {
      method: 'PATCH',
      token: TOKENS.tax,
      body: { state: 'cancelled' },
    });
    expect(res.status).toBe(404);
  });
});

describe('service status', () => {
  it('sets the own status with a message and keeps the time it changed', async () => {
    const put = (body: unknown) =>
      http(`${feed.url}/v1/admin/services/eid/status`, {
        method: 'PUT',
        body,
        token: TOKENS.digst,
      });
    const first = await put({ status: 'degraded', message: { da: 'Langsom', en: 'Slow' } });
    expect(first.status).toBe(200);
    expect(first.json<{ service: Record<string, unknown> }>().service).toMatchObject({
      status: 'degraded',
      statusMessage: { da: 'Langsom', en: 'Slow' },
      statusSince: '2030-03-10T09:00:00.000Z',
    });
    const cleared = await put({ status: 'operational' });
    expect(
      cleared.json<{ service: Record<string, unknown> }>().service['statusMessage'],
    ).toBeUndefined();
  });

  it('answers 404 for an unknown service', async () => {
    const res = await http(`${feed.url}/v1/admin/services/nope/status`, {
      method: 'PUT',
      token: TOKENS.digst,
      body: { status: 'degraded' },
    });
    expect(res.status).toBe(404);
  });
});

describe('authentication and scope', () => {
  it('answers 401 without a token and with a wrong one, asking for a bearer token', async () => {
    const missing = await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      body: incidentBody(),
    });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toContain('Bearer');
    const wrong = await post('/v1/admin/incidents', incidentBody(), 'not-a-real-token-at-all');
    expect(wrong.status).toBe(401);
    expect(feed.feed.store.document.incidents).toHaveLength(0);
  });

  it('answers 403 naming the service when the authority does not own it', async () => {
    const res = await post('/v1/admin/incidents', incidentBody({ services: ['eid'] }), TOKENS.tax);
    expect(res.status).toBe(403);
    expect(res.json()['error']).toContain('"eid"');
    const status = await http(`${feed.url}/v1/admin/services/tax-return/status`, {
      method: 'PUT',
      token: TOKENS.digst,
      body: { status: 'major_outage' },
    });
    expect(status.status).toBe(403);
    expect(status.json()['error']).toContain('"tax-return"');
  });
});

describe('bad requests', () => {
  it('lists every validation problem with its path', async () => {
    const res = await post('/v1/admin/incidents', {
      services: ['mitid2'],
      impact: 'huge',
      title: {},
      colour: 'red',
    });
    expect(res.status).toBe(400);
    const { errors } = res.json<{ errors: { path: string; message: string }[] }>();
    const paths = errors.map((error) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining(['services[0]', 'impact', 'title', 'message', 'colour']),
    );
    expect(errors.find((error) => error.path === 'services[0]')?.message).toContain(
      'unknown service "mitid2"',
    );
  });

  it('answers 415 for a body that is not JSON and 400 for malformed JSON', async () => {
    const text = await post('/v1/admin/incidents', 'services=eid', TOKENS.digst, {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);
    const malformed = await post('/v1/admin/incidents', '{"services": [', TOKENS.digst);
    expect(malformed.status).toBe(400);
  });

  it('answers 413 for a body over 64 KiB', async () => {
    const res = await post(
      '/v1/admin/incidents',
      incidentBody({ message: { da: 'x'.repeat(70 * 1024) } }),
    );
    expect(res.status).toBe(413);
  });

  it('answers 405 with Allow for a wrong method and 404 for an unknown path', async () => {
    const wrong = await http(`${feed.url}/v1/admin/incidents`, {
      method: 'GET',
      token: TOKENS.digst,
    });
    expect(wrong.status).toBe(405);
    expect(wrong.headers['allow']).toBe('POST');
    expect((await http(`${feed.url}/v1/nothing`)).status).toBe(404);
  });
});

describe('concurrent writes', () => {
  it('accepts a write whose If-Match is current and refuses a stale one with 409', async () => {
    const revision = feed.feed.store.revision;
    const first = await post('/v1/admin/incidents', incidentBody(), TOKENS.digst, {
      'if-match': `"${revision}"`,
    });
    expect(first.status).toBe(201);
    const stale = await post('/v1/admin/incidents', incidentBody(), TOKENS.digst, {
      'if-match': `"${revision}"`,
    });
    expect(stale.status).toBe(409);
    expect(stale.json()['error']).toContain(`revision ${revision + 1}`);
    expect(feed.feed.store.document.incidents).toHaveLength(1);
  });

  it('lets exactly one of several racing writes with the same If-Match win', async () => {
    const revision = feed.feed.store.revision;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        post('/v1/admin/incidents', incidentBody(), TOKENS.digst, { 'if-match': String(revision) }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
  });

  it('gives every racing write without If-Match its own revision', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => post('/v1/admin/incidents', incidentBody())),
    );
    const revisions = results
      .map((r) => r.json<{ revision: number }>().revision)
      .sort((a, b) => a - b);
    expect(new Set(revisions).size).toBe(10);
    expect(
      new Set(results.map((r) => r.json<{ incident: { id: string } }>().incident.id)).size,
    ).toBe(10);
  });
});
