// Issue 14, part 2: GET /v1/admin/overview tells the operator what to know now: every service's
// own and experienced status with the cause chains, open incidents (monitoring's marked), the
// maintenance, and the warnings (notice period, maximum outage, missing translations).
import { afterEach, describe, expect, it } from 'vitest';
import { incidentBody, maintenanceBody, TOKENS } from '../helpers/fixtures.js';
import { configJson } from '../helpers/fixtures.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { http } from '../helpers/http.js';

let feed: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

/** tax-return declares a 5-day notice period and a 120-minute maximum single outage. */
async function start(): Promise<TestFeed> {
  const services = (configJson()['services'] as Record<string, unknown>[]).map((service) =>
    service['id'] === 'tax-return'
      ? {
          ...service,
          sla: { availabilityTarget: 99.5, noticePeriodDays: 5, maxOutageMinutes: 120 },
        }
      : service,
  );
  feed = await startTestFeed({
    now: () => new Date('2030-03-10T09:00:00Z'),
    configOverrides: { services },
  });
  return feed;
}

interface OverviewAnswer {
  revision: number;
  services: {
    service: { id: string };
    editable: boolean;
    ownStatus: string;
    experiencedStatus: string;
    causes: { service: string; status: string }[][];
  }[];
  incidents: { incident: { id: string }; editable: boolean; automatic: boolean }[];
  maintenance: { maintenance: { id: string }; editable: boolean; phase: string }[];
  scheduledAnnouncements: unknown[];
  warnings: Record<string, unknown>[];
}

describe('GET /v1/admin/overview', () => {
  it('gives every service its own and experienced status, with the cause chain, editable only for the own authority', async () => {
    const running = await start();
    const opened = await http(`${running.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody({ id: 'alert-eid-down' }),
    });
    expect(opened.status).toBe(201);

    const res = await http(`${running.url}/v1/admin/overview`, { token: TOKENS.tax });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const overview = res.json<OverviewAnswer>();
    expect(overview.revision).toBe(running.feed.store.revision);
    const taxReturn = overview.services.find((entry) => entry.service.id === 'tax-return');
    expect(taxReturn).toMatchObject({
      editable: true,
      ownStatus: 'operational',
      experiencedStatus: 'major_outage',
      causes: [
        [
          { service: 'tax-return', status: 'major_outage' },
          { service: 'login', status: 'major_outage' },
          { service: 'eid', status: 'major_outage' },
        ],
      ],
    });
    const eid = overview.services.find((entry) => entry.service.id === 'eid');
    expect(eid).toMatchObject({
      editable: false,
      ownStatus: 'operational',
      causes: [[{ service: 'eid', status: 'major_outage' }]],
    });
    expect(eid?.experiencedStatus).toBe('major_outage');
    expect(overview.incidents).toMatchObject([
      { incident: { id: 'alert-eid-down' }, editable: false, automatic: true },
    ]);
    expect(overview.scheduledAnnouncements).toEqual([]);
  });

  it('marks incidents a person opened as not automatic, and lists maintenance by phase', async () => {
    const running = await start();
    await http(`${running.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.tax,
      body: incidentBody({ id: 'slow-permits', services: ['permits'], impact: 'minor' }),
    });
    await http(`${running.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody({ id: 'spring' }),
    });
    await http(`${running.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody({
        id: 'now',
        services: ['permits'],
        scheduledStart: '2030-03-10T09:30:00+01:00',
        scheduledEnd: '2030-03-10T11:00:00+01:00',
      }),
    });
    const overview = (
      await http(`${running.url}/v1/admin/overview`, { token: TOKENS.tax })
    ).json<OverviewAnswer>();
    expect(overview.incidents).toMatchObject([
      { incident: { id: 'slow-permits' }, editable: true, automatic: false },
    ]);
    expect(
      overview.maintenance.map((entry) => [entry.maintenance.id, entry.phase, entry.editable]),
    ).toEqual([
      ['now', 'running', true],
      ['spring', 'upcoming', true],
    ]);
    expect(overview.services.find((entry) => entry.service.id === 'permits')).toMatchObject({
      experiencedStatus: 'maintenance',
      causes: [
        [{ service: 'permits', status: 'maintenance' }],
        [{ service: 'permits', status: 'degraded' }],
      ],
    });
  });

  it('warns of a notice period not met, a window longer than the maximum outage, and missing translations', async () => {
    const running = await start();
    await http(`${running.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody({
        id: 'rushed',
        title: { da: 'Hurtigt arbejde' },
        alternatives: [{ kind: 'phone', label: { da: 'Ring' }, href: 'tel:+4570000000' }],
        scheduledStart: '2030-03-12T22:00:00+01:00',
        scheduledEnd: '2030-03-13T02:00:00+01:00',
      }),
    });
    await http(`${running.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody({ id: 'eid-down', message: { da: 'Vi undersøger sagen.' } }),
    });
    const overview = (
      await http(`${running.url}/v1/admin/overview`, { token: TOKENS.digst })
    ).json<OverviewAnswer>();
    expect(overview.warnings).toEqual([
      {
        kind: 'notice-period',
        maintenance: 'rushed',
        service: 'tax-return',
        requiredDays: 5,
        givenDays: 2.5,
      },
      {
        kind: 'max-outage',
        maintenance: 'rushed',
        service: 'tax-return',
        maxMinutes: 120,
        plannedMinutes: 240,
      },
      {
        kind: 'missing-translation',
        entity: 'incident',
        id: 'eid-down',
        field: 'message',
        languages: ['en'],
      },
      // The opening message is the first update's too.
      {
        kind: 'missing-translation',
        entity: 'incident',
        id: 'eid-down',
        field: 'updates[0].message',
        languages: ['en'],
      },
      {
        kind: 'missing-translation',
        entity: 'maintenance',
        id: 'rushed',
        field: 'title',
        languages: ['en'],
      },
      {
        kind: 'missing-translation',
        entity: 'maintenance',
        id: 'rushed',
        field: 'alternatives[0].label',
        languages: ['en'],
      },
    ]);
  });

  it('refuses a request without a valid token (401)', async () => {
    const running = await start();
    const res = await http(`${running.url}/v1/admin/overview`, { token: 'not-a-token' });
    expect(res.status).toBe(401);
    expect(res.json()['error']).toBe('the admin token is not valid');
  });
});
