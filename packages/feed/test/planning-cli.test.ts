import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanReport } from '../src/planning/plan.js';
import { runCli } from './helpers/cli.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { TOKENS } from './helpers/fixtures.js';
import { http } from './helpers/http.js';

const GENERATOR = fileURLToPath(
  new URL('../../../scripts/generate-access-log.mjs', import.meta.url),
);

let dir: string;
let log: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'statuskit-plan-cli-'));
  log = join(dir, 'access.log.gz');
  await promisify(execFile)(process.execPath, [
    GENERATOR,
    ...['--size', '4m', '--weeks', '3', '--seed', '5', '--out', log],
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('statuskit-feed plan-window', () => {
  it('prints the quietest windows with their share of the busiest', async () => {
    const result = await runCli([
      'plan-window',
      ...['--log', log, '--duration', '2h', '--within', '7d', '--top', '3'],
      ...['--now', '2026-02-23T12:00:00+01:00'],
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Quietest 2 h windows from 2026-02-23 12:00 to 2026-03-02 12:00 (Europe/Copenhagen):',
    );
    expect(result.stdout).toMatch(/ {2}1 {2}Sun 2026-03-01 0[2-4]:00–0[4-6]:00 /);
    expect(result.stdout).toMatch(/malformed lines \(0\.\d\d %\), skipped/);
    expect(result.stdout).toContain('Busiest 2 h window: ');
  });

  it('prints JSON with --json', async () => {
    const result = await runCli([
      'plan-window',
      ...['--log', log, '--duration', '90m', '--json', '--time-zone', 'Europe/Copenhagen'],
      ...['--now', '2026-02-23T12:00:00+01:00', '--avoid', '2026-03-01'],
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as PlanReport;
    expect(report.durationMinutes).toBe(90);
    expect(report.avoid).toEqual(['2026-03-01']);
    expect(report.windows).toHaveLength(5);
    expect(report.windows[0]?.start).toMatch(/^2026-03-08T0[2-4]:00:00\+01:00$/);
    expect(report.input.files[0]?.gzip).toBe(true);
    expect(report.profile).toMatchObject({ statistic: 'median', weeks: 3 });
  });

  it('says what is wrong with the call', async () => {
    const noDuration = await runCli(['plan-window', '--log', log]);
    expect(noDuration.code).toBe(2);
    expect(noDuration.stderr).toContain('plan-window needs --duration');
    const badAvoid = await runCli([
      'plan-window',
      '--log',
      log,
      '--duration',
      '2h',
      '--avoid',
      '15-03-2026',
    ]);
    expect(badAvoid.code).toBe(2);
    expect(badAvoid.stderr).toContain('--avoid 15-03-2026 is not a date like 2026-03-15');
    const badZone = await runCli([
      'plan-window',
      '--log',
      log,
      '--duration',
      '2h',
      '--time-zone',
      'Mars/Olympus',
    ]);
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toContain('"Mars/Olympus" is not a time zone');
    const missing = await runCli([
      'plan-window',
      '--log',
      join(dir, 'nope.log'),
      '--duration',
      '2h',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `statuskit-feed: log file ${join(dir, 'nope.log')} does not exist or is not a file\n`,
    );
    const schedule = await runCli(['plan-window', '--log', log, '--duration', '2h', '--schedule']);
    expect(schedule.code).toBe(2);
    expect(schedule.stderr).toContain('--schedule needs --service');
  });
});

describe('statuskit-feed plan-window --schedule', () => {
  let feed: TestFeed;
  let tokenFile: string;
  beforeAll(async () => {
    // The feed's clock agrees with --now: it refuses windows that have already ended.
    feed = await startTestFeed({ now: () => new Date('2026-02-23T12:00:00+01:00') });
    tokenFile = join(dir, 'token');
    await writeFile(tokenFile, `${TOKENS.tax}\n`);
  });
  afterAll(async () => {
    await feed.close();
  });

  const schedule = (now: string, ...extra: string[]): ReturnType<typeof runCli> =>
    runCli([
      'plan-window',
      ...['--log', log, '--duration', '2h', '--within', '7d', '--now', now],
      ...[
        '--schedule',
        '--service',
        'tax-return',
        '--feed',
        `${feed.url}/v1`,
        '--token-file',
        tokenFile,
      ],
      ...extra,
    ]);

  it('announces the quietest window through the admin API', async () => {
    const result = await schedule(
      '2026-02-23T12:00:00+01:00',
      '--title-en',
      'Upgrade',
      '--title-da',
      'Opgradering',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const id = /Announced (mnt-\S+) for "tax-return"/.exec(result.stdout)?.[1];
    expect(id).toBeDefined();
    const status = (await http(`${feed.url}/v1/status.json`)).json<{
      document: {
        maintenance: { id: string; title: unknown; scheduledStart: string; services: string[] }[];
      };
    }>();
    const window = status.document.maintenance.find((entry) => entry.id === id);
    expect(window).toMatchObject({
      services: ['tax-return'],
      title: { da: 'Opgradering', en: 'Upgrade' },
    });
    expect(window?.scheduledStart).toMatch(/^2026-03-01T0[2-4]:00:00\+01:00$/);
  });

  it('warns when the window is closer than the declared notice period, and names one that is not', async () => {
    const result = await schedule('2026-02-26T12:00:00+01:00', '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^statuskit-feed: warning: the quietest window \(Sun 2026-03-01 0\d:00–0\d:00\) is announced 2\.\d days ahead, but "tax-return" declares a notice period of 5 days \(sla\.noticePeriodDays\); the quietest window that respects it is /,
    );
    const output = JSON.parse(result.stdout) as {
      scheduled: { maintenance: { id: string }; warning: string };
    };
    expect(output.scheduled.maintenance.id).toMatch(/^mnt-/);
    expect(output.scheduled.warning).toContain('notice period of 5 days');
  });

  it('reports a refusal by the feed as one sentence', async () => {
    const wrongOwner = await runCli([
      'plan-window',
      ...['--log', log, '--duration', '2h', '--now', '2026-02-23T12:00:00+01:00'],
      ...['--schedule', '--service', 'eid', '--feed', `${feed.url}/v1`, '--token-file', tokenFile],
    ]);
    expect(wrongOwner.code).toBe(1);
    expect(wrongOwner.stderr).toMatch(
      /^statuskit-feed: the feed refused the maintenance \(403\): /,
    );
    const unknown = await schedule('2026-02-23T12:00:00+01:00', '--service', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('statuskit-feed: the feed has no service "nope"\n');
  });
});

describe('scripts/generate-access-log.mjs', () => {
  /** Runs the generator to completion; a non-zero exit resolves too, with its code. */
  const run = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, [GENERATOR, ...args], (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      });
    });

  it('prints its usage with --help and exits 0', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: node scripts\/generate-access-log\.mjs --out FILE/);
    expect(result.stdout).toContain('--quiet "Sun 02-06"');
  });

  it('explains an unknown option in one line and the usage, exit 2', async () => {
    const result = await run('--frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^generate-access-log: Unknown option '--frobnicate'\n\nUsage:/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
