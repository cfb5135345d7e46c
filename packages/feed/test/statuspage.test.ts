// Issue 12, part 5: the Statuspage-compatible read API under /api/v2/, compared with saved real
// Statuspage responses (test/fixtures/statuspage).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentBody, maintenanceBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http } from './helpers/http.js';
import {
  shapeDifferences,
  STATUSPAGE_ENUMS,
  statuspageFixture,
} from './helpers/statuspage-shape.js';

interface Component {
  id: string;
  name: string;
  status: string;
  position: number;
  page_id: string;
}
interface Update {
  id: string;
  status: string;
  body: string;
  incident_id: string;
  created_at: string;
}
interface Incident {
  id: string;
  name: string;
  status: string;
  impact: string;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  monitoring_at: string | null;
  shortlink: string;
  incident_updates: Update[];
  components: Component[];
  scheduled_for?: string;
  scheduled_until?: string;
}
interface Page {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}
interface Summary {
  page: Page;
  status: { indicator: string; description: string };
  components: Component[];
  incidents: Incident[];
  scheduled_maintenances: Incident[];
}

let feed: TestFeed;
let clock = new Date('2030-03-14T20:00:00Z');
beforeEach(async () => {
  clock = new Date('2030-03-14T20:00:00Z');
  feed = await startTestFeed({ now: () => clock });
});
afterEach(async () => {
  await feed.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  http(`${feed.url}${path}`, { headers });
const summary = async (query = ''): Promise<Summary> => {
  const res = await get(`/api/v2/summary.json${query}`);
  expect(res.status).toBe(200);
  return res.json<Summary>();
};
const setStatus = (service: string, status: string, token: string = TOKENS.tax) =>
  http(`${feed.url}/v1/admin/services/${service}/status`, {
    method: 'PUT',
    body: { status },
    token,
  });
const componentStatus = (body: { components: Component[] }, id: string) =>
  body.components.find((component) => component.id === id)?.status;

/** An open incident on eid and maintenance on tax-return: one upcoming, one in progress. */
async function busyFeed(): Promise<void> {
  await http(`${feed.url}/v1/admin/incidents`, {
    method: 'POST',
    token: TOKENS.digst,
    body: incidentBody({ id: 'eid-down', impact: 'major' }),
  });
  await http(`${feed.url}/v1/admin/incidents/eid-down/updates`, {
    method: 'POST',
    token: TOKENS.digst,
    body: { state: 'monitoring', message: { da: 'Vi holder øje.', en: 'We are monitoring.' } },
  });
  await http(`${feed.url}/v1/admin/maintenance`, {
    method: 'POST',
    token: TOKENS.tax,
    body: maintenanceBody({ id: 'later' }),
  });
  await http(`${feed.url}/v1/admin/maintenance`, {
    method: 'POST',
    token: TOKENS.tax,
    body: maintenanceBody({
      id: 'now',
      services: ['permits'],
      scheduledStart: '2030-03-14T20:30:00+01:00',
      scheduledEnd: '2030-03-14T23:00:00+01:00',
    }),
  });
}

describe('GET /api/v2/summary.json', () => {
  it("has exactly the keys and types of a real Statuspage summary, and only Statuspage's enumerations", async () => {
    await busyFeed();
    const body = await summary();
    expect(shapeDifferences(statuspageFixture('summary.json'), body)).toEqual([]);
    expect(body.incidents.map((incident) => incident.id)).toEqual(['eid-down']);
    expect(body.scheduled_maintenances.map((window) => window.id).sort()).toEqual(['later', 'now']);
    expect(STATUSPAGE_ENUMS.indicator).toContain(body.status.indicator);
    for (const component of body.components)
      expect(STATUSPAGE_ENUMS.componentStatus).toContain(component.status);
    for (const incident of body.incidents) {
      expect(STATUSPAGE_ENUMS.incidentStatus).toContain(incident.status);
      expect(STATUSPAGE_ENUMS.incidentImpact).toContain(incident.impact);
      for (const update of incident.incident_updates)
        expect(STATUSPAGE_ENUMS.incidentStatus).toContain(update.status);
    }
    for (const window of body.scheduled_maintenances) {
      expect(STATUSPAGE_ENUMS.maintenanceStatus).toContain(window.status);
      expect(window.impact).toBe('maintenance');
      for (const update of window.incident_updates)
        expect(STATUSPAGE_ENUMS.maintenanceStatus).toContain(update.status);
    }
  });

  it('describes the page: id, name, url, time zone, and updated_at with the offset of that zone', async () => {
    await setStatus('permits', 'degraded');
    const { page } = await summary();
    expect(page.id).toMatch(/^[a-z0-9]{12}$/);
    expect(page.time_zone).toBe('Europe/Copenhagen');
    // The status change was accepted at 20:00Z: 21:00 in Copenhagen in March.
    expect(page.updated_at).toBe('2030-03-14T21:00:00+01:00');
    expect(page.name).toBe('Statuskit');
    expect(page.url).toBe('/');
  });

  it('keeps updated_at still while nothing changes, also before the first status change', async () => {
    const first = (await summary()).page.updated_at;
    clock = new Date('2030-03-14T20:05:00Z');
    expect((await summary()).page.updated_at).toBe(first);
  });

  it('names the page and links from publicUrl when it is configured', async () => {
    await feed.close();
    feed = await startTestFeed({
      now: () => clock,
      configOverrides: { publicUrl: 'https://status.example.dk' },
    });
    await busyFeed();
    const body = await summary();
    expect(body.page.url).toBe('https://status.example.dk');
    expect(body.page.name).toBe('status.example.dk');
    expect(body.incidents[0]?.shortlink).toBe(
      'https://status.example.dk/api/v2/incidents.json#eid-down',
    );
  });

  it('turns an incident and its updates into Statuspage incident_updates, newest first', async () => {
    await busyFeed();
    const incident = (await summary('?lang=en')).incidents[0];
    expect(incident).toMatchObject({
      id: 'eid-down',
      name: 'MitID is down',
      status: 'monitoring',
      impact: 'major',
      created_at: '2030-03-14T21:00:00+01:00',
      monitoring_at: '2030-03-14T21:00:00+01:00',
      resolved_at: null,
    });
    expect(incident?.incident_updates.map((update) => [update.status, update.body])).toEqual([
      ['monitoring', 'We are monitoring.'],
      ['investigating', 'We are investigating.'],
    ]);
    expect(new Set(incident?.incident_updates.map((update) => update.id)).size).toBe(2);
    expect(incident?.incident_updates.every((update) => update.incident_id === 'eid-down')).toBe(
      true,
    );
    expect(incident?.components.map((component) => component.id)).toEqual(['eid']);
  });
});

describe('status mapping', () => {
  const levels: [string, string, string][] = [
    ['operational', 'operational', 'none'],
    ['unknown', 'degraded_performance', 'minor'],
    ['degraded', 'degraded_performance', 'minor'],
    ['partial_outage', 'partial_outage', 'major'],
    ['maintenance', 'under_maintenance', 'major'],
    ['major_outage', 'major_outage', 'critical'],
  ];
  for (const [ours, component, indicator] of levels) {
    it(`shows our "${ours}" as component status ${component} and page indicator ${indicator}`, async () => {
      if (ours !== 'operational') expect((await setStatus('permits', ours)).status).toBe(200);
      const body = await summary();
      expect(componentStatus(body, 'permits')).toBe(component);
      expect(body.status.indicator).toBe(indicator);
      const status = (await get('/api/v2/status.json')).json<Summary>().status;
      expect(status).toEqual(body.status);
    });
  }

  it("shows a dependency's outage as the experienced status of the services that depend on it", async () => {
    await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody({ id: 'eid-down' }),
    });
    const body = await summary();
    expect(componentStatus(body, 'eid')).toBe('major_outage');
    expect(componentStatus(body, 'login')).toBe('major_outage');
    expect(componentStatus(body, 'tax-return')).toBe('major_outage');
    expect(componentStatus(body, 'permits')).toBe('operational');
    expect(body.status).toEqual({ indicator: 'critical', description: 'Major System Outage' });
  });

  it('caps what an optional dependency passes on at degraded_performance', async () => {
    await setStatus('digital-post', 'major_outage', TOKENS.digst);
    const body = await summary();
    expect(componentStatus(body, 'digital-post')).toBe('major_outage');
    expect(componentStatus(body, 'tax-return')).toBe('degraded_performance');
  });

  it('shows maintenance in progress as under_maintenance without a write', async () => {
    await http(`${feed.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody({ id: 'later' }),
    });
    expect(componentStatus(await summary(), 'tax-return')).toBe('operational');
    clock = new Date('2030-03-14T21:30:00Z');
    expect(componentStatus(await summary(), 'tax-return')).toBe('under_maintenance');
  });
});

describe('the other /api/v2 endpoints', () => {
  it("each has the keys and types of Statuspage's answer at that path", async () => {
    await busyFeed();
    const real = statuspageFixture('summary.json');
    const pick = (...keys: string[]) => Object.fromEntries(keys.map((key) => [key, real[key]]));
    const expected: Record<string, Record<string, unknown>> = {
      'status.json': pick('page', 'status'),
      'components.json': pick('page', 'components'),
      'incidents.json': pick('page', 'incidents'),
      'incidents/unresolved.json': pick('page', 'incidents'),
      'scheduled-maintenances.json': pick('page', 'scheduled_maintenances'),
      'scheduled-maintenances/upcoming.json': pick('page', 'scheduled_maintenances'),
      'scheduled-maintenances/active.json': pick('page', 'scheduled_maintenances'),
    };
    for (const [path, shape] of Object.entries(expected)) {
      const res = await get(`/api/v2/${path}`);
      expect(res.status, path).toBe(200);
      const body = res.json();
      expect(Object.keys(body), path).toEqual(Object.keys(shape));
      expect(shapeDifferences(shape, body), path).toEqual([]);
      for (const list of ['incidents', 'scheduled_maintenances'])
        if (list in shape) expect((body[list] as unknown[]).length, path).toBeGreaterThan(0);
    }
  });

  it('components.json lists every service in catalogue order', async () => {
    const res = await get('/api/v2/components.json');
    const body = res.json<{ page: Page; components: Component[] }>();
    expect(Object.keys(body)).toEqual(['page', 'components']);
    expect(
      shapeDifferences(
        {
          page: statuspageFixture('summary.json')['page'],
          components: statuspageFixture('summary.json')['components'],
        },
        body,
      ),
    ).toEqual([]);
    expect(body.components.map((component) => [component.id, component.position])).toEqual([
      ['eid', 1],
      ['login', 2],
      ['digital-post', 3],
      ['tax-return', 4],
      ['permits', 5],
    ]);
  });

  it('incidents.json keeps resolved incidents of the live window; unresolved.json only open ones', async () => {
    await busyFeed();
    await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.tax,
      body: incidentBody({ id: 'old', services: ['permits'], impact: 'minor' }),
    });
    clock = new Date('2030-03-14T20:10:00Z');
    await http(`${feed.url}/v1/admin/incidents/old/updates`, {
      method: 'POST',
      token: TOKENS.tax,
      body: { state: 'resolved', message: { da: 'Løst.', en: 'Resolved.' } },
    });
    const all = (await get('/api/v2/incidents.json')).json<{ incidents: Incident[] }>();
    expect(all.incidents.map((incident) => incident.id).sort()).toEqual(['eid-down', 'old']);
    const old = all.incidents.find((incident) => incident.id === 'old');
    expect(old?.status).toBe('resolved');
    expect(old?.resolved_at).toBe('2030-03-14T21:10:00+01:00');
    const open = (await get('/api/v2/incidents/unresolved.json')).json<{ incidents: Incident[] }>();
    expect(open.incidents.map((incident) => incident.id)).toEqual(['eid-down']);
    const fixture = statuspageFixture('summary.json');
    expect(
      shapeDifferences({ page: fixture['page'], incidents: fixture['incidents'] }, all),
    ).toEqual([]);
  });

  it('scheduled-maintenances: all, upcoming (not started) and active (in progress)', async () => {
    await busyFeed();
    clock = new Date('2030-03-14T19:45:00Z');
    const list = async (path: string) =>
      (await get(`/api/v2/scheduled-maintenances${path}.json`))
        .json<{ scheduled_maintenances: Incident[] }>()
        .scheduled_maintenances.map((window) => `${window.id}:${window.status}`)
        .sort();
    expect(await list('')).toEqual(['later:scheduled', 'now:in_progress']);
    expect(await list('/upcoming')).toEqual(['later:scheduled']);
    expect(await list('/active')).toEqual(['now:in_progress']);
    const all = (await get('/api/v2/scheduled-maintenances.json')).json<{
      scheduled_maintenances: Incident[];
    }>();
    const later = all.scheduled_maintenances.find((window) => window.id === 'later');
    expect(later?.scheduled_for).toBe('2030-03-14T22:00:00+01:00');
    expect(later?.scheduled_until).toBe('2030-03-15T02:00:00+01:00');
    expect(later?.components.map((component) => component.id)).toEqual(['tax-return']);
    const fixture = statuspageFixture('summary.json');
    expect(
      shapeDifferences(
        { page: fixture['page'], scheduled_maintenances: fixture['scheduled_maintenances'] },
        all,
      ),
    ).toEqual([]);
  });

  it('leaves cancelled maintenance out, and shows completed maintenance as completed', async () => {
    await busyFeed();
    await http(`${feed.url}/v1/admin/maintenance/later`, {
      method: 'PATCH',
      token: TOKENS.tax,
      body: { state: 'cancelled' },
    });
    clock = new Date('2030-03-14T19:40:00Z');
    await http(`${feed.url}/v1/admin/maintenance/now`, {
      method: 'PATCH',
      token: TOKENS.tax,
      body: { state: 'completed' },
    });
    const all = (await get('/api/v2/scheduled-maintenances.json')).json<{
      scheduled_maintenances: Incident[];
    }>();
    expect(all.scheduled_maintenances.map((window) => `${window.id}:${window.status}`)).toEqual([
      'now:completed',
    ]);
    expect(all.scheduled_maintenances[0]?.resolved_at).toBe('2030-03-14T20:40:00+01:00');
    expect((await summary()).scheduled_maintenances).toEqual([]);
  });
});

describe('languages', () => {
  it("uses the config's default language, ?lang= for another, and falls back for a language without texts", async () => {
    await busyFeed();
    const danish = await summary();
    expect(danish.incidents[0]?.name).toBe('MitID er nede');
    expect(danish.components.find((component) => component.id === 'login')?.name).toBe('Log ind');
    const english = await summary('?lang=en');
    expect(english.incidents[0]?.name).toBe('MitID is down');
    expect(english.components.find((component) => component.id === 'login')?.name).toBe('Login');
    const french = await summary('?lang=fr');
    expect(french.incidents[0]?.name).toBe('MitID er nede');
  });

  it('answers 400 naming lang for something that is not a language tag', async () => {
    const res = await get('/api/v2/summary.json?lang=not_a+tag!');
    expect(res.status).toBe(400);
    expect(res.json<{ error: string }>().error).toMatch(/^lang: /);
  });
});

describe('HTTP behaviour of /api/v2', () => {
  it('answers any origin with Access-Control-Allow-Origin: * even when the config restricts origins', async () => {
    await feed.close();
    feed = await startTestFeed({
      now: () => clock,
      configOverrides: { cors: { origins: ['https://skat.example'] } },
    });
    const res = await get('/api/v2/summary.json', { origin: 'https://aggregator.example' });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const preflight = await http(`${feed.url}/api/v2/components.json`, {
      method: 'OPTIONS',
      headers: { origin: 'https://aggregator.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    // The feed's own endpoints keep the configured origins.
    const own = await get('/v1/status.json', { origin: 'https://aggregator.example' });
    expect(own.status).toBe(403);
  });

  it('answers HEAD without a body, and 304 to a matching If-None-Match until something changes', async () => {
    const head = await http(`${feed.url}/api/v2/summary.json`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    const etag = String(head.headers['etag']);
    expect(etag).toMatch(/^"\d+-[\w-]+"$/);
    const first = await get('/api/v2/summary.json');
    expect(first.headers['etag']).toBe(etag);
    expect(first.headers['cache-control']).toBe('public, max-age=5');
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await get('/api/v2/summary.json', { 'if-none-match': etag })).status).toBe(304);
    expect((await get('/api/v2/summary.json?lang=en', { 'if-none-match': etag })).status).toBe(200);
    await setStatus('permits', 'degraded');
    expect((await get('/api/v2/summary.json', { 'if-none-match': etag })).status).toBe(200);
  });

  it('answers 404 for paths that are not part of the API', async () => {
    for (const path of [
      '/api/v2/nothing.json',
      '/api/v2/incidents/eid-down.json',
      '/api/v2/scheduled-maintenances/past.json',
      '/api/v2/summary',
      '/api/v1/summary.json',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
    }
    expect(
      (await http(`${feed.url}/api/v2/summary.json`, { method: 'POST', body: {} })).status,
    ).toBe(405);
  });
});
