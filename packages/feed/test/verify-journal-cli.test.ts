import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { statusChange, storeFixture } from './store/fixtures.js';

const fixture = storeFixture();

async function writeJournal(count: number): Promise<string> {
  const store = await fixture.open({ compactEvery: 3 });
  for (let i = 1; i <= count; i += 1)
    await store.append([statusChange(`svc-${i}`, 'degraded')], 'digst');
  await store.close();
  return fixture.dir();
}

describe('statuskit-feed verify-journal', () => {
  it('says the chain is intact across archive segments and the journal, exit 0', async () => {
    const dir = await writeJournal(7);
    const result = await runCli(['verify-journal', '--data', dir]);
    expect(result.stdout).toBe('7 records, chain intact from revision 1 to 7\n');
    expect(result.code).toBe(0);
  });

  it('names the first broken link, exit 1', async () => {
    const dir = await writeJournal(7);
    // Revision 5 is in the archive segment 4–6; one byte of it changes.
    const segment = path.join(dir, 'archive', 'journal-000000000004-000000000006.jsonl');
    const text = await readFile(segment, 'utf8');
    await writeFile(segment, text.replace('"svc-5"', '"svc-6"'));
    const result = await runCli(['verify-journal', '--data', dir]);
    expect(result.stderr).toMatch(/^statuskit-feed: broken link at revision 6: /);
    expect(result.code).toBe(1);
  });

  it('reports a record removed from the journal, exit 1', async () => {
    const dir = await writeJournal(7);
    const segment = path.join(dir, 'archive', 'journal-000000000004-000000000006.jsonl');
    const lines = (await readFile(segment, 'utf8')).split('\n');
    await writeFile(segment, [lines[0], lines[2], ''].join('\n'));
    const result = await runCli(['verify-journal', '--data', dir]);
    expect(result.stderr).toMatch(/line 2: revision 6 follows 4/);
    expect(result.code).toBe(1);
  });

  it('needs --data or --store, exit 2', async () => {
    const result = await runCli(['verify-journal']);
    expect(result.stderr).toMatch(/verify-journal needs either --data DIR or --store redis:\/\//);
    expect(result.code).toBe(2);
  });
});
