import { type FileHandle, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type ChangeRecord, StoreError } from './change-store.js';
import { type DataDirPaths, dataDirPaths, errorCode, syncDirectory } from './data-dir.js';
import { journalEntries, lineError } from './journal-file.js';

const SEGMENT_NAME = /^journal-(\d{12,})-(\d{12,})\.jsonl$/;

/** `journal-000000000001-000000001000.jsonl`: zero-padded so a plain listing is in order. */
export function segmentName(first: number, last: number): string {
  const pad = (revision: number): string => String(revision).padStart(12, '0');
  return `journal-${pad(first)}-${pad(last)}.jsonl`;
}

interface Segment {
  readonly file: string;
  readonly first: number;
  readonly last: number;
}

export async function listSegments(archive: string): Promise<Segment[]> {
  let names: string[];
  try {
    names = await readdir(archive);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  return names
    .flatMap((name) => {
      const match = SEGMENT_NAME.exec(name);
      if (!match?.[1] || !match[2]) return [];
      return [{ file: path.join(archive, name), first: Number(match[1]), last: Number(match[2]) }];
    })
    .sort((a, b) => a.first - b.first || a.last - b.last);
}

/**
 * Moves the active journal, holding revisions `first`..`last`, into the archive (compaction step
 * 2). History is never overwritten: when a segment with that range is already there, as after a
 * crash in the middle of an earlier archiving, an identical journal is a leftover copy and is
 * dropped; a different one is an error for a person to resolve.
 */
export async function archiveJournal(
  paths: DataDirPaths,
  first: number,
  last: number,
): Promise<void> {
  const target = path.join(paths.archive, segmentName(first, last));
  if (await exists(target)) {
    const [active, archived] = await Promise.all([readFile(paths.journal), readFile(target)]);
    if (!active.equals(archived)) {
      throw new StoreError(
        `cannot archive ${paths.journal}: ${target} already exists with different content; ` +
          'compare the two and move one of them aside',
      );
    }
    await rm(paths.journal);
  } else {
    await rename(paths.journal, target);
    await syncDirectory(paths.archive);
  }
  await syncDirectory(paths.dir);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Every stored record, oldest first: the archive segments in order, then the active journal.
 * Streams file by file, so years of history never sit in memory at once. Safe to run beside a
 * live store: a record that two files share (compaction interrupted by a crash) is yielded once,
 * and a half-written line at the end of the active journal (an append in progress) is left out.
 * Throws a `StoreError` naming the file and line when a record is damaged or revisions skip.
 */
export async function* readAllRecords(dataDir: string): AsyncIterable<ChangeRecord> {
  const paths = dataDirPaths(dataDir);
  // Opened before the archive is listed: if compaction moves it meanwhile, the handle still
  // reads the moved file, and the listing either misses it or holds it (then it is skipped as
  // already seen). Either way nothing is lost or repeated.
  const active = await openIfExists(paths.journal);
  try {
    let last: number | undefined;
    const records = async function* (handle: FileHandle, file: string, isActive: boolean) {
      for await (const entry of journalEntries(handle, file)) {
        if (entry.kind === 'torn') {
          if (isActive) return;
          throw lineError(file, entry.line, 'the last line is incomplete');
        }
        const { record, line } = entry;
        if (last !== undefined && record.revision <= last) continue;
        if (last !== undefined && record.revision !== last + 1) {
          throw lineError(file, line, `revision ${record.revision} follows ${last}`);
        }
        last = record.revision;
        yield record;
      }
    };
    for (const segment of await listSegments(paths.archive)) {
      const handle = await open(segment.file, 'r');
      try {
        yield* records(handle, segment.file, false);
      } finally {
        await handle.close();
      }
    }
    if (active) yield* records(active, paths.journal, true);
  } finally {
    await active?.close();
  }
}

export async function openIfExists(file: string): Promise<FileHandle | undefined> {
  try {
    return await open(file, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}
