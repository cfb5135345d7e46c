import { open, readFile, rm } from 'node:fs/promises';
import type { Logger } from '../log.js';
import { StoreError } from './change-store.js';
import { type DataDirPaths, describeError, errorCode } from './data-dir.js';

/**
 * Data dirs locked by this process. A lock file naming our own pid is then either held here
 * (a second store on the same dir: refuse) or left over from an earlier run that had the same
 * pid, which is the rule in containers where the feed is pid 1 after every restart (take over).
 */
const lockedHere = new Set<string>();

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Takes `statuskit.lock` so two feed processes never write one journal. A lock whose process is
 * gone (a crash or SIGKILL) is taken over; one held by a live process is an error naming it.
 */
export async function lockDataDir(paths: DataDirPaths, log: Logger): Promise<DataDirLock> {
  if (lockedHere.has(paths.dir)) {
    throw new StoreError(`data dir ${paths.dir} is already open in this process`);
  }
  // Reserved before the first await, so two opens racing in this process cannot both take it.
  lockedHere.add(paths.dir);
  try {
    if (!(await createLockFile(paths))) {
      await takeOverStaleLock(paths, log);
    }
  } catch (error) {
    lockedHere.delete(paths.dir);
    throw error;
  }
  return {
    release: async () => {
      await rm(paths.lock, { force: true });
      lockedHere.delete(paths.dir);
    },
  };
}

async function takeOverStaleLock(paths: DataDirPaths, log: Logger): Promise<void> {
  const holder = await readHolder(paths);
  if (holder === 'released') {
    // The other process let go between our attempt and the read: just try again.
    if (await createLockFile(paths)) return;
    throw new StoreError(
      `data dir ${paths.dir} is in use by another process (lock file ${paths.lock})`,
    );
  }
  if (holder === 'garbled') {
    // Most likely a crash between creating the file and writing the pid, but it could also be
    // another process in that same instant: only a person can tell, so say what to check.
    throw new StoreError(
      `data dir ${paths.dir} has a lock file ${paths.lock} that names no process; if no feed ` +
        'server is using this data dir, delete the lock file and start again',
    );
  }
  if (holder !== process.pid && isAlive(holder)) {
    throw new StoreError(
      `data dir ${paths.dir} is in use by process ${holder}; stop that process or choose ` +
        `another data dir (lock file ${paths.lock})`,
    );
  }
  await rm(paths.lock, { force: true });
  if (!(await createLockFile(paths))) {
    throw new StoreError(
      `data dir ${paths.dir} was taken by another process while this one replaced a stale lock`,
    );
  }
  log({
    level: 'warn',
    msg: `took over the lock of data dir ${paths.dir} from process ${holder}, which is no longer running`,
    file: paths.lock,
    pid: holder,
  });
}

/** Creates the lock file with our pid; false when it already exists. */
async function createLockFile(paths: DataDirPaths): Promise<boolean> {
  try {
    const handle = await open(paths.lock, 'wx');
    try {
      await handle.writeFile(`${process.pid}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw new StoreError(`cannot create the lock file ${paths.lock}: ${describeError(error)}`, {
      cause: error,
    });
  }
}

/** The pid in the lock file, `garbled` when it holds none, `released` when it is gone. */
async function readHolder(paths: DataDirPaths): Promise<number | 'garbled' | 'released'> {
  let text: string;
  try {
    text = await readFile(paths.lock, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'released';
    throw new StoreError(`cannot read the lock file ${paths.lock}: ${describeError(error)}`, {
      cause: error,
    });
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 'garbled';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user, so it is alive.
    return errorCode(error) !== 'ESRCH';
  }
}
