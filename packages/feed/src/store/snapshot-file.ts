import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { StatusDocument } from '@statuskit/model';
import { StoreError } from './change-store.js';
import { describeError, errorCode, syncDirectory } from './data-dir.js';

/** `snapshot.json`: the document as it was after `revision`, so start-up replays only the rest. */
export interface Snapshot {
  readonly format: 1;
  readonly revision: number;
  /** When the snapshot was written (ISO 8601, UTC). */
  readonly time: string;
  readonly document: StatusDocument;
  /**
   * `recordHash` of the record at `revision`, so the journal's hash chain goes on after
   * compaction; absent in snapshots written before the chain began.
   */
  readonly lastHash?: string;
}

/** The stored snapshot, or `undefined` when none has been written yet. */
export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new StoreError(`cannot read ${file}: ${describeError(error)}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw corrupt(file, `not valid JSON (${describeError(error)})`);
  }
  const problem = snapshotProblem(value);
  if (problem !== undefined) throw corrupt(file, problem);
  return value as Snapshot;
}

/**
 * Replaces the snapshot so that a crash at any point leaves either the old or the new one, never
 * a mix: write a temporary file, fsync it, rename it over the old one, fsync the directory.
 */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(snapshot)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  await syncDirectory(path.dirname(file));
}

/** A temporary snapshot left by a crash mid-write is incomplete by definition. */
export async function removeUnfinishedSnapshot(file: string): Promise<void> {
  await rm(`${file}.tmp`, { force: true });
}

function corrupt(file: string, problem: string): StoreError {
  return new StoreError(
    `${file}: ${problem}; the snapshot is damaged, so the feed will not start on it: restore it ` +
      'from a backup',
  );
}

function snapshotProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const { format, revision, time, document, lastHash } = value as Record<string, unknown>;
  if (format !== 1) return `format ${JSON.stringify(format)} is not 1, the one this feed reads`;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) {
    return 'revision is not a non-negative integer';
  }
  if (typeof time !== 'string') return 'time is not a string';
  if (lastHash !== undefined && (typeof lastHash !== 'string' || !/^[0-9a-f]{64}$/.test(lastHash)))
    return 'lastHash is not a SHA-256 in hex';
  if (typeof document !== 'object' || document === null) return 'document is not an object';
  const { services, incidents, maintenance } = document as Record<string, unknown>;
  if (!Array.isArray(services) || !Array.isArray(incidents) || !Array.isArray(maintenance)) {
    return 'document lacks the services, incidents and maintenance lists';
  }
  return undefined;
}
