import { constants } from 'node:fs';
import { access, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from './change-store.js';

/** Where each part of the store lives inside a data dir. */
export interface DataDirPaths {
  readonly dir: string;
  /** The active journal segment. */
  readonly journal: string;
  readonly snapshot: string;
  /** Journal segments moved aside by compaction; kept for reporting on past outages. */
  readonly archive: string;
  readonly lock: string;
}

export function dataDirPaths(dataDir: string): DataDirPaths {
  const dir = path.resolve(dataDir);
  return {
    dir,
    journal: path.join(dir, 'journal.jsonl'),
    snapshot: path.join(dir, 'snapshot.json'),
    archive: path.join(dir, 'archive'),
    lock: path.join(dir, 'statuskit.lock'),
  };
}

/** Creates the data dir and its archive when missing, and checks this process may use them. */
export async function prepareDataDir(paths: DataDirPaths): Promise<void> {
  try {
    await mkdir(paths.archive, { recursive: true });
    await access(paths.dir, constants.R_OK | constants.W_OK | constants.X_OK);
    await access(paths.archive, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new StoreError(
      `data dir ${paths.dir} cannot be used (${describeError(error)}); create it, or choose ` +
        'another one, and make it readable and writable by the user running the feed',
      { cause: error },
    );
  }
}

/**
 * Makes a rename or a newly created file in `dir` survive a power cut: on Linux the directory
 * entry is only durable once the directory itself is fsynced (see fsync(2), "Notes").
 */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function errorCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
