import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../src/store/change-store.js';
import { readAllRecords } from '../src/store/file-journal.js';
import {
  journalText,
  serviceIds,
  statusChange,
  storeFixture,
  writeSnapshotFile,
} from './store/fixtures.js';

const fixture = storeFixture();

async function revisionsOf(records: AsyncIterable<ChangeRecord>): Promise<number[]> {
  const revisions: number[] = [];
  for await (const record of records) revisions.push(record.revision);
  return revisions;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

async function appendEach(
  store: { append: (c: ReturnType<typeof statusChange>[], a: string) => Promise<unknown> },
  from: number,
  to: number,
): Promise<void> {
  for (let i = from; i <= to; i += 1)
    await store.append([statusChange(`svc-${i}`, 'degraded')], 'x');
}

describe('FileJournalStore compaction', () => {
  it('writes a snapshot and archives the journal, and clients still resume', async () => {
    const store = await fixture.open({ compactEvery: 4 });
    await appendEach(store, 1, 5);

    const dir = fixture.dir();
    const snapshot = JSON.parse(await readFile(path.join(dir, 'snapshot.json'), 'utf8')) as {
      format: number;
      revision: number;
      time: string;
      document: { services: { id: string }[] };
    };
    expect(snapshot.format).toBe(1);
    expect(snapshot.revision).toBe(4);
    expect(snapshot.document.services.map((s) => s.id)).toEqual([
      'mitid',
      'svc-1',
      'svc-2',
      'svc-3',
      'svc-4',
    ]);
    expect(await readdir(path.join(dir, 'archive'))).toEqual([
      'journal-000000000001-000000000004.jsonl',
    ]);
    expect(await readFile(path.join(dir, 'journal.jsonl'), 'utf8')).toBe(
      `${JSON.stringify(store.since(4)?.[0])}\n`,
    );
    expect(store.journalBytes()).toBe(
      Buffer.byteLength(await readFile(path.join(dir, 'journal.jsonl'))),
    );
    expect(store.since(1)?.map((r) => r.revision)).toEqual([2, 3, 4, 5]);
    expect(await readdir(dir)).not.toContain('snapshot.json.tmp');
  });

  it('restores the state after a restart from snapshot plus journal', async () => {
    const first = await fixture.open({ compactEvery: 4 });
    await appendEach(first, 1, 10);
    const before = first.document;
    await first.close();
    expect(await readdir(path.join(fixture.dir(), 'archive'))).toEqual([
      'journal-000000000001-000000000004.jsonl',
      'journal-000000000005-000000000008.jsonl',
    ]);

    const second = await fixture.open({ compactEvery: 4 });
    expect(second.revision).toBe(10);
    expect(second.document).toEqual(before);
    // Only the journal after the snapshot is replayed, so history starts there.
    expect(second.since(8)?.map((r) => r.revision)).toEqual([9, 10]);
    expect(second.since(7)).toBeUndefined();
    await appendEach(second, 11, 12);
    expect(await revisionsOf(readAllRecords(fixture.dir()))).toEqual(range(1, 12));
  });

  it('can be asked for explicitly', async () => {
    const store = await fixture.open();
    await appendEach(store, 1, 3);
    await store.compact();
    expect(await readdir(path.join(fixture.dir(), 'archive'))).toEqual([
      'journal-000000000001-000000000003.jsonl',
    ]);
    expect(store.journalBytes()).toBe(0);
    await store.compact(); // nothing new: no empty segment
    expect(await readdir(path.join(fixture.dir(), 'archive'))).toHaveLength(1);
  });
});

describe('FileJournalStore after a crash during compaction', () => {
  it('skips journal lines the snapshot covers (crash between snapshot and archive)', async () => {
    const dir = fixture.dir();
    await writeSnapshotFile(dir, 10);
    await writeFile(path.join(dir, 'journal.jsonl'), journalText(1, 12));

    const store = await fixture.open({ compactEvery: 100 });
    expect(store.revision).toBe(12);
    const ids = serviceIds(store.document);
    expect(ids).toEqual(range(1, 12).map((r) => `svc-${r}`));
    expect(new Set(ids).size).toBe(ids.length);
    expect(store.since(10)?.map((r) => r.revision)).toEqual([11, 12]);

    await store.append([statusChange('mitid', 'degraded')], 'digst');
    await store.compact();
    expect(await revisionsOf(readAllRecords(dir))).toEqual(range(1, 13));
  });

  it('finishes archiving a journal the snapshot fully covers', async () => {
    const dir = fixture.dir();
    await writeSnapshotFile(dir, 10);
    await writeFile(path.join(dir, 'journal.jsonl'), journalText(1, 10));

    const store = await fixture.open();
    expect(store.revision).toBe(10);
    expect(store.journalBytes()).toBe(0);
    expect(await readdir(path.join(dir, 'archive'))).toEqual([
      'journal-000000000001-000000000010.jsonl',
    ]);
    await store.append([statusChange('mitid', 'degraded')], 'digst');
    expect(await revisionsOf(readAllRecords(dir))).toEqual(range(1, 11));
  });

  it('does not duplicate a segment that was already archived', async () => {
    const dir = fixture.dir();
    await writeSnapshotFile(dir, 10);
    await mkdir(path.join(dir, 'archive'));
    await writeFile(
      path.join(dir, 'archive', 'journal-000000000001-000000000010.jsonl'),
      journalText(1, 10),
    );
    await writeFile(path.join(dir, 'journal.jsonl'), journalText(1, 10));

    const store = await fixture.open();
    expect(store.revision).toBe(10);
    expect(await readdir(path.join(dir, 'archive'))).toHaveLength(1);
    expect(await revisionsOf(readAllRecords(dir))).toEqual(range(1, 10));
  });

  it('starts a fresh journal when the crash came after archiving', async () => {
    const dir = fixture.dir();
    await writeSnapshotFile(dir, 10);
    await mkdir(path.join(dir, 'archive'));
    await writeFile(
      path.join(dir, 'archive', 'journal-000000000001-000000000010.jsonl'),
      journalText(1, 10),
    );
    await writeFile(path.join(dir, 'snapshot.json.tmp'), '{"format":1,"rev');

    const store = await fixture.open();
    expect(store.revision).toBe(10);
    await store.append([statusChange('mitid', 'degraded')], 'digst');
    expect(await revisionsOf(readAllRecords(dir))).toEqual(range(1, 11));
    expect(await readdir(dir)).not.toContain('snapshot.json.tmp');
  });
});

describe('readAllRecords', () => {
  it('yields every record across archive and active journal, in order', async () => {
    const store = await fixture.open({ compactEvery: 3 });
    const appended: ChangeRecord[] = [];
    for (let i = 1; i <= 10; i += 1) {
      appended.push(...(await store.append([statusChange(`svc-${i}`, 'degraded')], 'x')));
    }
    expect(await readdir(path.join(fixture.dir(), 'archive'))).toHaveLength(3);
    const all: ChangeRecord[] = [];
    for await (const record of readAllRecords(fixture.dir())) all.push(record);
    expect(all).toEqual(appended);
  });

  it('yields a record shared by overlapping segments once', async () => {
    const dir = fixture.dir();
    await mkdir(path.join(dir, 'archive'));
    await writeFile(
      path.join(dir, 'archive', 'journal-000000000001-000000000010.jsonl'),
      journalText(1, 10),
    );
    await writeFile(
      path.join(dir, 'archive', 'journal-000000000001-000000000012.jsonl'),
      journalText(1, 12),
    );
    await writeFile(path.join(dir, 'journal.jsonl'), journalText(13, 14));
    expect(await revisionsOf(readAllRecords(dir))).toEqual(range(1, 14));
  });

  it('names the file and line where revisions skip', async () => {
    const dir = fixture.dir();
    await mkdir(path.join(dir, 'archive'));
    await writeFile(
      path.join(dir, 'archive', 'journal-000000000001-000000000003.jsonl'),
      journalText(1, 3),
    );
    await writeFile(path.join(dir, 'journal.jsonl'), journalText(5, 6));
    await expect(revisionsOf(readAllRecords(dir))).rejects.toThrow(
      /journal\.jsonl line 1: revision 5 follows 3/,
    );
  });

  it('leaves out a half-written last line of the active journal', async () => {
    const dir = fixture.dir();
    await writeFile(path.join(dir, 'journal.jsonl'), `${journalText(1, 2)}{"revision":3,"ti`);
    expect(await revisionsOf(readAllRecords(dir))).toEqual([1, 2]);
  });
});
