import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentBody, maintenanceBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http } from './helpers/http.js';

let feed: TestFeed;
let clock = new Date('2030-03-14T20:00:00Z');
beforeEach(async () => {
  clock = new Date('2030-03-14T20:00:00Z');
  feed = await startTestFeed({ now: () => clock });
});
afterEach(async () => {
  await feed.close();
});

interface StatusJson {
  revision: number;
  generatedAt: string;
  document: { services: { id: string }[]; incidents: unknown[] };
  effective: Record<string, { status: string; causes: { chain: string[] }[] }>;
  notices: Record<string, { key: string; kind: string; phase: string; chain: string[] }[]>;
}

describe('GET /v1/status.json', () => {
  it('serves the document, revision, generation time, effective statuses and notices', async () => {
    await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      body: incidentBody({ id: 'eid-down' }),
      token: TOKENS.digst,
    });
    const res = await http(`${feed.url}/v1/status.json`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=5');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = res.json<StatusJson>();
    expect(body.revision).toBe(feed.feed.store.revision);
    expect(body.generatedAt).toBe('2030-03-14T20:00:00.000Z');
    expect(body.effective['tax-return']?.status).toBe('major_outage');
    expect(body.effective['tax-return']?.causes[0]?.chain).toEqual(['tax-return', 'login', 'eid']);
    expect(body.effective['permits']?.status).toBe('operational');
    expect(body.notices['tax-return']?.[0]).toMatchObject({
      key: 'incident:eid-down',
      kind: 'incident',
      phase: 'active',
    });
    expect(body.notices['permits']).toBeUndefined();
  });

  it('answers 304 to a matching If-None-Match and 200 with a new strong ETag after a change', async () => {
    const first = await http(`${feed.url}/v1/status.json`);
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^"\d+-[\w-]+"$/);
    const cached = await http(`${feed.url}/v1/status.json`, { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe('');
    expect(cached.headers['etag']).toBe(etag);

    await http(`${feed.url}/v1/admin/services/eid/status`, {
      method: 'PUT',
      body: { status: 'degraded' },
      token: TOKENS.digst,
    });
    const changed = await http(`${feed.url}/v1/status.json`, {
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers['etag']).not.toBe(etag);
  });

  it('changes the ETag when a maintenance window opens, without any write', async () => {
    await http(`${feed.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody({
        scheduledStart: '2030-03-14T21:00:00Z',
        scheduledEnd: '2030-03-14T23:00:00Z',
      }),
    });
    const before = await http(`${feed.url}/v1/status.json`);
    expect(before.json<StatusJson>().effective['tax-return']?.status).toBe('operational');
    clock = new Date('2030-03-14T21:00:00Z');
    const during = await http(`${feed.url}/v1/status.json`, {
      headers: { 'if-none-match': String(before.headers['etag']) },
    });
    expect(during.status).toBe(200);
    expect(during.json<StatusJson>().effective['tax-return']?.status).toBe('maintenance');
  });

  it('narrows to ?services= and their dependencies', async () => {
    const res = await http(`${feed.url}/v1/status.json?services=login`);
    const body = res.json<StatusJson>();
    expect(body.document.services.map((service) => service.id).sort()).toEqual(['eid', 'login']);
    expect(Object.keys(body.effective).sort()).toEqual(['eid', 'login']);
  });

  it('answers HEAD without a body', async () => {
    const res = await http(`${feed.url}/v1/status.json`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.headers['etag']).toBeDefined();
  });
});

describe('CORS', () => {
  it('answers a preflight for the admin API with the allowed methods and headers', async () => {
    // Since #14 only origins listed in cors.adminOrigins get an admin preflight answered (see
    // admin-cors.test.ts); "*" in cors.origins no longer opens the admin API.
    await feed.close();
    feed = await startTestFeed({
      now: () => clock,
      configOverrides: { cors: { origins: '*', adminOrigins: ['https://skat.example'] } },
    });
    const res = await http(`${feed.url}/v1/admin/maintenance/x`, {
      method: 'OPTIONS',
      headers: { origin: 'https://skat.example', 'access-control-request-method': 'PATCH' },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://skat.example');
    expect(res.headers['access-control-allow-methods']).toBe('PATCH, OPTIONS');
    expect(String(res.headers['access-control-allow-headers'])).toContain('Authorization');
    expect(String(res.headers['access-control-allow-headers'])).toContain('Last-Event-ID');
  });

  it('restricts origins when the config lists them', async () => {
    await feed.close();
    feed = await startTestFeed({
      configOverrides: { cors: { origins: ['https://skat.example'] } },
    });
    const allowed = await http(`${feed.url}/v1/status.json`, {
      headers: { origin: 'https://skat.example' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://skat.example');
    expect(allowed.headers['vary']).toBe('Origin');
    const denied = await http(`${feed.url}/v1/status.json`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(denied.status).toBe(403);
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    const noOrigin = await http(`${feed.url}/v1/status.json`);
    expect(noOrigin.status).toBe(200);
  });
});

describe('GET /v1/maintenance.ics', () => {
  it('lists scheduled and in-progress maintenance with stable UIDs in UTC', async () => {
    await http(`${feed.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody({ id: 'spring' }),
    });
    await http(`${feed.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody({ id: 'gone' }),
    });
    await http(`${feed.url}/v1/admin/maintenance/gone`, {
      method: 'PATCH',
      token: TOKENS.tax,
      body: { state: 'cancelled' },
    });
    const res = await http(`${feed.url}/v1/maintenance.ics?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(res.text).toContain('UID:spring@statuskit.invalid\r\n');
    expect(res.text).toContain('DTSTART:20300314T210000Z\r\n');
    expect(res.text).toContain('DTEND:20300315T010000Z\r\n');
    expect(res.text).toContain('SUMMARY:Planned maintenance\r\n');
    expect(res.text).not.toContain('UID:gone@');
    expect(res.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const again = await http(`${feed.url}/v1/maintenance.ics?lang=en`);
    expect(again.text.match(/UID:.*/g)).toEqual(res.text.match(/UID:.*/g));
  });

  it('filters by service and its dependencies', async () => {
    await http(`${feed.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody({ id: 'spring' }),
    });
    const other = await http(`${feed.url}/v1/maintenance.ics?services=login`);
    expect(other.text).not.toContain('UID:spring@');
    const own = await http(`${feed.url}/v1/maintenance.ics?services=tax-return`);
    expect(own.text).toContain('UID:spring@');
  });
});

describe("the calendar's UIDs and name", () => {
  const planSpring = () =>
    http(`${feed.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody({ id: 'spring' }),
    });
  const uids = (text: string) => [...text.matchAll(/^UID:(.*)\r$/gm)].map((match) => match[1]);
  const calendarName = (text: string) => /^X-WR-CALNAME:(.*)\r$/m.exec(text)?.[1];

  it('never takes a UID from the Host header', async () => {
    await planSpring();
    const plain = await http(`${feed.url}/v1/maintenance.ics`);
    const forged = await http(`${feed.url}/v1/maintenance.ics`, {
      headers: { host: 'attacker.example:443' },
    });
    expect(uids(plain.text)).toEqual(['spring@statuskit.invalid']);
    expect(uids(forged.text)).toEqual(uids(plain.text));
    expect(forged.text).not.toContain('attacker');
  });

  it("takes the UID domain and the feed's name from the configured publicUrl", async () => {
    await feed.close();
    feed = await startTestFeed({
      now: () => clock,
      configOverrides: { publicUrl: 'https://status.skat.example/feed' },
    });
    await planSpring();
    const res = await http(`${feed.url}/v1/maintenance.ics?lang=en`, {
      headers: { host: 'attacker.example' },
    });
    expect(uids(res.text)).toEqual(['spring@status.skat.example']);
    expect(calendarName(res.text)).toBe('Planned maintenance – status.skat.example');
  });

  it.each([
    ['da', 'Planlagt vedligeholdelse'],
    ['da-DK', 'Planlagt vedligeholdelse'],
    ['sv', 'Planerat underhåll'],
    ['nb', 'Planlagt vedlikehold'],
    ['nn', 'Planlagt vedlikehald'],
    ['is', 'Fyrirhugað viðhald'],
    ['fi', 'Suunnitellut huoltokatkot'],
    ['en', 'Planned maintenance'],
    ['en-GB', 'Planned maintenance'],
    ['de', 'Planned maintenance'],
  ])('names the calendar in lang=%s', async (lang, name) => {
    const res = await http(`${feed.url}/v1/maintenance.ics?lang=${lang}`);
    expect(calendarName(res.text)).toBe(name);
  });

  it("names it in the feed's default language without lang", async () => {
    const res = await http(`${feed.url}/v1/maintenance.ics`);
    expect(calendarName(res.text)).toBe('Planlagt vedligeholdelse');
  });
});

describe('times at the edges of the calendar', () => {
  it.each([
    ['scheduledStart', '0000-01-01T00:00:00+01:00'],
    ['scheduledEnd', '9999-12-31T23:30:00-05:00'],
  ])('refuses a %s of %s, naming the field, and the calendar stays whole', async (field, time) => {
    const res = await http(`${feed.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody({ id: 'edge', [field]: time }),
    });
    expect(res.status).toBe(400);
    expect(res.json<{ errors: unknown[] }>().errors).toContainEqual({
      path: field,
      message: expect.stringContaining('must be from 1970 to 9999 in UTC') as unknown,
    });
    const calendar = await http(`${feed.url}/v1/maintenance.ics`);
    expect(calendar.text).not.toContain('UID:edge@');
  });

  it('writes a well-formed calendar for a window at the end of year 9999', async () => {
    const created = await http(`${feed.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody({
        id: 'far',
        scheduledStart: '9999-12-31T18:00:00-05:00',
        scheduledEnd: '9999-12-31T23:59:59Z',
      }),
    });
    expect(created.status).toBe(201);
    const calendar = await http(`${feed.url}/v1/maintenance.ics?lang=en`);
    expect(calendar.text).toContain('DTSTART:99991231T230000Z\r\n');
    expect(calendar.text).toContain('DTEND:99991231T235959Z\r\n');
    for (const line of calendar.text.split('\r\n').filter((l) => /^DT(START|END|STAMP):/.test(l))) {
      expect(line).toMatch(/^DT(START|END|STAMP):\d{8}T\d{6}Z$/);
    }
  });
});

describe('health and metrics', () => {
  it('reports health with the revision and the state of the store', async () => {
    const res = await http(`${feed.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      revision: feed.feed.store.revision,
      store: { kind: feed.feed.store.health.kind, state: 'ok' },
    });
  });

  it('exposes Prometheus metrics', async () => {
    await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      body: incidentBody(),
      token: TOKENS.digst,
    });
    const res = await http(`${feed.url}/metrics`);
    expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
    expect(res.text).toContain('# TYPE statuskit_open_streams gauge\nstatuskit_open_streams 0\n');
    expect(res.text).toContain(`statuskit_revision ${feed.feed.store.revision}\n`);
    expect(res.text).toMatch(/statuskit_journal_bytes [1-9]\d*\n/);
    expect(res.text).toContain('statuskit_writes_accepted_total 1\n');
    for (const name of ['events_sent_total', 'bytes_sent_total', 'slow_clients_dropped_total']) {
      expect(res.text).toContain(`# TYPE statuskit_${name} counter`);
    }
  });
});
