import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../src/store/change-store.js';
import { FileJournalStore } from '../src/store/file-journal.js';
import {
  initial,
  journalText,
  record,
  statusChange,
  storeFixture,
  writeSnapshotFile,
} from './store/fixtures.js';

const fixture = storeFixture();

function journalPath(): string {
  return path.join(fixture.dir(), 'journal.jsonl');
}

/** The message of the StoreError that open() must throw. */
async function openFailure(): Promise<string> {
  const error: unknown = await fixture.open().then(
    () => expect.fail('open() should have thrown'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return (error as StoreError).message;
}

describe('FileJournalStore start-up with a torn tail', () => {
  it('cuts the unfinished last line, logs it and keeps appending after it', async () => {
    const complete = journalText(1, 3);
    const torn = JSON.stringify(record(4)).slice(0, 25);
    await writeFile(journalPath(), complete + torn);

    const store = await fixture.open();
    expect(store.revision).toBe(3);
    expect(await readFile(journalPath(), 'utf8')).toBe(complete);
    const warning = fixture.logs.find((entry) => entry.level === 'warn');
    expect(warning).toMatchObject({ file: journalPath(), line: 4, bytes: Buffer.byteLength(torn) });
    expect(warning?.msg).toContain(`${journalPath()} line 4`);

    const [appended] = await store.append([statusChange('mitid', 'degraded')], 'digst');
    expect(appended?.revision).toBe(4);
    expect(await readFile(journalPath(), 'utf8')).toBe(`${complete}${JSON.stringify(appended)}\n`);
  });

  it('cuts a complete-looking record that lacks its newline (never acknowledged)', async () => {
    await writeFile(journalPath(), journalText(1, 2) + JSON.stringify(record(3)));
    const store = await fixture.open();
    expect(store.revision).toBe(2);
  });
});

describe('FileJournalStore start-up with damaged data', () => {
  it('stops on a corrupt line before the tail, naming file and line', async () => {
    const lines = journalText(1, 5).split('\n');
    lines[2] = '{"revision":3,"time":"2025-01-01T00:00:00.000Z","actor":"x","change":{';
    await writeFile(journalPath(), lines.join('\n'));

    expect(await openFailure()).toContain(`${journalPath()} line 3: not valid JSON`);
    // Nothing was cut or rewritten.
    expect(await readFile(journalPath(), 'utf8')).toBe(lines.join('\n'));
  });

  it('stops on a line that is JSON but not a record', async () => {
    const lines = journalText(1, 3).split('\n');
    lines[1] = JSON.stringify({ ...record(2), change: { type: 'rename', id: 'x' } });
    await writeFile(journalPath(), lines.join('\n'));
    expect(await openFailure()).toContain(`${journalPath()} line 2: change type "rename"`);
  });

  it('stops on a revision gap', async () => {
    await writeFile(journalPath(), journalText(1, 2) + journalText(4, 5));
    expect(await openFailure()).toContain(`${journalPath()} line 3: revision 4 follows 2`);
  });

  it('stops on a journal that does not start at revision 1 without a snapshot', async () => {
    await writeFile(journalPath(), journalText(3, 4));
    expect(await openFailure()).toContain(`${journalPath()} line 1: revision 3 follows 0`);
  });

  it('stops on a journal that skips revisions after the snapshot', async () => {
    await writeSnapshotFile(fixture.dir(), 10);
    await writeFile(journalPath(), journalText(12, 13));
    expect(await openFailure()).toMatch(
      /journal\.jsonl line 1: revision 12 follows 10 \(the revision of .*snapshot\.json\)/,
    );
  });

  it('stops on a corrupt snapshot, naming the file', async () => {
    const snapshot = path.join(fixture.dir(), 'snapshot.json');
    await writeFile(snapshot, '{"format":1,"revision":');
    expect(await openFailure()).toContain(`${snapshot}: not valid JSON`);

    await writeFile(snapshot, JSON.stringify({ format: 2, revision: 3, time: 'x', document: {} }));
    expect(await openFailure()).toContain(`${snapshot}: format 2`);
  });

  it('releases the lock when start-up fails, so a fixed dir opens', async () => {
    await writeFile(journalPath(), '{oops}\n');
    expect(await openFailure()).toContain('line 1: not valid JSON');
    await writeFile(journalPath(), journalText(1, 1));
    const store = await fixture.open();
    expect(store.revision).toBe(1);
  });
});

it('refuses a data dir it cannot create, naming it', async () => {
  const blocker = path.join(fixture.dir(), 'a-file');
  await writeFile(blocker, 'not a directory');
  const dataDir = path.join(blocker, 'data');
  const store = new FileJournalStore({ dataDir, log: () => undefined });
  const error = await store.open(initial).then(
    () => expect.fail('open() should have thrown'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as Error).message).toContain(`data dir ${dataDir} cannot be used`);
});
