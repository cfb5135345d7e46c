import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Logger } from '../log.js';
import { StoreError } from './change-store.js';
import { type DataDirPaths, describeError, errorCode } from './data-dir.js';

/** Data dirs locked by this process: a second store on one of them gets a clear refusal. */
const lockedHere = new Set<string>();

export interface DataDirLock {
  release(): Promise<void>;
}

/** Another process holds the data dir's lock. */
export class DataDirInUseError extends StoreError {
  override name = 'DataDirInUseError';

  constructor(
    readonly dir: string,
    readonly lockFile: string,
    /** The pid the holder wrote into the lock file, as it sees itself (maybe in another container). */
    readonly holder: number | undefined,
  ) {
    super(
      `data dir ${dir} is in use by ${holder === undefined ? 'another process' : `process ${holder}`} ` +
        `(it holds the lock on ${lockFile}); stop that process or choose another data dir`,
    );
  }
}

/** fs-ext is a CommonJS native addon without types: this is the one call used from it. */
interface FlockBinding {
  readonly flockSync: (fd: number, operation: 'exnb') => void;
}

let binding: FlockBinding | undefined;

function flock(): FlockBinding {
  try {
    binding ??= createRequire(import.meta.url)('fs-ext') as FlockBinding;
    return binding;
  } catch (error) {
    throw new StoreError(
      `cannot load fs-ext, the native addon that locks the data dir (${describeError(error)}); ` +
        'reinstall @statuskit/feed where a C++ compiler is available',
      { cause: error },
    );
  }
}

/**
 * Takes `statuskit.lock` so two feed processes never write one journal. The lock is flock(2):
 * the kernel grants it to one open file at a time, atomically, whoever asks, and drops it when
 * the holder's process ends however it ends, so a crash never leaves a stale lock and a live
 * holder is never taken over, whatever pid namespace it runs in. The pid written into the file
 * is only for people. The file is never deleted: a starter could lock a fresh file of the same
 * name while the old one is still held.
 */
export async function lockDataDir(paths: DataDirPaths, log: Logger): Promise<DataDirLock> {
  if (lockedHere.has(paths.dir)) {
    throw new StoreError(`data dir ${paths.dir} is already open in this process`);
  }
  // Reserved before the first await, so two opens racing in this process cannot both take it.
  lockedHere.add(paths.dir);
  let handle: FileHandle | undefined;
  try {
    handle = await openLockFile(paths);
    await takeLock(handle, paths);
    const previous = await readHolder(handle);
    if (previous !== undefined) {
      // A clean release empties the file, so a pid here is a holder that died (a crash, a kill).
      log({
        level: 'warn',
        msg: `data dir ${paths.dir} was not closed cleanly by process ${previous}; its lock ended with it`,
        file: paths.lock,
        pid: previous,
      });
    }
    await handle.truncate(0);
    await handle.write(`${process.pid}\n`, 0);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    lockedHere.delete(paths.dir);
    throw error;
  }
  const held = handle;
  return {
    release: async () => {
      try {
        // Emptied, not deleted (see above); closing the file is what frees the lock.
        await held.truncate(0).catch(() => undefined);
        await held.close();
      } finally {
        lockedHere.delete(paths.dir);
      }
    },
  };
}

async function openLockFile(paths: DataDirPaths): Promise<FileHandle> {
  try {
    return await open(paths.lock, constants.O_RDWR | constants.O_CREAT, 0o644);
  } catch (error) {
    throw new StoreError(`cannot open the lock file ${paths.lock}: ${describeError(error)}`, {
      cause: error,
    });
  }
}

async function takeLock(handle: FileHandle, paths: DataDirPaths): Promise<void> {
  const { flockSync } = flock();
  try {
    flockSync(handle.fd, 'exnb');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EAGAIN' || code === 'EWOULDBLOCK') {
      throw new DataDirInUseError(paths.dir, paths.lock, await readHolder(handle));
    }
    throw new StoreError(
      `cannot lock ${paths.lock} (${describeError(error)}); the data dir must be on a file ` +
        'system that supports flock(2), such as a local disk or a volume shared on one host',
      { cause: error },
    );
  }
}

/** The pid written in the lock file, when it reads as one. */
async function readHolder(handle: FileHandle): Promise<number | undefined> {
  const buffer = Buffer.alloc(32);
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
  const text = buffer.subarray(0, bytesRead).toString('utf8').trim();
  const pid = Number(text);
  return text !== '' && Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}
