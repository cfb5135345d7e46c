import { spawn } from 'node:child_process';
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../src/store/change-store.js';
import { FileJournalStore } from '../src/store/file-journal.js';
import { initial, storeFixture } from './store/fixtures.js';

const fixture = storeFixture();
const children: ReturnType<typeof spawn>[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function lockPath(): string {
  return path.join(fixture.dir(), 'statuskit.lock');
}

async function pidOfLiveProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  if (child.pid === undefined) throw new Error('child did not start');
  return child.pid;
}

async function pidOfDeadProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('child did not start');
  return child.pid;
}

describe('the data dir lock', () => {
  it('is held while open and removed on close', async () => {
    const store = await fixture.open();
    expect(await readFile(lockPath(), 'utf8')).toBe(`${process.pid}\n`);
    await store.close();
    await expect(access(lockPath())).rejects.toThrow(/ENOENT/);
  });

  it('refuses a data dir locked by a live process, naming it', async () => {
    const pid = await pidOfLiveProcess();
    await writeFile(lockPath(), `${pid}\n`);
    await expect(fixture.open()).rejects.toThrow(StoreError);
    await expect(fixture.open()).rejects.toThrow(
      `data dir ${fixture.dir()} is in use by process ${pid}`,
    );
    expect(await readFile(lockPath(), 'utf8')).toBe(`${pid}\n`);
  });

  it('takes over the lock of a process that is gone', async () => {
    const pid = await pidOfDeadProcess();
    await writeFile(lockPath(), `${pid}\n`);
    const store = await fixture.open();
    expect(await readFile(lockPath(), 'utf8')).toBe(`${process.pid}\n`);
    expect(fixture.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', pid, file: lockPath() }),
    );
    expect(store.revision).toBe(0);
  });

  it('takes over a lock naming this pid left by an earlier run (containers reuse pids)', async () => {
    await writeFile(lockPath(), `${process.pid}\n`);
    await expect(fixture.open()).resolves.toBeInstanceOf(FileJournalStore);
  });

  it('refuses a second store on the same dir in this process', async () => {
    await fixture.open();
    const second = new FileJournalStore({ dataDir: fixture.dir(), log: () => undefined });
    await expect(second.open(initial)).rejects.toThrow(/already open in this process/);
  });

  it('refuses a lock file that names no process, saying what to do', async () => {
    await writeFile(lockPath(), '');
    await expect(fixture.open()).rejects.toThrow(/names no process; if no feed server/);
  });
});
