import { appendFile, cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedConfig } from '@statuskit/model';
import { parseConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { startFeedServer, type FeedServer } from '../src/server.js';
import { readAllRecords } from '../src/store/archive.js';
import { tempDir } from './helpers/feed.js';

/**
 * Issue 16, item 5: times outside the years 1970–9999 (in UTC) are refused from this version on,
 * but a feed before it may have stored some (a typed year "0026"). The first start after the
 * upgrade validates every incident a feed without a live window kept: history that is leaving
 * the live document must not keep it from starting; what stays live is still refused, named.
 */

const FIXTURE = fileURLToPath(new URL('./fixtures/report-journal/', import.meta.url));
const CONFIG = join(FIXTURE, 'statuskit.config.json');
const FEBRUARY = new Date('2026-02-01T11:00:00Z');
/** The fixture journal's last revision. */
const LAST = 14;

const dirs: string[] = [];
let feed: FeedServer | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The fixture's data with one incident an older feed accepted: started in the year 26. */
async function dataWithTypedYear(state: 'resolved' | 'investigating'): Promise<string> {
  const dir = await tempDir('statuskit-stored-times-');
  dirs.push(dir);
  await cp(join(FIXTURE, 'data'), dir, { recursive: true });
  const message = { da: 'Vi undersøger sagen.', en: 'We are investigating.' };
  const incident = {
    id: 'inc-typo',
    services: ['permits'],
    impact: 'minor',
    title: { da: 'Byggesager er langsomme', en: 'Building permits are slow' },
    message,
    state,
    startedAt: '0026-01-20T09:00:00+01:00',
    ...(state === 'resolved' && { resolvedAt: '2026-01-20T10:00:00+01:00' }),
    updates: [
      { time: '0026-01-20T09:00:00+01:00', state: 'investigating', message },
      ...(state === 'resolved'
        ? [{ time: '2026-01-20T10:00:00+01:00', state: 'resolved', message }]
        : []),
    ],
  };
  const record = {
    revision: LAST + 1,
    time: '2026-01-20T09:00:00.000Z',
    actor: 'tax',
    services: ['permits'],
    change: { type: 'incident', incident },
  };
  await appendFile(join(dir, 'journal.jsonl'), `${JSON.stringify(record)}\n`);
  return dir;
}

async function config(): Promise<FeedConfig> {
  return { ...parseConfig(await readFile(CONFIG, 'utf8'), CONFIG), liveWindowHours: 24 };
}

describe('a time stored before times were bounded', () => {
  it('does not stop the upgraded feed when it is in history leaving the live document', async () => {
    const dataDir = await dataWithTypedYear('resolved');
    feed = await startFeedServer({
      config: await config(),
      dataDir,
      port: 0,
      log: silentLogger,
      now: () => FEBRUARY,
    });
    expect(feed.store.document.incidents.map((incident) => incident.id)).toEqual(['inc-e']);
    await feed.close();
    feed = undefined;

    // Left through the ordinary `removed` record; the journal still has the incident as stored.
    const records = [];
    for await (const record of readAllRecords(dataDir)) records.push(record);
    expect(records.find((record) => record.revision === LAST + 1)?.change).toMatchObject({
      type: 'incident',
      incident: { id: 'inc-typo', startedAt: '0026-01-20T09:00:00+01:00' },
    });
    expect(
      records.some(
        (record) =>
          record.actor === 'retention' &&
          record.change.type === 'removed' &&
          record.change.id === 'inc-typo',
      ),
    ).toBe(true);
  });

  it('is refused, named, while what holds it is still live', async () => {
    const dataDir = await dataWithTypedYear('investigating');
    await expect(
      startFeedServer({
        config: await config(),
        dataDir,
        port: 0,
        log: silentLogger,
        now: () => FEBRUARY,
      }),
    ).rejects.toThrow(
      /the stored status does not fit the config:\nincidents\[\d\]\.startedAt: must be from 1970 to 9999 in UTC \(in UTC this is year 26\)/,
    );
  });
});
