// A stand-in for a feed process that dies mid-append. It writes journal lines in the store's
// format (one JSON record per line, fsynced before the revision is acknowledged on stdout) and
// holds the data dir's lock (flock) like the store does. The parent SIGKILLs it and reopens the data dir
// with the real FileJournalStore. Plain JavaScript: a child process cannot import the TypeScript.
//
// usage: node crash-writer.mjs <dataDir> stream   append until killed
//        node crash-writer.mjs <dataDir> torn     append 5, then stop half-way through the 6th
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir || (mode !== 'stream' && mode !== 'torn')) {
  throw new Error('usage: crash-writer.mjs <dataDir> stream|torn');
}

const lock = fs.openSync(path.join(dataDir, 'statuskit.lock'), 'w');
createRequire(import.meta.url)('fs-ext').flockSync(lock, 'exnb');
fs.writeSync(lock, `${process.pid}\n`);
const journal = fs.openSync(path.join(dataDir, 'journal.jsonl'), 'a');

function line(revision) {
  const change = {
    type: 'service',
    service: {
      id: `svc-${revision}`,
      name: { da: 'x'.repeat(2000) },
      owner: 'digst',
      status: 'degraded',
    },
  };
  return Buffer.from(
    `${JSON.stringify({ revision, time: new Date().toISOString(), actor: 'digst', services: [`svc-${revision}`], change })}\n`,
  );
}

function acknowledge(text) {
  fs.writeSync(1, `${text}\n`);
}

const last = mode === 'torn' ? 5 : Number.MAX_SAFE_INTEGER;
for (let revision = 1; revision <= last; revision += 1) {
  const bytes = line(revision);
  // Two writes, so a kill can also land inside a record.
  const half = Math.floor(bytes.length / 2);
  fs.writeSync(journal, bytes.subarray(0, half));
  fs.writeSync(journal, bytes.subarray(half));
  fs.fdatasyncSync(journal);
  acknowledge(String(revision));
}

const bytes = line(last + 1);
fs.writeSync(journal, bytes.subarray(0, Math.floor(bytes.length / 2)));
fs.fdatasyncSync(journal);
acknowledge('torn');
setInterval(() => undefined, 1000);
