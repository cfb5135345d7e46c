// Issue 12, part 7: `GET /v1` links every public endpoint (it answered 404 while `npm start`
// printed it as the feed's address).
import { afterEach, describe, expect, it } from 'vitest';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http } from './helpers/http.js';

interface Discovery {
  links: Record<string, unknown> & { statuspage: Record<string, string> };
  services: { id: string; availability: string }[];
}

let feed: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

/** Every link in the document, templates filled in with a real service (and language). */
function allLinks(body: Discovery): string[] {
  const { statuspage, ...own } = body.links;
  return [
    ...Object.values(own).map((link) =>
      String(link).replace('{id}', 'eid').replace('{&lang}', '&lang=da'),
    ),
    ...Object.values(statuspage),
    ...body.services.map((service) => service.availability),
  ];
}

describe('GET /v1', () => {
  it('links every public endpoint with relative URLs when no publicUrl is configured, and each link answers', async () => {
    feed = await startTestFeed();
    const res = await http(`${feed.url}/v1`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = res.json<Discovery>();
    expect(body.links).toMatchObject({
      self: '/v1',
      status: '/v1/status.json',
      stream: '/v1/stream',
      maintenanceCalendar: '/v1/maintenance.ics',
      historyAtom: '/v1/history.atom',
      availability: '/v1/services/{id}/availability',
      healthz: '/healthz',
      metrics: '/metrics',
    });
    expect(body.links.statuspage).toEqual({
      summary: '/api/v2/summary.json',
      status: '/api/v2/status.json',
      components: '/api/v2/components.json',
      incidents: '/api/v2/incidents.json',
      incidentsUnresolved: '/api/v2/incidents/unresolved.json',
      scheduledMaintenances: '/api/v2/scheduled-maintenances.json',
      scheduledMaintenancesUpcoming: '/api/v2/scheduled-maintenances/upcoming.json',
      scheduledMaintenancesActive: '/api/v2/scheduled-maintenances/active.json',
    });
    expect(body.services.map((service) => service.id)).toEqual([
      'eid',
      'login',
      'digital-post',
      'tax-return',
      'permits',
    ]);
    for (const link of allLinks(body)) {
      // HEAD: the stream would otherwise stay open.
      const answer = await http(`${feed.url}${link}`, { method: 'HEAD' });
      expect(answer.status, link).toBe(200);
    }
  });

  it('makes links absolute from publicUrl, never from the Host header', async () => {
    feed = await startTestFeed({
      configOverrides: { publicUrl: 'https://status.example.dk/feed/' },
    });
    const res = await http(`${feed.url}/v1`, { headers: { host: 'attacker.example' } });
    const body = res.json<Discovery>();
    expect(body.links['self']).toBe('https://status.example.dk/feed/v1');
    expect(body.links.statuspage['summary']).toBe(
      'https://status.example.dk/feed/api/v2/summary.json',
    );
    expect(body.services[0]?.availability).toBe(
      'https://status.example.dk/feed/v1/services/eid/availability',
    );
    expect(res.text).not.toContain('attacker');
  });

  it('leaves /metrics out when it is served on a port of its own', async () => {
    feed = await startTestFeed({ metrics: { port: 0 } });
    const body = (await http(`${feed.url}/v1`)).json<Discovery>();
    expect(body.links['metrics']).toBeUndefined();
    expect((await http(`${feed.url}/metrics`)).status).toBe(404);
  });
});
