import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedConfig } from '@statuskit/model';
import { parseConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { buildReport } from '../src/report/report.js';
import { startFeedServer, type FeedServer } from '../src/server.js';
import { readAllRecords } from '../src/store/archive.js';
import type { ChangeRecord } from '../src/store/change-store.js';
import { tempDir } from './helpers/feed.js';
import { http } from './helpers/http.js';

/**
 * Issue 16, item 1: what leaves the live document stays in the journal, so the report and the
 * public availability figures are the same whether it has left or not.
 */

const FIXTURE = fileURLToPath(new URL('./fixtures/report-journal/', import.meta.url));
const CONFIG = join(FIXTURE, 'statuskit.config.json');
/** Every incident and maintenance of the fixture's January is over by then. */
const FEBRUARY = new Date('2026-02-01T11:00:00Z');
const RETIRED = ['incident:inc-a', 'incident:inc-b', 'maintenance:mnt-1', 'maintenance:mnt-2'];

const dirs: string[] = [];
let feed: FeedServer | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function fixtureCopy(): Promise<string> {
  const dir = await tempDir('statuskit-live-window-');
  dirs.push(dir);
  await cp(join(FIXTURE, 'data'), dir, { recursive: true });
  return dir;
}

async function config(liveWindowHours: number): Promise<FeedConfig> {
  return { ...parseConfig(await readFile(CONFIG, 'utf8'), CONFIG), liveWindowHours };
}

async function records(dataDir: string): Promise<ChangeRecord[]> {
  const all: ChangeRecord[] = [];
  for await (const record of readAllRecords(dataDir)) all.push(record);
  return all;
}

const retiredBy = (all: readonly ChangeRecord[]): string[] =>
  all.flatMap((record) =>
    record.actor === 'retention' && record.change.type === 'removed'
      ? [`${record.change.kind}:${record.change.id}`]
      : [],
  );

describe('the live window and history', () => {
  it('journals the retirements and leaves the report unchanged', async () => {
    const dataDir = await fixtureCopy();
    const request = {
      dataDir,
      configPath: CONFIG,
      from: '2026-01-01',
      to: '2026-01-31',
      now: Date.parse('2026-03-01T00:00:00Z'),
    };
    const before = (await buildReport(request)).report;

    feed = await startFeedServer({
      config: await config(24),
      dataDir,
      port: 0,
      log: silentLogger,
      now: () => FEBRUARY,
    });
    const live = feed.store.document;
    expect(live.incidents.map((incident) => incident.id)).toEqual(['inc-e']);
    expect(live.maintenance).toEqual([]);
    await feed.close();
    feed = undefined;
    expect(retiredBy(await records(dataDir)).sort()).toEqual(RETIRED);

    // The same report; only the journal it read is longer (by the four `removed` records).
    const after = (await buildReport(request)).report;
    const { lastRevision, historyTo: _to, ...source } = after.source;
    const { lastRevision: lastBefore, historyTo: _before, ...sourceBefore } = before.source;
    expect(lastRevision).toBe((lastBefore ?? 0) + RETIRED.length);
    expect(source).toEqual(sourceBefore);
    expect({ ...after, source: undefined }).toEqual({ ...before, source: undefined });
  });

  it('leaves the availability figures unchanged', async () => {
    const answers: Record<string, unknown>[] = [];
    // 30 days keeps all of January live on 1 February; 24 hours retires it at start-up.
    for (const hours of [720, 24]) {
      const dataDir = await fixtureCopy();
      feed = await startFeedServer({
        config: await config(hours),
        dataDir,
        port: 0,
        log: silentLogger,
        now: () => FEBRUARY,
      });
      expect(feed.store.document.incidents.length).toBe(hours === 24 ? 1 : 3);
      const res = await http(`${feed.url}/v1/services/tax-return/availability?days=32`);
      expect(res.status).toBe(200);
      const { revision: _revision, ...body } = res.json();
      answers.push(body);
      await feed.close();
      feed = undefined;
    }
    const [kept, retired] = answers;
    expect((kept?.['incidents'] as { id: string }[]).map((incident) => incident.id)).toEqual([
      'inc-a',
      'inc-b',
    ]);
    expect(retired).toEqual(kept);
  });
});
