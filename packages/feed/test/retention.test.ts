import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident, StatusDocument } from '@statuskit/model';
import { silentLogger } from '../src/log.js';
import { FeedMetrics } from '../src/metrics.js';
import { Retention } from '../src/retention.js';
import { FileJournalStore } from '../src/store/file-journal.js';
import { WriteQueue } from '../src/write-queue.js';
import { tempDir } from './helpers/feed.js';

const HOUR = 3_600_000;
const RESOLVED_AT = Date.parse('2031-03-01T10:00:00Z');

const initial: StatusDocument = {
  defaultLocale: 'en',
  timeZone: 'UTC',
  services: [{ id: 'eid', name: { en: 'eID' }, owner: 'digst', status: 'operational' }],
  incidents: [],
  maintenance: [],
};
const incident: Incident = {
  id: 'eid-down',
  services: ['eid'],
  impact: 'major',
  title: { en: 'eID is down' },
  message: { en: 'Fixed.' },
  state: 'resolved',
  startedAt: '2031-03-01T09:00:00Z',
  resolvedAt: new Date(RESOLVED_AT).toISOString(),
  updates: [{ time: '2031-03-01T10:00:00Z', state: 'resolved', message: { en: 'Fixed.' } }],
};

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('Retention', () => {
  it('retires on its own timer when the next retirement falls due, with actor retention', async () => {
    const dataDir = await tempDir('statuskit-retention-');
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const store = new FileJournalStore({ dataDir, log: silentLogger });
    await store.open(initial);
    cleanup.push(() => store.close());
    await store.append([{ type: 'incident', incident }], 'digst');

    let now = RESOLVED_AT + HOUR - 500;
    const metrics = new FeedMetrics();
    const retention = new Retention({
      store,
      writes: new WriteQueue(),
      windowMs: HOUR,
      now: () => new Date(now),
      log: silentLogger,
      metrics,
    });
    cleanup.push(() => {
      retention.close();
      return Promise.resolve();
    });
    // Not due yet: nothing leaves, and a timer is set for the moment it is.
    expect(await retention.sweep()).toBe(0);
    const seen: string[] = [];
    store.subscribe((records) => {
      for (const record of records) seen.push(`${record.actor} ${record.change.type}`);
    });
    now = RESOLVED_AT + HOUR;
    for (let tries = 0; tries < 500 && store.document.incidents.length > 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(store.document.incidents).toEqual([]);
    expect(seen).toEqual(['retention removed']);
    expect(metrics.retired).toBe(1);
  });
});
