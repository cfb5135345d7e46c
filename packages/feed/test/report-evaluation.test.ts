import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { catalogueFromConfig } from '../src/report/history.js';
import { buildReport } from '../src/report/report.js';
import type { Report } from '../src/report/evaluation.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/report-journal/', import.meta.url));
const DATA = join(FIXTURE, 'data');
const CONFIG = join(FIXTURE, 'statuskit.config.json');
const GENERATOR = fileURLToPath(
  new URL('../../../scripts/generate-access-log.mjs', import.meta.url),
);
const NOW = Date.parse('2026-03-01T00:00:00Z');

const january = (
  extra: Partial<Parameters<typeof buildReport>[0]> = {},
): Promise<{ report: Report }> =>
  buildReport({
    dataDir: DATA,
    configPath: CONFIG,
    from: '2026-01-01',
    to: '2026-01-31',
    now: NOW,
    ...extra,
  });

function service(report: Report, id: string): Report['services'][number] {
  const found = report.services.find((entry) => entry.id === id);
  if (!found) throw new Error(`no ${id} in the report`);
  return found;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'statuskit-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report figures from a hand-computed journal (see fixtures/report-journal/README.md)', () => {
  it('reads the archive segment and the active journal as one history', async () => {
    const { report } = await january();
    expect(report.source).toMatchObject({
      catalogue: 'config',
      firstRevision: 1,
      lastRevision: 14,
      historyFrom: '2025-12-31T23:00:00.000Z',
    });
    expect(report.period).toEqual({
      from: '2026-01-01T00:00:00+01:00',
      to: '2026-02-01T00:00:00+01:00',
      timeZone: 'Europe/Copenhagen',
    });
  });

  it('measures availability as users met it, with and without planned maintenance', async () => {
    const { report } = await january();
    expect(service(report, 'tax-return')).toMatchObject({
      observedMinutes: 44_640,
      unavailableMinutes: 325,
      plannedMinutes: 175,
      unplannedMinutes: 150,
      impairedMinutes: 120,
      availability: 99.271,
      availabilityExcludingPlanned: 99.662,
      target: 99.5,
      verdict: 'met',
      longestOutage: {
        start: '2026-01-10T09:00:00+01:00',
        end: '2026-01-10T10:30:00+01:00',
        minutes: 90,
      },
      maxOutageMinutes: 60,
      longestOutageVerdict: 'exceeded',
      incidents: ['inc-a', 'inc-b'],
      maintenance: ['mnt-1', 'mnt-2'],
    });
    expect(service(report, 'login')).toMatchObject({
      unavailableMinutes: 165,
      plannedMinutes: 55,
      unplannedMinutes: 110,
      availability: 99.63,
      availabilityExcludingPlanned: 99.753,
      verdict: 'not met',
      longestOutageVerdict: 'no maximum declared',
    });
    expect(service(report, 'eid')).toMatchObject({
      unplannedMinutes: 110,
      availability: 99.753,
      verdict: 'no target declared',
    });
    expect(service(report, 'permits')).toMatchObject({ availability: 100, incidents: [] });
  });

  it('evaluates notice, punctuality and alternatives of each maintenance', async () => {
    const { report } = await january();
    expect(report.maintenance).toHaveLength(2);
    expect(report.maintenance[0]).toMatchObject({
      id: 'mnt-1',
      leadTimeDays: 8.4,
      noticePeriodDays: 5,
      noticeVerdict: 'met',
      startDelayMinutes: 5,
      endDeltaMinutes: 40,
      overrunMinutes: 40,
      alternatives: { beforeStart: true, kinds: ['phone'], sources: ['service:tax-return'] },
      services: { direct: ['tax-return'], throughDependencies: [] },
    });
    expect(report.maintenance[1]).toMatchObject({
      id: 'mnt-2',
      leadTimeDays: 1.5,
      noticePeriodDays: 3,
      noticeVerdict: 'short',
      startDelayMinutes: 0,
      endDeltaMinutes: -5,
      overrunMinutes: 0,
      alternatives: {
        beforeStart: true,
        kinds: ['paper', 'phone'],
        sources: ['maintenance', 'service:tax-return'],
      },
      services: {
        direct: ['login'],
        throughDependencies: [{ service: 'tax-return', chain: 'tax-return ← login' }],
      },
    });
  });

  it('evaluates how openly and how often each incident was communicated', async () => {
    const { report } = await january();
    expect(report.incidents.map((incident) => incident.id)).toEqual(['inc-a', 'inc-b']);
    expect(report.incidents[0]).toMatchObject({
      publishedAfterMinutes: 10,
      firstUpdateAfterMinutes: 40,
      durationMinutes: 100,
      updates: 3,
      medianUpdateGapMinutes: 50,
      ongoing: false,
      services: {
        direct: ['eid'],
        throughDependencies: [
          { service: 'login', chain: 'login ← eid' },
          { service: 'tax-return', chain: 'tax-return ← login ← eid' },
        ],
      },
    });
    expect(report.incidents[1]).toMatchObject({
      firstUpdateAfterMinutes: 120,
      durationMinutes: 120,
      updates: 2,
      medianUpdateGapMinutes: 120,
    });
  });

  it('narrows everything to one service and what reaches it', async () => {
    const { report } = await january({ service: 'login' });
    expect(report.services.map((entry) => entry.id)).toEqual(['login']);
    expect(report.maintenance.map((entry) => entry.id)).toEqual(['mnt-2']);
    expect(report.incidents.map((entry) => entry.id)).toEqual(['inc-a']);
  });

  it('reports an open incident as ongoing and measures nothing after now', async () => {
    const { report } = await buildReport({
      dataDir: DATA,
      configPath: CONFIG,
      from: '2026-02-01',
      to: '2026-02-28',
      now: Date.parse('2026-02-03T11:00:00Z'),
    });
    expect(report.incidents).toMatchObject([
      { id: 'inc-e', ongoing: true, durationMinutes: null, firstUpdateAfterMinutes: null },
    ]);
    // 1 February 00:00 local to now (2 days 12 hours); inc-e (major) impairs permits for 2 hours.
    expect(service(report, 'permits')).toMatchObject({
      observedMinutes: 3600,
      impairedMinutes: 120,
      availability: 100,
    });
  });

  it('takes the catalogue from snapshot.json when no config is given, statuses reset', async () => {
    const data = join(dir, 'with-snapshot');
    await cp(DATA, data, { recursive: true });
    const document = catalogueFromConfig(parseConfig(await readFile(CONFIG, 'utf8'), CONFIG));
    const services = document.services.map((entry) => ({ ...entry, status: 'major_outage' }));
    await writeFile(
      join(data, 'snapshot.json'),
      JSON.stringify({
        format: 1,
        revision: 14,
        time: '2026-02-03T09:00:00Z',
        document: { ...document, services },
      }),
    );
    const { report } = await buildReport({
      dataDir: data,
      from: '2026-01-01',
      to: '2026-01-31',
      now: NOW,
    });
    expect(report.source.catalogue).toBe('snapshot');
    expect(service(report, 'tax-return')).toMatchObject({
      availability: 99.271,
      availabilityExcludingPlanned: 99.662,
    });
  });

  it('compares each maintenance window with the quietest one of its week when given logs', async () => {
    const log = join(dir, 'january.log');
    await promisify(execFile)(process.execPath, [
      GENERATOR,
      ...['--size', '12m', '--weeks', '3', '--start', '2026-01-05', '--seed', '11', '--out', log],
    ]);
    const { report } = await january({ logs: [log] });
    const usage = report.maintenance[0]?.usage;
    expect(usage?.source).toBe('log');
    // The generator's quiet window is Sunday 02:00–06:00: 25 January in that week.
    expect(usage?.quietest.start).toMatch(/^2026-01-25T0[2-4]:00:00\+01:00$/);
    expect(usage?.visitors).toBeGreaterThan((usage?.quietest.visitors ?? 0) + 5);
    // mnt-2 (27 January) is in the week after the log: the typical week stands in.
    expect(report.maintenance[1]?.usage?.source).toBe('typical week');
  });
});
