import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUsage } from '../src/planning/access-log.js';
import { planWindows } from '../src/planning/plan.js';
import { buildProfile, type UsageProfile } from '../src/planning/usage-profile.js';
import { profileLoad, proposeWindows, wholeHours, windowLoad } from '../src/planning/windows.js';
import { DAY_MS, HOUR_MS, TimeZone } from '../src/planning/zoned-time.js';

const CPH = new TimeZone('Europe/Copenhagen');
const GENERATOR = fileURLToPath(
  new URL('../../../scripts/generate-access-log.mjs', import.meta.url),
);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number): string => String(value).padStart(2, '0');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'statuskit-windows-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `[dd/Mon/yyyy:HH:MM:SS ±hhmm]` of an instant, written with a fixed or the zone's offset. */
function clfTime(instant: number, zone?: TimeZone): string {
  const offset = zone ? zone.offsetMs(instant) : 0;
  const wall = new Date(instant + offset);
  const minutes = offset / 60_000;
  return (
    `${pad(wall.getUTCDate())}/${MONTHS[wall.getUTCMonth()] ?? ''}/${wall.getUTCFullYear()}:` +
    `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())} ` +
    `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`
  );
}

/**
 * A log from `from` to `to` with `visitorsIn(instant)` distinct visitors each real hour, one
 * request each, ten minutes into the hour; written in UTC or in the zone's own offsets.
 */
async function writeLog(
  name: string,
  from: number,
  to: number,
  visitorsIn: (hourStart: number) => number,
  writtenIn?: TimeZone,
): Promise<string> {
  const lines: string[] = [];
  for (let hour = from; hour < to; hour += HOUR_MS) {
    const count = visitorsIn(hour);
    for (let i = 0; i < count; i += 1) {
      const ip = `10.${(hour / HOUR_MS) % 250}.${i >> 8}.${i & 255}`;
      lines.push(`${ip} - - [${clfTime(hour + 600_000 + i, writtenIn)}] "GET / HTTP/1.1" 200 512`);
    }
  }
  const file = join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/** 10 visitors an hour, except 1 from 03:00 to 05:00 local time every night. */
const nightly = (hourStart: number): number => {
  const { hour } = CPH.local(hourStart);
  return hour >= 3 && hour < 5 ? 1 : 10;
};

async function profileOf(file: string): Promise<UsageProfile> {
  return buildProfile(await readUsage([file], { timeZone: CPH }));
}

describe('time zone arithmetic', () => {
  it('turns local times into instants across daylight-saving nights', () => {
    // Spring: 02:30 does not exist and becomes 03:30 CEST; autumn: 02:30 is the first one.
    expect(new Date(CPH.instant(2026, 3, 29, 2, 30)).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(new Date(CPH.instant(2026, 10, 25, 2, 30)).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    const spring = CPH.instant(2026, 3, 29);
    const autumn = CPH.instant(2026, 10, 25);
    expect(CPH.nextDay(spring) - spring).toBe(23 * HOUR_MS);
    expect(CPH.nextDay(autumn) - autumn).toBe(25 * HOUR_MS);
    expect(CPH.iso(Date.parse('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00+01:00');
  });
});

describe('usage profile and window proposals', () => {
  it('finds the known quiet window in a generated log (mixed formats, bots, malformed lines)', async () => {
    const file = join(dir, 'generated.log');
    await promisify(execFile)(process.execPath, [
      GENERATOR,
      ...['--size', '6m', '--weeks', '3', '--seed', '7', '--format', 'mixed', '--out', file],
    ]);
    const { report } = await planWindows({
      logs: [file],
      durationMs: 2 * HOUR_MS,
      withinMs: 14 * DAY_MS,
      timeZone: 'Europe/Copenhagen',
      avoid: ['2026-03-01'],
      top: 2,
      now: Date.parse('2026-02-23T12:00:00+01:00'),
    });
    expect(report.input.malformed).toBeGreaterThan(0);
    expect(report.input.bots).toBeGreaterThan(0);
    expect(report.profile.weeks).toBe(3);
    // The generator's quiet window is Sunday 02:00–06:00; 1 March is avoided.
    expect(report.windows.map((window) => window.local.slice(0, 3))).toEqual(['Sun', 'Sun']);
    for (const window of report.windows) {
      expect(window.start.slice(0, 10)).toBe('2026-03-08');
      expect(Number(window.start.slice(11, 13))).toBeGreaterThanOrEqual(2);
      expect(Number(window.end.slice(11, 13))).toBeLessThanOrEqual(6);
      expect(window.percentOfBusiest).toBeLessThan(5);
    }
    expect(report.busiest?.local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) /);
  });

  it('gives the same plan for the gzipped log', async () => {
    const plain = join(dir, 'same.log');
    const packed = join(dir, 'same.log.gz');
    const args = ['--size', '2m', '--weeks', '2', '--seed', '3'];
    await promisify(execFile)(process.execPath, [GENERATOR, ...args, '--out', plain]);
    await promisify(execFile)(process.execPath, [GENERATOR, ...args, '--out', packed]);
    const options = {
      durationMs: 3 * HOUR_MS,
      withinMs: 7 * DAY_MS,
      timeZone: 'Europe/Copenhagen',
      now: Date.parse('2026-02-16T00:00:00+01:00'),
    };
    const a = await planWindows({ ...options, logs: [plain] });
    const b = await planWindows({ ...options, logs: [packed] });
    expect(b.report.input.files[0]?.gzip).toBe(true);
    expect(b.report.windows).toEqual(a.report.windows);
    expect(b.report.input.requests).toBe(a.report.input.requests);
  });

  it('uses the median per hour of the week, so one unusual week does not move it', async () => {
    const from = CPH.instant(2026, 2, 2);
    const storm = CPH.instant(2026, 2, 17, 3); // Tuesday of week 3, 03:00
    const file = await writeLog('storm.log', from, from + 28 * DAY_MS, (hour) =>
      hour === storm ? 500 : nightly(hour),
    );
    const profile = await profileOf(file);
    expect(profile.weeks).toBe(4);
    const tuesday3 = 1 * 24 + 3;
    expect(profile.hours[tuesday3]?.visitors).toBe(1);
    expect(profile.hours[tuesday3 - 1]?.visitors).toBe(10);
  });

  it('profiles October logs written in UTC by local hour, across the change to winter time', async () => {
    const from = CPH.instant(2026, 10, 12);
    const to = CPH.instant(2026, 11, 2);
    const profile = await profileOf(await writeLog('october-utc.log', from, to, nightly));
    expect(profile.weeks).toBe(3);
    for (let day = 0; day < 7; day += 1) {
      expect(profile.hours.slice(day * 24, day * 24 + 24).map((hour) => hour.visitors)).toEqual(
        Array.from({ length: 24 }, (_, hour) => (hour === 3 || hour === 4 ? 1 : 10)),
      );
    }

    // The night of 25 October has 25 hours, two of them 02:00.
    const night = wholeHours(CPH, CPH.instant(2026, 10, 25), CPH.instant(2026, 10, 26));
    expect(night).toHaveLength(25);
    expect(night.filter((hour) => CPH.clock(hour) === '02:00')).toHaveLength(2);

    const load = profileLoad(profile);
    const acrossChange = windowLoad(
      CPH,
      load,
      CPH.instant(2026, 10, 25, 1),
      CPH.instant(2026, 10, 25, 1) + 2 * HOUR_MS,
    );
    expect(CPH.span(acrossChange.start, acrossChange.end)).toBe('Sun 2026-10-25 01:00–02:00');
    expect(acrossChange.crossesDaylightSavingChange).toBe(true);
    expect(acrossChange.end - acrossChange.start).toBe(2 * HOUR_MS);
    expect(acrossChange.visitors).toBe(20);

    const plan = proposeWindows({
      zone: CPH,
      load,
      from: Date.parse('2026-10-24T12:00:00+02:00'),
      to: Date.parse('2026-10-26T12:00:00+01:00'),
      durationMs: 2 * HOUR_MS,
      top: 2,
    });
    expect(
      plan.windows.map((window) => [CPH.iso(window.start), CPH.iso(window.end), window.visitors]),
    ).toEqual([
      ['2026-10-25T03:00:00+01:00', '2026-10-25T05:00:00+01:00', 2],
      ['2026-10-26T03:00:00+01:00', '2026-10-26T05:00:00+01:00', 2],
    ]);
  });

  it('profiles March logs with local offsets, across the change to summer time', async () => {
    const from = CPH.instant(2026, 3, 16);
    const to = CPH.instant(2026, 4, 6);
    const profile = await profileOf(await writeLog('march-local.log', from, to, nightly, CPH));
    expect(profile.weeks).toBe(3);
    const sunday = 6 * 24;
    expect(profile.hours.slice(sunday, sunday + 6).map((hour) => hour.visitors)).toEqual([
      10, 10, 10, 1, 1, 10,
    ]);

    // No 02:00 on 29 March; a 2-hour window from 01:00 ends at 04:00 summer time.
    const night = wholeHours(CPH, CPH.instant(2026, 3, 29), CPH.instant(2026, 3, 30));
    expect(night).toHaveLength(23);
    expect(night.map((hour) => CPH.clock(hour))).not.toContain('02:00');
    const load = profileLoad(profile);
    const start = CPH.instant(2026, 3, 29, 1);
    const window = windowLoad(CPH, load, start, start + 2 * HOUR_MS);
    expect(CPH.span(window.start, window.end)).toBe('Sun 2026-03-29 01:00–04:00');
    expect(window.crossesDaylightSavingChange).toBe(true);
    expect(window.visitors).toBe(11);

    const plan = proposeWindows({
      zone: CPH,
      load,
      from: Date.parse('2026-03-28T12:00:00+01:00'),
      to: Date.parse('2026-03-29T12:00:00+02:00'),
      durationMs: 2 * HOUR_MS,
      top: 1,
    });
    expect(plan.windows.map((w) => CPH.span(w.start, w.end))).toEqual([
      'Sun 2026-03-29 03:00–05:00',
    ]);
  });

  it('skips avoided dates and never proposes overlapping windows', () => {
    const flat: UsageProfile = {
      timeZone: CPH,
      hours: Array.from({ length: 168 }, (_, slot) => ({
        visitors: slot % 24 === 4 ? 1 : 50,
        requests: 100,
      })),
      observations: Array.from({ length: 168 }, () => 1),
      weeks: 1,
      observedHours: 168,
      filledHours: 0,
    };
    const plan = proposeWindows({
      zone: CPH,
      load: profileLoad(flat),
      from: Date.parse('2026-03-10T00:00:00+01:00'),
      to: Date.parse('2026-03-14T00:00:00+01:00'),
      durationMs: 2 * HOUR_MS,
      avoid: new Set(['2026-03-11']),
      top: 4,
    });
    const starts = plan.windows.map((window) => CPH.iso(window.start));
    expect(starts).toEqual([
      '2026-03-10T03:00:00+01:00',
      '2026-03-12T03:00:00+01:00',
      '2026-03-13T03:00:00+01:00',
      '2026-03-10T00:00:00+01:00',
    ]);
    // Every start on the 11th, and 23:00 on the 10th, which runs into it.
    expect(plan.avoided).toBe(24 + 1);
    expect(plan.busiest?.visitors).toBe(100);
  });
});
