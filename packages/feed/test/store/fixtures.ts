import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Change, Service, StatusDocument, Status } from '@statuskit/model';
import { afterEach, beforeEach } from 'vitest';
import type { LogEntry } from '../../src/log.js';
import type { ChangeRecord } from '../../src/store/change-store.js';
import { FileJournalStore, type FileJournalStoreOptions } from '../../src/store/file-journal.js';

export function service(id: string, status: Status = 'operational'): Service {
  return { id, name: { da: id, en: id }, owner: 'digst', status };
}

export function statusChange(id: string, status: Status): Change {
  return { type: 'service', service: service(id, status) };
}

export const initial: StatusDocument = {
  defaultLocale: 'da',
  timeZone: 'Europe/Copenhagen',
  authorities: [{ id: 'digst', name: { da: 'Digitaliseringsstyrelsen' } }],
  services: [service('mitid')],
  incidents: [],
  maintenance: [],
};

/** A stored record as the journal holds it: revision n sets `svc-n` to degraded. */
export function record(revision: number): ChangeRecord {
  return {
    revision,
    time: '2025-01-01T00:00:00.000Z',
    actor: 'digst',
    services: [`svc-${revision}`],
    change: statusChange(`svc-${revision}`, 'degraded'),
  };
}

/** Journal text for revisions `from`..`to`, every line complete. */
export function journalText(from: number, to: number): string {
  let text = '';
  for (let revision = from; revision <= to; revision += 1) {
    text += `${JSON.stringify(record(revision))}\n`;
  }
  return text;
}

export async function writeSnapshotFile(dir: string, revision: number): Promise<void> {
  let document = { ...initial, services: [] as Service[] };
  for (let r = 1; r <= revision; r += 1) {
    document = { ...document, services: [...document.services, service(`svc-${r}`, 'degraded')] };
  }
  const snapshot = { format: 1, revision, time: '2025-01-01T00:00:00.000Z', document };
  await writeFile(path.join(dir, 'snapshot.json'), JSON.stringify(snapshot));
}

/**
 * A fresh temp data dir per test, and stores opened through `open` closed after it (so the lock
 * file is released even when an assertion fails).
 */
export function storeFixture(): {
  dir: () => string;
  logs: LogEntry[];
  open: (
    options?: Partial<FileJournalStoreOptions>,
    doc?: StatusDocument,
  ) => Promise<FileJournalStore>;
} {
  let dir: string | undefined;
  const logs: LogEntry[] = [];
  const stores: FileJournalStore[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'statuskit-store-'));
    logs.length = 0;
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const current = (): string => {
    if (!dir) throw new Error('no data dir outside a test');
    return dir;
  };
  return {
    dir: current,
    logs,
    open: async (options = {}, doc = initial) => {
      const store = new FileJournalStore({
        dataDir: current(),
        log: (entry) => logs.push(entry),
        ...options,
      });
      stores.push(store);
      await store.open(doc);
      return store;
    },
  };
}

export function serviceIds(document: StatusDocument): string[] {
  return document.services.map((s) => s.id);
}
