import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../src/store/change-store.js';
import { initial, journalText, record, storeFixture } from './store/fixtures.js';

const fixture = storeFixture();

/** The file store's side of `statuskit-feed archive`: records made elsewhere, stored as they are. */
describe('FileJournalStore.appendRecords', () => {
  it('stores the records byte for byte, and they survive a restart', async () => {
    const store = await fixture.open();
    await store.appendRecords([record(1), record(2), record(3)]);
    expect(store.revision).toBe(3);
    const journal = await readFile(path.join(fixture.dir(), 'journal.jsonl'), 'utf8');
    expect(journal).toBe(journalText(1, 3));
    await store.close();

    const reopened = await fixture.open();
    expect(reopened.revision).toBe(3);
  });

  it('refuses records that would open a gap, and stores none of them', async () => {
    const store = await fixture.open();
    await store.appendRecords([record(1)]);
    const refused = store.appendRecords([record(2), record(4)]);
    await expect(refused).rejects.toThrow(StoreError);
    await expect(refused).rejects.toThrow(
      /cannot store revision 4 in .*journal\.jsonl: it holds revision 2, so a gap would open/,
    );
    expect(store.revision).toBe(1);
    expect(await readFile(path.join(fixture.dir(), 'journal.jsonl'), 'utf8')).toBe(
      journalText(1, 1),
    );
  });

  it('starts an empty dir from a snapshot, and the journal follows it', async () => {
    const store = await fixture.open();
    await store.startFromSnapshot({
      format: 1,
      revision: 9,
      time: '2026-01-01T00:00:00Z',
      document: initial,
    });
    await store.appendRecords([record(10)]);
    await store.close();

    const reopened = await fixture.open();
    expect(reopened.revision).toBe(10);
    await expect(
      reopened.startFromSnapshot({
        format: 1,
        revision: 20,
        time: '2026-01-01T00:00:00Z',
        document: initial,
      }),
    ).rejects.toThrow(/already holds revision 10; a snapshot can only start an empty data dir/);
  });
});
