// Signed outage records on the Redis store: processes sharing one Redis and one key issue the
// same record, and a process never issues one for an event whose beginning it did not see.
import { join } from 'node:path';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSigningKeys, writeNewKeyFile } from '../../src/signing/key-file.js';
import { startTestFeed, tempDir, type TestFeed } from '../helpers/feed.js';
import { incidentBody, TOKENS } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';
import { useRedisForTestFeeds } from '../helpers/redis.js';

useRedisForTestFeeds();

const feeds: TestFeed[] = [];
afterEach(async () => {
  await Promise.all(feeds.splice(0).map((feed) => feed.close()));
});

async function open(url: string): Promise<string> {
  const opened = await http(`${url}/v1/admin/incidents`, {
    method: 'POST',
    token: TOKENS.digst,
    body: incidentBody(),
  });
  expect(opened.status).toBe(201);
  return opened.json<{ incident: { id: string } }>().incident.id;
}

async function resolve(url: string, id: string): Promise<void> {
  const resolved = await http(`${url}/v1/admin/incidents/${id}/updates`, {
    method: 'POST',
    token: TOKENS.digst,
    body: { state: 'resolved', message: { da: 'Løst.', en: 'Resolved.' } },
  });
  expect(resolved.status).toBe(200);
}

describe('signed outage records on Redis', () => {
  it('two processes issue the same record; one started later refuses older events', async () => {
    const keyDir = await tempDir();
    const keyFile = join(keyDir, 'key.jwk');
    await writeNewKeyFile(keyFile);
    const signingKeys = await loadSigningKeys([keyFile]);
    const first = await startTestFeed({ signingKeys });
    feeds.push(first);
    const before = await open(first.url);

    // Same data dir name, so the same key prefix: one feed, two processes.
    const second = await startTestFeed({ signingKeys, dataDir: first.dataDir });
    feeds.push(second);
    await resolve(first.url, before);
    expect((await http(`${first.url}/v1/records/${before}`)).status).toBe(200);
    const refused = await http(`${second.url}/v1/records/${before}`);
    expect(refused.status).toBe(404);
    expect(refused.json()['error']).toMatch(/began before this feed process started/);

    const after = await open(first.url);
    await resolve(first.url, after);
    await expect
      .poll(async () => (await http(`${second.url}/v1/records/${after}`)).status)
      .toBe(200);
    const fromFirst = await http(`${first.url}/v1/records/${after}`);
    const fromSecond = await http(`${second.url}/v1/records/${after}`);
    expect(fromSecond.text).toBe(fromFirst.text);
    const jwks = (await http(`${second.url}/v1/keys`)).json<JSONWebKeySet>();
    const { jws } = fromSecond.json<{ jws: string }>();
    await compactVerify(jws, createLocalJWKSet(jwks));
  });
});
