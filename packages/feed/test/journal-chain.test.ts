import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeVerdict, verifyChain } from '../src/journal/journal-chain.js';
import type { ChangeRecord } from '../src/store/change-store.js';
import { readAllRecords } from '../src/store/file-journal.js';
import { recordHash } from '../src/store/record-hash.js';
import {
  journalText,
  record,
  statusChange,
  storeFixture,
  writeSnapshotFile,
} from './store/fixtures.js';

const fixture = storeFixture();

async function all(dir: string): Promise<ChangeRecord[]> {
  const records: ChangeRecord[] = [];
  for await (const record of readAllRecords(dir)) records.push(record);
  return records;
}

async function appendEach(
  store: { append: (c: ReturnType<typeof statusChange>[], a: string) => Promise<unknown> },
  from: number,
  to: number,
): Promise<void> {
  for (let i = from; i <= to; i += 1)
    await store.append([statusChange(`svc-${i}`, 'degraded')], 'digst');
}

/** Rewrites line `line` (1-based) of a journal file with `edit`. */
async function editLine(file: string, line: number, edit: (text: string) => string | undefined) {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const replaced = edit(lines[line - 1] ?? '');
  if (replaced === undefined) lines.splice(line - 1, 1);
  else lines[line - 1] = replaced;
  await writeFile(file, lines.join('\n'));
}

describe('the tamper-evident journal', () => {
  it('links every appended record to the one before it, in one append and across appends', async () => {
    const store = await fixture.open();
    await appendEach(store, 1, 2);
    await store.append(
      [statusChange('svc-3', 'degraded'), statusChange('svc-4', 'major_outage')],
      'digst',
    );
    const records = await all(fixture.dir());
    expect(records.map((r) => r.revision)).toEqual([1, 2, 3, 4]);
    expect(records[0]?.previousHash).toBeUndefined();
    for (let i = 1; i < records.length; i += 1) {
      const before = records[i - 1];
      if (before === undefined) throw new Error('missing record');
      expect(records[i]?.previousHash).toBe(recordHash(before));
    }
    // What clients get from the store carries the link too.
    expect(store.since(2)?.[0]?.previousHash).toBe(recordHash(records[1] as ChangeRecord));
    const verdict = await verifyChain(readAllRecords(fixture.dir()));
    expect(verdict).toEqual({ intact: true, records: 4, from: 1, to: 4 });
    expect(describeVerdict(verdict)).toBe('4 records, chain intact from revision 1 to 4');
  });

  it('goes on across compaction and restart', async () => {
    const store = await fixture.open({ compactEvery: 3 });
    await appendEach(store, 1, 7);
    await store.close();
    const snapshot = JSON.parse(
      await readFile(path.join(fixture.dir(), 'snapshot.json'), 'utf8'),
    ) as {
      revision: number;
      lastHash?: string;
    };
    expect(snapshot.revision).toBe(6);
    expect((await readdir(path.join(fixture.dir(), 'archive'))).length).toBe(2);

    const reopened = await fixture.open({ compactEvery: 3 });
    await appendEach(reopened, 8, 10);
    const records = await all(fixture.dir());
    expect(snapshot.lastHash).toBe(recordHash(records[5] as ChangeRecord));
    expect(await verifyChain(readAllRecords(fixture.dir()))).toEqual({
      intact: true,
      records: 10,
      from: 1,
      to: 10,
    });
  });

  it('names the revision after a record changed by one byte', async () => {
    const store = await fixture.open();
    await appendEach(store, 1, 5);
    await store.close();
    const journal = path.join(fixture.dir(), 'journal.jsonl');
    await editLine(journal, 3, (text) => text.replace('"degraded"', '"degradee"'));
    const verdict = await verifyChain(readAllRecords(fixture.dir()));
    expect(verdict).toMatchObject({ intact: false, revision: 4 });
    expect(describeVerdict(verdict)).toMatch(
      /^broken link at revision 4: .*revision 3 or 4 was changed/,
    );
  });

  it('finds a record removed or inserted even when the revisions are renumbered', async () => {
    const store = await fixture.open();
    await appendEach(store, 1, 5);
    await store.close();
    const journal = path.join(fixture.dir(), 'journal.jsonl');
    const original = await readFile(journal, 'utf8');
    const renumber = (lines: string[]) =>
      lines.map((line, index) =>
        JSON.stringify({ ...(JSON.parse(line) as ChangeRecord), revision: index + 1 }),
      );
    const lines = original.trimEnd().split('\n');

    await writeFile(journal, `${renumber([...lines.slice(0, 2), ...lines.slice(3)]).join('\n')}\n`);
    expect(await verifyChain(readAllRecords(fixture.dir()))).toMatchObject({
      intact: false,
      revision: 3,
    });

    const forged = JSON.stringify({ ...(JSON.parse(lines[1] ?? '') as ChangeRecord), actor: 'x' });
    await writeFile(
      journal,
      `${renumber([...lines.slice(0, 2), forged, ...lines.slice(2)]).join('\n')}\n`,
    );
    expect(await verifyChain(readAllRecords(fixture.dir()))).toMatchObject({
      intact: false,
      revision: 3,
    });
  });

  it('opens a journal written before the chain began, and the chain begins with the next record', async () => {
    await writeFile(path.join(fixture.dir(), 'journal.jsonl'), journalText(1, 3));
    const store = await fixture.open();
    await appendEach(store, 4, 5);
    const records = await all(fixture.dir());
    expect(records[3]?.previousHash).toBe(recordHash(records[2] as ChangeRecord));
    const verdict = await verifyChain(readAllRecords(fixture.dir()));
    expect(verdict).toEqual({ intact: true, records: 5, from: 3, to: 5 });
  });

  it("links to the snapshot's last record when an older snapshot has no lastHash but the journal still holds it", async () => {
    // A compaction by an older release that a crash stopped before it archived the journal.
    await writeSnapshotFile(fixture.dir(), 3);
    await writeFile(path.join(fixture.dir(), 'journal.jsonl'), journalText(1, 3));
    const store = await fixture.open();
    const [stored] = await store.append([statusChange('svc-4', 'degraded')], 'digst');
    expect(stored?.previousHash).toBe(recordHash(record(3)));
  });

  it('refuses to open a record whose previousHash is not a SHA-256', async () => {
    const store = await fixture.open();
    await appendEach(store, 1, 2);
    await store.close();
    await editLine(path.join(fixture.dir(), 'journal.jsonl'), 2, (text) =>
      text.replace(/"previousHash":"[0-9a-f]+"/, '"previousHash":"nope"'),
    );
    await expect(fixture.open()).rejects.toThrow(/line 2: previousHash is not a SHA-256 in hex/);
  });
});
