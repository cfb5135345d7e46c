import { readFileSync } from 'node:fs';
import { type FileHandle, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ChangeRecord } from '../src/store/change-store.js';
import { FileJournalStore } from '../src/store/file-journal.js';
import { initial, service, serviceIds, statusChange, storeFixture } from './store/fixtures.js';

const fixture = storeFixture();

async function journalLines(dir: string): Promise<ChangeRecord[]> {
  const text = await readFile(path.join(dir, 'journal.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ChangeRecord);
}

describe('FileJournalStore appends', () => {
  it('assigns consecutive revisions and applies the changes', async () => {
    const store = await fixture.open();
    expect(store.revision).toBe(0);

    const first = await store.append([statusChange('mitid', 'major_outage')], 'digst');
    const second = await store.append(
      [statusChange('nemlog-in', 'degraded'), statusChange('mitid', 'operational')],
      'digst',
    );

    expect(first.map((r) => r.revision)).toEqual([1]);
    expect(second.map((r) => r.revision)).toEqual([2, 3]);
    expect(second[0]?.actor).toBe('digst');
    expect(Date.parse(second[0]?.time ?? '')).not.toBeNaN();
    expect(store.revision).toBe(3);
    expect(store.document.services).toEqual([
      expect.objectContaining({ id: 'mitid', status: 'operational' }),
      expect.objectContaining({ id: 'nemlog-in', status: 'degraded' }),
    ]);
    expect(await journalLines(fixture.dir())).toEqual([...first, ...second]);
    expect(store.journalBytes()).toBe((await stat(path.join(fixture.dir(), 'journal.jsonl'))).size);
  });

  it('records the services each change touches, judged against the document before it', async () => {
    const store = await fixture.open();
    const incident = {
      id: 'outage',
      services: ['mitid'],
      impact: 'major' as const,
      title: { da: 'Nede' },
      message: { da: 'Nede' },
      state: 'investigating' as const,
      startedAt: '2026-03-14T10:00:00Z',
      updates: [],
    };
    await store.append([{ type: 'incident', incident }], 'digst');
    const [moved] = await store.append(
      [{ type: 'incident', incident: { ...incident, services: ['nemlog-in'] } }],
      'digst',
    );
    expect([...(moved?.services ?? [])].sort()).toEqual(['mitid', 'nemlog-in']);
    expect((await journalLines(fixture.dir())).at(-1)?.services).toEqual(moved?.services);
  });

  it('serializes concurrent appends without interleaving revisions', async () => {
    const store = await fixture.open();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.append([statusChange(`s-${i}`, 'degraded'), statusChange(`t-${i}`, 'degraded')], 'a'),
      ),
    );
    expect(results.map((records) => records.map((r) => r.revision))).toEqual(
      Array.from({ length: 20 }, (_, i) => [2 * i + 1, 2 * i + 2]),
    );
    expect((await journalLines(fixture.dir())).map((r) => r.revision)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('resolves an empty append to [] without writing', async () => {
    const store = await fixture.open();
    expect(await store.append([], 'digst')).toEqual([]);
    expect(store.revision).toBe(0);
    expect(store.journalBytes()).toBe(0);
    expect(await readFile(path.join(fixture.dir(), 'journal.jsonl'), 'utf8')).toBe('');
  });

  it('rejects appends after close with a clear error', async () => {
    const store = await fixture.open();
    await store.close();
    await expect(store.append([statusChange('mitid', 'degraded')], 'digst')).rejects.toThrow(
      /closed/,
    );
  });

  it('finishes an append queued before close, then refuses', async () => {
    const store = await fixture.open();
    const pending = store.append([statusChange('mitid', 'degraded')], 'digst');
    const closing = store.close();
    await expect(pending).resolves.toHaveLength(1);
    await closing;
    expect(await journalLines(fixture.dir())).toHaveLength(1);
  });

  it('lets close() called during open() win', async () => {
    const store = new FileJournalStore({ dataDir: fixture.dir(), log: () => undefined });
    const opening = store.open(initial);
    const closing = store.close();
    await opening;
    await closing;
    await expect(store.append([statusChange('mitid', 'degraded')], 'digst')).rejects.toThrow(
      /closed/,
    );
    // The lock is released (the file stays: deleting a locked file is never safe).
    await expect(fixture.open()).resolves.toBeInstanceOf(FileJournalStore);
  });

  it('refuses a change that start-up could not replay, writing nothing', async () => {
    const store = await fixture.open();
    const bogus = { type: 'rename', id: 'mitid' } as unknown as Parameters<
      typeof store.append
    >[0][0];
    await expect(store.append([bogus], 'digst')).rejects.toThrow(/change type "rename"/);
    expect(store.revision).toBe(0);
    expect(store.journalBytes()).toBe(0);
  });
});

describe('FileJournalStore listeners', () => {
  it('are called once per append, after the records are on disk', async () => {
    const store = await fixture.open();
    const seen: { revisions: number[]; onDisk: number[] }[] = [];
    store.subscribe((records) => {
      // Synchronous read inside the listener: proves the write finished before the call.
      const text = readFileSync(path.join(fixture.dir(), 'journal.jsonl'), 'utf8');
      seen.push({
        revisions: records.map((r) => r.revision),
        onDisk: text
          .split('\n')
          .filter(Boolean)
          .map((line) => (JSON.parse(line) as ChangeRecord).revision),
      });
    });
    await store.append([statusChange('a', 'degraded'), statusChange('b', 'degraded')], 'x');
    await store.append([statusChange('c', 'degraded')], 'x');
    expect(seen).toEqual([
      { revisions: [1, 2], onDisk: [1, 2] },
      { revisions: [3], onDisk: [1, 2, 3] },
    ]);
  });

  it('stop after unsubscribing', async () => {
    const store = await fixture.open();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    await store.append([statusChange('a', 'degraded')], 'x');
    unsubscribe();
    await store.append([statusChange('b', 'degraded')], 'x');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('that throw break neither the append nor the other listeners', async () => {
    const store = await fixture.open();
    const other = vi.fn();
    store.subscribe(() => {
      throw new Error('listener bug');
    });
    store.subscribe(other);
    await expect(store.append([statusChange('a', 'degraded')], 'x')).resolves.toHaveLength(1);
    expect(other).toHaveBeenCalledTimes(1);
    const errors = fixture.logs.filter((entry) => entry.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toContain('listener bug');
  });
});

describe('FileJournalStore restart', () => {
  it('restores document, revision and history from the journal', async () => {
    const first = await fixture.open();
    await first.append([statusChange('mitid', 'major_outage')], 'digst');
    await first.append([statusChange('nemlog-in', 'degraded')], 'digst');
    const before = first.document;
    const history = first.since(0);
    await first.close();

    const second = await fixture.open();
    expect(second.revision).toBe(2);
    expect(second.document).toEqual(before);
    expect(second.since(0)).toEqual(history);
    expect(second.journalBytes()).toBe(first.journalBytes());
    await second.append([statusChange('mitid', 'operational')], 'digst');
    expect(second.revision).toBe(3);
  });

  it('reads back records longer than a read chunk, with characters split across chunks', async () => {
    const first = await fixture.open();
    const long = 'æøå ☂ '.repeat(40_000); // ~400 KiB of multi-byte text
    const [stored] = await first.append(
      [
        {
          type: 'service',
          service: { ...service('mitid', 'degraded'), name: { da: long } },
        },
      ],
      'digst',
    );
    await first.append([statusChange('nemlog-in', 'degraded')], 'digst');
    await first.close();

    const second = await fixture.open();
    expect(second.since(0)?.[0]).toEqual(stored);
    expect(second.document.services[0]?.name.da).toBe(long);
    expect(second.revision).toBe(2);
  });

  it('uses the initial document on first open only, but its settings always', async () => {
    const first = await fixture.open();
    expect(first.document).toEqual(initial);
    await first.append([statusChange('nemlog-in', 'degraded')], 'digst');
    await first.close();

    const reconfigured = {
      ...initial,
      defaultLocale: 'en',
      timeZone: 'UTC',
      authorities: [{ id: 'kl', name: { da: 'KL' } }],
    };
    const second = await fixture.open({}, reconfigured);
    expect(second.document.defaultLocale).toBe('en');
    expect(second.document.timeZone).toBe('UTC');
    expect(second.document.authorities).toEqual(reconfigured.authorities);
    expect(serviceIds(second.document)).toEqual(['mitid', 'nemlog-in']);
  });
});

describe('FileJournalStore.since', () => {
  it('answers up-to-date, recent, forgotten, future and invalid revisions', async () => {
    const store = await fixture.open({ historySize: 3 });
    for (let i = 1; i <= 5; i += 1) await store.append([statusChange(`s${i}`, 'degraded')], 'x');

    expect(store.since(5)).toEqual([]);
    expect(store.since(4)?.map((r) => r.revision)).toEqual([5]);
    expect(store.since(2)?.map((r) => r.revision)).toEqual([3, 4, 5]);
    expect(store.since(1)).toBeUndefined();
    expect(store.since(0)).toBeUndefined();
    expect(store.since(6)).toBeUndefined();
    expect(store.since(-1)).toBeUndefined();
    expect(store.since(2.5)).toBeUndefined();
    expect(store.since(Number.NaN)).toBeUndefined();
  });

  it('keeps the replayed tail after a restart', async () => {
    const first = await fixture.open({ historySize: 3 });
    for (let i = 1; i <= 5; i += 1) await first.append([statusChange(`s${i}`, 'degraded')], 'x');
    await first.close();

    const second = await fixture.open({ historySize: 3 });
    expect(second.since(2)?.map((r) => r.revision)).toEqual([3, 4, 5]);
    expect(second.since(1)).toBeUndefined();
  });

  it('answers [] for revision 0 on an empty store', async () => {
    const store = await fixture.open();
    expect(store.since(0)).toEqual([]);
    expect(store.since(1)).toBeUndefined();
  });
});

describe('FileJournalStore write failures', () => {
  it('reject the append, change nothing and leave no partial record', async () => {
    const store = await fixture.open();
    await store.append([statusChange('mitid', 'degraded')], 'digst');
    const sizeBefore = store.journalBytes();
    const listener = vi.fn();
    store.subscribe(listener);

    // Fault injection at the one place a real full disk shows up: half the bytes land, then ENOSPC.
    const probe = await open(path.join(fixture.dir(), 'journal.jsonl'), 'r');
    const prototype: FileHandle = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    const spy = vi.spyOn(prototype, 'write').mockImplementationOnce(async function (
      this: FileHandle,
      data: unknown,
    ) {
      if (!(data instanceof Uint8Array)) throw new TypeError('expected bytes');
      // appendFile does not go through the spied method.
      await this.appendFile(data.subarray(0, Math.floor(data.length / 2)));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    try {
      await expect(store.append([statusChange('mitid', 'major_outage')], 'digst')).rejects.toThrow(
        /ENOSPC/,
      );
    } finally {
      spy.mockRestore();
    }

    expect(store.revision).toBe(1);
    expect(store.document.services[0]?.status).toBe('degraded');
    expect(store.journalBytes()).toBe(sizeBefore);
    expect((await stat(path.join(fixture.dir(), 'journal.jsonl'))).size).toBe(sizeBefore);
    expect(listener).not.toHaveBeenCalled();

    await store.append([statusChange('mitid', 'operational')], 'digst');
    expect((await journalLines(fixture.dir())).map((r) => r.revision)).toEqual([1, 2]);
  });
});

it('rejects bad options', () => {
  expect(() => new FileJournalStore({ dataDir: '.', historySize: -1 })).toThrow(RangeError);
  expect(() => new FileJournalStore({ dataDir: '.', compactEvery: 0 })).toThrow(RangeError);
});
