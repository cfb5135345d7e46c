import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { startFeedServer, type FeedServer } from '../src/server.js';
import { incidentBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, tempDir } from './helpers/feed.js';
import { http } from './helpers/http.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/report-journal/', import.meta.url));
/** Noon on 1 February in Copenhagen: the fixture journal's January lies behind it. */
const NOW = new Date('2026-02-01T11:00:00Z');

interface Day {
  date: string;
  availability: number | null;
  availabilityExcludingPlanned: number | null;
  observedMinutes: number;
  unavailableMinutes: number;
  plannedMinutes: number;
  unplannedMinutes: number;
  impairedMinutes: number;
  worst: string | null;
  incidents: string[];
  maintenance: string[];
}
interface Availability {
  service: string;
  timeZone: string;
  days: number;
  from: string;
  sla: Record<string, unknown> | null;
  historySince: string | null;
  summary: Record<string, unknown>;
  daily: Day[];
  incidents: { id: string; title: Record<string, string> }[];
  maintenance: { id: string; scheduledStart: string }[];
}

let feed: FeedServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = await tempDir('statuskit-availability-');
  await cp(join(FIXTURE, 'data'), dataDir, { recursive: true });
  const configPath = join(FIXTURE, 'statuskit.config.json');
  const config = parseConfig(await readFile(configPath, 'utf8'), configPath);
  feed = await startFeedServer({ config, dataDir, port: 0, log: silentLogger, now: () => NOW });
});
afterAll(async () => {
  await feed.close();
  await rm(dataDir, { recursive: true, force: true });
});

const get = (path: string): ReturnType<typeof http> => http(`${feed.url}${path}`);

describe('GET /v1/services/{id}/availability', () => {
  it('gives daily experienced availability in the service time zone, from the journal history', async () => {
    const response = await get('/v1/services/tax-return/availability?days=32');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const body = response.json<Availability>();
    expect(body).toMatchObject({
      service: 'tax-return',
      timeZone: 'Europe/Copenhagen',
      days: 32,
      from: '2026-01-01T00:00:00+01:00',
      historySince: '2025-12-31T23:00:00.000Z',
      sla: { availabilityTarget: 99.5, maxOutageMinutes: 60, noticePeriodDays: 5 },
    });
    expect(body.daily).toHaveLength(32);
    const day = (date: string): Day | undefined => body.daily.find((entry) => entry.date === date);
    expect(day('2026-01-01')).toMatchObject({
      availability: 100,
      observedMinutes: 1440,
      worst: 'operational',
    });
    expect(day('2026-01-10')).toMatchObject({
      availability: 93.75,
      unplannedMinutes: 90,
      worst: 'major_outage',
      incidents: ['inc-a'],
    });
    // mnt-1: 22:00–24:00 local inside its window, then a 40-minute overrun after midnight.
    expect(day('2026-01-20')).toMatchObject({
      availability: 91.666,
      availabilityExcludingPlanned: 100,
      plannedMinutes: 120,
      maintenance: ['mnt-1'],
    });
    expect(day('2026-01-21')).toMatchObject({
      availability: 97.222,
      unplannedMinutes: 40,
      maintenance: ['mnt-1'],
    });
    expect(day('2026-01-27')).toMatchObject({ plannedMinutes: 55, maintenance: ['mnt-2'] });
    expect(day('2026-01-28')).toMatchObject({
      availability: 100,
      impairedMinutes: 120,
      worst: 'degraded',
      incidents: ['inc-b'],
    });
    expect(day('2026-02-01')).toMatchObject({ observedMinutes: 720, availability: 100 });
    expect(body.summary).toMatchObject({
      observedMinutes: 45_360,
      unavailableMinutes: 325,
      availability: 99.283,
      availabilityExcludingPlanned: 99.668,
      verdict: 'met',
      longestOutage: { minutes: 90, start: '2026-01-10T09:00:00+01:00' },
    });
    expect(body.incidents.map((incident) => [incident.id, incident.title['en']])).toEqual([
      ['inc-a', 'MitID is down'],
      ['inc-b', 'Slow receipts'],
    ]);
    expect(body.maintenance.map((window) => window.id)).toEqual(['mnt-1', 'mnt-2']);
  });

  it('defaults to 90 days and leaves days before the history without figures', async () => {
    const body = (await get('/v1/services/login/availability')).json<Availability>();
    expect(body.days).toBe(90);
    expect(body.daily).toHaveLength(90);
    expect(body.daily[0]).toMatchObject({
      date: '2025-11-04',
      availability: null,
      observedMinutes: 0,
    });
    expect(body.summary).toMatchObject({ verdict: 'not met' });
  });

  it('answers the same body from its cache', async () => {
    const first = await get('/v1/services/eid/availability?days=7');
    const second = await get('/v1/services/eid/availability?days=7');
    expect(second.text).toBe(first.text);
    expect(first.json<Availability>().summary).toMatchObject({ verdict: 'no target declared' });
  });

  it('refuses an unknown service and a bad number of days', async () => {
    const unknown = await get('/v1/services/nope/availability');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toEqual({ error: 'no service "nope" in this feed' });
    for (const days of ['0', '367', 'abc', '1.5', '-3', '']) {
      const response = await get(`/v1/services/login/availability?days=${days}`);
      expect(response.status, `days=${days}`).toBe(400);
      expect(response.json().error).toMatch(/^days: must be a whole number from 1 to 366/);
    }
    expect((await get('/v1/services/login/availability?days=366')).status).toBe(200);
  });
});

describe('availability of a live feed', () => {
  it('follows accepted changes through the store subscription', async () => {
    const live = await startTestFeed();
    try {
      const path = `${live.url}/v1/services/login/availability?days=1`;
      const before = (await http(path)).json<Availability>();
      expect(before.incidents).toEqual([]);
      const created = await http(`${live.url}/v1/admin/incidents`, {
        method: 'POST',
        token: TOKENS.digst,
        body: incidentBody({ id: 'eid-down' }),
      });
      expect(created.status).toBe(201);
      const after = (await http(path)).json<Availability>();
      expect(after.incidents.map((incident) => incident.id)).toEqual(['eid-down']);
      expect(after.daily[0]?.incidents).toEqual(['eid-down']);
    } finally {
      await live.close();
    }
  });
});
