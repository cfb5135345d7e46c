import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import type { Report } from '../src/report/evaluation.js';
import { formatMarkdown } from '../src/report/markdown.js';
import { buildReport } from '../src/report/report.js';
import { startFeedServer } from '../src/server.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/feed.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/report-journal/', import.meta.url));
const DATA = join(FIXTURE, 'data');
const CONFIG = join(FIXTURE, 'statuskit.config.json');
const JANUARY = ['--from', '2026-01-01', '--to', '2026-01-31', '--now', '2026-03-01T00:00:00Z'];

describe('statuskit-feed report', () => {
  it('prints Markdown tables an authority can read as they are', async () => {
    const result = await runCli(['report', '--data', DATA, '--config', CONFIG, ...JANUARY]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('# Outage evaluation 2026-01-01 to 2026-01-31');
    expect(lines).toContain(
      '| Tax return (tax-return) | 99.271 % | 99.662 % | 99.5 % | **met** | 2 h 30 min | 2 h 55 min | 2 h | 1 h 30 min from 2026-01-10 09:00 | 1 h: exceeded |',
    );
    expect(lines).toContain(
      '| Login (login) | 99.630 % | 99.753 % | 99.9 % | **not met** | 1 h 50 min | 55 min | 0 min | 1 h 30 min from 2026-01-10 09:00 | – |',
    );
    expect(lines).toContain(
      '| mnt-2: New certificate | login | tax-return ← login | 2026-01-25 13:00 | 1.5 d | 3 d: short | Tue 2026-01-27 03:00–04:00 | Tue 2026-01-27 03:00–03:55 | none (ended 5 min early) | yes (paper, phone) |',
    );
    expect(lines).toContain(
      '| inc-a: MitID is down | critical | 2026-01-10 08:50 | 10 min | 40 min | 1 h 40 min | 3 | 50 min | eid | login ← eid; tax-return ← login ← eid |',
    );
    expect(result.stdout).toContain('## Definitions');
  });

  it('prints JSON with --format json, in Danish titles with --lang da for Markdown', async () => {
    const json = await runCli([
      'report',
      '--data',
      DATA,
      '--config',
      CONFIG,
      ...JANUARY,
      '--format',
      'json',
    ]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.services.find((service) => service.id === 'tax-return')?.availability).toBe(
      99.271,
    );
    expect(report.maintenance.map((entry) => entry.overrunMinutes)).toEqual([40, 0]);
    const danish = await runCli([
      'report',
      '--data',
      DATA,
      '--config',
      CONFIG,
      ...JANUARY,
      '--lang',
      'da',
    ]);
    expect(danish.stdout).toContain('| Selvangivelse (tax-return) |');
  });

  it('reads the journal while a running feed holds the data directory', async () => {
    const dataDir = await tempDir('statuskit-report-live-');
    await cp(DATA, dataDir, { recursive: true });
    const config = parseConfig(await readFile(CONFIG, 'utf8'), CONFIG);
    const feed = await startFeedServer({ config, dataDir, port: 0, log: silentLogger });
    try {
      expect((await stat(join(dataDir, 'statuskit.lock'))).isFile()).toBe(true);
      // No --config: the catalogue comes from snapshot.json.
      const result = await runCli(['report', '--data', dataDir, ...JANUARY, '--format', 'json']);
      expect(result.stderr).toBe('');
      const report = JSON.parse(result.stdout) as Report;
      expect(report.source.catalogue).toBe('snapshot');
      expect(report.services.find((service) => service.id === 'tax-return')).toMatchObject({
        availability: 99.271,
        availabilityExcludingPlanned: 99.662,
      });
    } finally {
      await feed.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('says what is wrong with the call', async () => {
    const noPeriod = await runCli(['report', '--data', DATA]);
    expect(noPeriod.code).toBe(2);
    expect(noPeriod.stderr).toContain('report needs --from and --to');
    const badFormat = await runCli(['report', '--data', DATA, ...JANUARY, '--format', 'pdf']);
    expect(badFormat.code).toBe(2);
    const badDate = await runCli([
      'report',
      '--data',
      DATA,
      '--from',
      '2026-13-01',
      '--to',
      '2026-01-31',
    ]);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('--from 2026-13-01 is not a date');
    const noData = await runCli(['report', '--data', join(FIXTURE, 'nope'), ...JANUARY]);
    expect(noData.code).toBe(1);
    expect(noData.stderr).toContain('does not exist or is not a directory');
    const unknown = await runCli(['report', '--data', DATA, ...JANUARY, '--service', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('statuskit-feed: no service "nope" in the snapshot\n');
  });
});

describe('the report time zone without --config', () => {
  /** The fixture journal as a feed that never compacted leaves it: one journal, no snapshot. */
  async function youngDataDir(): Promise<string> {
    const dataDir = await tempDir('statuskit-report-young-');
    const archived = await readFile(
      join(DATA, 'archive', 'journal-000000000001-000000000004.jsonl'),
      'utf8',
    );
    await writeFile(
      join(dataDir, 'journal.jsonl'),
      archived + (await readFile(join(DATA, 'journal.jsonl'), 'utf8')),
    );
    return dataDir;
  }

  const january = { from: '2026-01-01', to: '2026-01-31', now: Date.parse('2026-03-01T00:00:00Z') };

  it("is the feed's, recorded in the data dir when the feed starts", async () => {
    const dataDir = await youngDataDir();
    try {
      const config = parseConfig(await readFile(CONFIG, 'utf8'), CONFIG);
      const feed = await startFeedServer({ config, dataDir, port: 0, log: silentLogger });
      await feed.close();

      const { report, zone } = await buildReport({ dataDir, ...january });
      expect(report.period.timeZone).toBe('Europe/Copenhagen');
      expect(formatMarkdown(report, zone)).toContain(
        'Period 2026-01-01 00:00 to 2026-02-01 00:00 (Europe/Copenhagen)',
      );
      expect(report.services.find((service) => service.id === 'tax-return')).toMatchObject({
        availability: 99.271,
        availabilityExcludingPlanned: 99.662,
      });
      // --time-zone still wins.
      const inUtc = await buildReport({ dataDir, ...january, timeZone: 'UTC' });
      expect(inUtc.report.period.timeZone).toBe('UTC');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the Markdown report', () => {
  it('shows titles and names from the feed as text, never as images, links or HTML', async () => {
    const dataDir = await tempDir('statuskit-report-markdown-');
    try {
      await cp(DATA, dataDir, { recursive: true });
      const journal = join(dataDir, 'journal.jsonl');
      const title = '![x](https://evil.example/x.png) <img src=x> *now*';
      await writeFile(
        journal,
        (await readFile(journal, 'utf8')).replaceAll(
          '"en":"Slow receipts"',
          `"en":${JSON.stringify(title)}`,
        ),
      );
      // The service's name as its catalogue record in the archived journal gives it.
      const archived = join(dataDir, 'archive', 'journal-000000000001-000000000004.jsonl');
      await writeFile(
        archived,
        (await readFile(archived, 'utf8')).replace(
          '"en":"Tax return"',
          '"en":"[Tax](javascript:x) | return"',
        ),
      );
      const { report, zone } = await buildReport({
        dataDir,
        from: '2026-01-01',
        to: '2026-01-31',
        now: Date.parse('2026-03-01T00:00:00Z'),
      });
      const markdown = formatMarkdown(report, zone);
      expect(markdown).toContain(
        '| inc-b: \\!\\[x\\]\\(https://evil.example/x.png\\) \\<img src=x\\> \\*now\\* | minor |',
      );
      expect(markdown).toContain('| \\[Tax\\]\\(javascript:x\\) \\| return (tax-return) |');
      // Nowhere unescaped.
      expect(markdown).not.toMatch(/(^|[^\\])!\[/m);
      expect(markdown).not.toMatch(/(^|[^\\])<img/m);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
