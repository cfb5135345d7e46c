import { open } from 'node:fs/promises';
import { listSegments } from '../store/archive.js';
import { dataDirPaths } from '../store/data-dir.js';
import type { FileJournalStore } from '../store/file-journal.js';
import { journalEntries } from '../store/journal-file.js';

/**
 * The journal line of revision `revision`, the last one a data dir holds, as stored: from the
 * store's recent history, else from the newest archive segment (compaction moved it there).
 * `undefined` when the dir holds no record of it (an archive begun from a snapshot at that revision).
 */
export async function lastRecordLine(
  store: FileJournalStore,
  dataDir: string,
  revision: number,
): Promise<string | undefined> {
  const recent = store.since(revision - 1)?.[0];
  if (recent?.revision === revision) return JSON.stringify(recent);
  const newest = (await listSegments(dataDirPaths(dataDir).archive)).at(-1);
  if (newest?.last !== revision) return undefined;
  const handle = await open(newest.file, 'r');
  try {
    let line: string | undefined;
    for await (const entry of journalEntries(handle, newest.file)) {
      if (entry.kind === 'record' && entry.record.revision === revision) line = entry.line.text;
    }
    return line;
  } finally {
    await handle.close();
  }
}
