// The journal records the credential of every write (`session`, `token`), keeps it across a
// restart (checked when read back, in the hash chain), and refuses a record whose fields are bad.
import { appendFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/journal/journal-chain.js';
import type { ChangeRecord } from '../src/store/change-store.js';
import { recordHash } from '../src/store/record-hash.js';
import { hashToken } from '../src/tokens.js';
import { startTestFeed, tempDir, type TestFeed } from './helpers/feed.js';
import { incidentBody, TOKENS } from './helpers/fixtures.js';
import { http } from './helpers/http.js';

const open: TestFeed[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((feed) => feed.close()));
});

async function journal(dataDir: string): Promise<ChangeRecord[]> {
  const text = await readFile(join(dataDir, 'journal.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ChangeRecord);
}

describe('the credential in the journal', () => {
  it('records the token of a bearer write, and keeps it across a restart', async () => {
    const first = await startTestFeed();
    open.push(first);
    const answer = await http(`${first.url}/v1/admin/incidents`, {
      method: 'POST',
      body: incidentBody(),
      token: TOKENS.digst,
    });
    expect(answer.status).toBe(201);
    const written = (await journal(first.dataDir)).at(-1);
    expect(written).toMatchObject({
      actor: 'digst',
      token: hashToken(TOKENS.digst).slice('sha256:'.length, 'sha256:'.length + 12),
    });
    const second = await first.restart();
    open.splice(0, 1, second);
    const reread = second.feed.store.since(second.feed.store.revision - 1)?.[0];
    expect(reread?.token).toBe(written?.token);
  });

  it('refuses at start a journal whose record has a malformed session, naming the field', async () => {
    const dataDir = await tempDir();
    const first = await startTestFeed({ dataDir });
    await http(`${first.url}/v1/admin/incidents`, {
      method: 'POST',
      body: incidentBody(),
      token: TOKENS.digst,
    });
    await first.close();
    const records = await journal(dataDir);
    const last = records.at(-1);
    if (!last) throw new Error('nothing written');
    const forged = {
      ...last,
      revision: last.revision + 1,
      session: 'not a session',
      previousHash: recordHash(last),
    };
    await appendFile(join(dataDir, 'journal.jsonl'), `${JSON.stringify(forged)}\n`);
    await expect(startTestFeed({ dataDir })).rejects.toThrow(/session is not a console session id/);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('takes session and token into the hash chain', async () => {
    const feed = await startTestFeed();
    open.push(feed);
    await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      body: incidentBody(),
      token: TOKENS.digst,
    });
    await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      body: incidentBody({ title: { da: 'Igen', en: 'Again' } }),
      token: TOKENS.digst,
    });
    const path = join(feed.dataDir, 'journal.jsonl');
    const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');
    const tampered = lines.map((line, index) =>
      index === lines.length - 2
        ? line.replace(/"token":"[0-9a-f]{12}"/, '"token":"000000000000"')
        : line,
    );
    expect(tampered).not.toEqual(lines);
    const records = (texts: string[]): AsyncIterable<ChangeRecord> =>
      Readable.from(texts.map((text) => JSON.parse(text) as ChangeRecord));
    expect(await verifyChain(records(lines))).toMatchObject({ intact: true });
    expect(await verifyChain(records(tampered))).toMatchObject({
      intact: false,
      revision: feed.feed.store.revision,
    });
  });
});
