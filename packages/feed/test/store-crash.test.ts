import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readAllRecords } from '../src/store/file-journal.js';
import { statusChange, storeFixture } from './store/fixtures.js';

const writer = fileURLToPath(new URL('./store/crash-writer.mjs', import.meta.url));
const fixture = storeFixture();

/** Runs the writer until `stopAt` says so, then SIGKILLs it; returns what it acknowledged. */
async function killWriterWhen(
  mode: 'stream' | 'torn',
  stopAt: (acknowledged: string[]) => boolean,
): Promise<string[]> {
  const child: ChildProcess = spawn(process.execPath, [writer, fixture.dir(), mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acknowledged: string[] = [];
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer exited on its own (code ${code})`));
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      acknowledged.push(...lines);
      if (stopAt(acknowledged)) child.kill('SIGKILL');
    });
  });
  return acknowledged;
}

describe('FileJournalStore after the writing process is killed', () => {
  it('keeps every acknowledged revision and cuts any torn tail', async () => {
    const acknowledged = await killWriterWhen('stream', (acks) => acks.length >= 200);
    const lastAcknowledged = Math.max(...acknowledged.map(Number));

    const store = await fixture.open();
    expect(store.revision).toBeGreaterThanOrEqual(lastAcknowledged);
    const revisions: number[] = [];
    for await (const record of readAllRecords(fixture.dir())) revisions.push(record.revision);
    expect(revisions).toEqual(Array.from({ length: store.revision }, (_, i) => i + 1));
    expect((await readFile(path.join(fixture.dir(), 'journal.jsonl'), 'utf8')).endsWith('\n')).toBe(
      true,
    );
    // The dead writer's lock was taken over.
    expect(fixture.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', file: path.join(fixture.dir(), 'statuskit.lock') }),
    );
  });

  it('cuts a record the crash left half-written and appends after it', async () => {
    const acknowledged = await killWriterWhen('torn', (acks) => acks.includes('torn'));
    expect(acknowledged).toEqual(['1', '2', '3', '4', '5', 'torn']);

    const store = await fixture.open();
    expect(store.revision).toBe(5);
    expect(fixture.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        line: 6,
        file: path.join(fixture.dir(), 'journal.jsonl'),
      }),
    );
    const [record] = await store.append([statusChange('mitid', 'degraded')], 'digst');
    expect(record?.revision).toBe(6);
    await store.close();

    const reopened = await fixture.open();
    expect(reopened.revision).toBe(6);
  });
});
