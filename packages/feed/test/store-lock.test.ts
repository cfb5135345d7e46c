import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readAllRecords } from '../src/store/archive.js';
import { StoreError } from '../src/store/change-store.js';
import { FileJournalStore } from '../src/store/file-journal.js';
import { initial, storeFixture } from './store/fixtures.js';
import { bundleLockChild, LockChild } from './store/lock-children.js';

const fixture = storeFixture();
const children: LockChild[] = [];
let childScript = '';

beforeAll(async () => {
  childScript = await bundleLockChild();
});

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill()));
});

function lockPath(): string {
  return path.join(fixture.dir(), 'statuskit.lock');
}

function lockChild(): LockChild {
  const child = new LockChild(childScript, fixture.dir());
  children.push(child);
  return child;
}

/** A child process that has opened the store on the fixture's data dir and holds it. */
async function holder(): Promise<{ child: LockChild; pid: number }> {
  const child = lockChild();
  await child.ready;
  child.go();
  const outcome = await child.outcome;
  if (outcome.kind !== 'won') throw new Error(`the holder could not lock: ${outcome.message}`);
  return { child, pid: outcome.pid };
}

async function pidOfDeadProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('child did not start');
  return child.pid;
}

async function journalRevisions(): Promise<number[]> {
  const revisions: number[] = [];
  for await (const record of readAllRecords(fixture.dir())) revisions.push(record.revision);
  return revisions;
}

describe('the data dir lock', () => {
  it('is held while open, names this process, and is released on close without deleting the file', async () => {
    const store = await fixture.open();
    expect(await readFile(lockPath(), 'utf8')).toBe(`${process.pid}\n`);
    await store.close();
    // Deleting a locked file would let a starter lock a fresh file of the same name.
    expect((await stat(lockPath())).isFile()).toBe(true);
    expect(await readFile(lockPath(), 'utf8')).toBe('');
    await expect(fixture.open()).resolves.toBeInstanceOf(FileJournalStore);
  });

  it('lets exactly one of several processes started at the same instant open a data dir', async () => {
    // What a crashed feed leaves behind: a lock file naming a process that is gone.
    await writeFile(lockPath(), `${await pidOfDeadProcess()}\n`);
    const racers = Array.from({ length: 6 }, () => lockChild());
    await Promise.all(racers.map((child) => child.ready));
    for (const child of racers) child.go();
    const outcomes = await Promise.all(racers.map((child) => child.outcome));

    const winners = outcomes.filter((outcome) => outcome.kind === 'won');
    expect(winners).toHaveLength(1);
    expect(winners[0]?.revisions).toEqual([1, 2, 3]);
    for (const outcome of outcomes) {
      if (outcome.kind === 'refused') {
        expect(outcome.message).toMatch(`data dir ${fixture.dir()} is in use by`);
      }
    }
    await Promise.all(racers.map((child) => child.release()));
    expect(await journalRevisions()).toEqual([1, 2, 3]);
  });

  it('refuses a data dir held by a live process, naming the pid in the lock file', async () => {
    const { pid } = await holder();
    await expect(fixture.open()).rejects.toThrow(StoreError);
    await expect(fixture.open()).rejects.toThrow(
      `data dir ${fixture.dir()} is in use by process ${pid} (it holds the lock on ${lockPath()})`,
    );
    expect(await readFile(lockPath(), 'utf8')).toBe(`${pid}\n`);
  });

  it('never takes over a live holder whose pid is not one of ours (a feed in another container)', async () => {
    await holder();
    // Another PID namespace: the pid the holder wrote names no process here.
    const elsewhere = await pidOfDeadProcess();
    await writeFile(lockPath(), `${elsewhere}\n`);
    await expect(fixture.open()).rejects.toThrow(
      `data dir ${fixture.dir()} is in use by process ${elsewhere}`,
    );
    expect(await readFile(lockPath(), 'utf8')).toBe(`${elsewhere}\n`);
    expect(await journalRevisions()).toEqual([1, 2, 3]);
  });

  it('refuses a held lock whose file names no process, naming the file', async () => {
    await holder();
    await writeFile(lockPath(), '');
    await expect(fixture.open()).rejects.toThrow(
      `data dir ${fixture.dir()} is in use by another process (it holds the lock on ${lockPath()})`,
    );
  });

  it('is free at once after the holder is killed, and says the holder did not close cleanly', async () => {
    const { child, pid } = await holder();
    await child.kill();
    const store = await fixture.open();
    expect(store.revision).toBe(3);
    expect(await readFile(lockPath(), 'utf8')).toBe(`${process.pid}\n`);
    expect(fixture.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', pid, file: lockPath() }),
    );
  });

  it('opens a data dir whose lock file names a process that is gone, saying so', async () => {
    const pid = await pidOfDeadProcess();
    await writeFile(lockPath(), `${pid}\n`);
    const store = await fixture.open();
    expect(await readFile(lockPath(), 'utf8')).toBe(`${process.pid}\n`);
    expect(fixture.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', pid, file: lockPath() }),
    );
    expect(store.revision).toBe(0);
  });

  it('opens a data dir whose lock file names this pid, left by an earlier run (containers reuse pids)', async () => {
    await writeFile(lockPath(), `${process.pid}\n`);
    await expect(fixture.open()).resolves.toBeInstanceOf(FileJournalStore);
  });

  it('opens a data dir whose unheld lock file names no process', async () => {
    await writeFile(lockPath(), 'garbled');
    await expect(fixture.open()).resolves.toBeInstanceOf(FileJournalStore);
  });

  it('refuses a second store on the same dir in this process', async () => {
    await fixture.open();
    const second = new FileJournalStore({ dataDir: fixture.dir(), log: () => undefined });
    await expect(second.open(initial)).rejects.toThrow(/already open in this process/);
  });
});
