// A feed stand-in for the lock tests, run as its own process (bundled by `bundleLockChild`): it
// opens the real FileJournalStore on a data dir when told to, so several processes can race.
//
// usage: node lock-child.mjs <dataDir>
//   prints "ready", waits for "go" on stdin, then opens the store. If it wins, it appends three
//   changes, prints "won <pid> <revisions…>", and holds the data dir until stdin ends; if the
//   dir is taken, it prints "refused <message>" and exits 3.
import type { Service, StatusDocument } from '@statuskit/model';
import { FileJournalStore } from '../../src/store/file-journal.js';

// Not from fixtures.ts, which imports vitest.
const mitid: Service = {
  id: 'mitid',
  name: { da: 'MitID' },
  owner: 'digst',
  status: 'operational',
};
const initial: StatusDocument = {
  defaultLocale: 'da',
  timeZone: 'Europe/Copenhagen',
  authorities: [{ id: 'digst', name: { da: 'Digitaliseringsstyrelsen' } }],
  services: [mitid],
  incidents: [],
  maintenance: [],
};

const [dataDir] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: lock-child.mjs <dataDir>');

async function run(dir: string): Promise<void> {
  const store = new FileJournalStore({ dataDir: dir, log: () => undefined });
  try {
    await store.open(initial);
  } catch (error) {
    process.stdout.write(`refused ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(3);
  }
  const revisions: number[] = [];
  for (const status of ['degraded', 'partial_outage', 'operational'] as const) {
    const service = { ...mitid, status };
    const [record] = await store.append([{ type: 'service', service }], 'digst');
    if (record) revisions.push(record.revision);
  }
  process.stdout.write(`won ${process.pid} ${revisions.join(' ')}\n`);
  process.stdin.on('end', () => {
    void store.close().then(() => process.exit(0));
  });
  process.stdin.resume();
}

let input = '';
const onData = (chunk: Buffer): void => {
  input += chunk.toString();
  if (!input.includes('go\n')) return;
  process.stdin.off('data', onData);
  process.stdin.pause();
  void run(dataDir);
};
process.stdin.on('data', onData);
process.stdout.write('ready\n');
