import { generateKeyPairSync } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { CompactSign, compactVerify, createLocalJWKSet, errors, type JSONWebKeySet } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSigningKeys, writeNewKeyFile } from '../../src/signing/key-file.js';
import { readAllRecords } from '../../src/store/archive.js';
import { silentLogger } from '../../src/log.js';
import { FileJournalStore } from '../../src/store/file-journal.js';
import { recordHash } from '../../src/store/record-hash.js';
import type { ChangeRecord } from '../../src/store/change-store.js';
import { startTestFeed, tempDir, type TestFeed } from '../helpers/feed.js';
import { incidentBody, maintenanceBody, TOKENS } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';

interface RecordAnswer {
  readonly record: Record<string, unknown> & {
    readonly revisions: { readonly first: number; readonly last: number };
  };
  readonly jws: string;
}

const feeds: TestFeed[] = [];
afterEach(async () => {
  await Promise.all(feeds.splice(0).map((feed) => feed.close()));
});

async function feedWith(options: Parameters<typeof startTestFeed>[0] = {}): Promise<TestFeed> {
  const feed = await startTestFeed({
    configOverrides: { publicUrl: 'https://status.example.dk' },
    ...options,
  });
  feeds.push(feed);
  return feed;
}

async function openIncident(url: string, title = { da: 'MitID er nede', en: 'MitID is down' }) {
  const opened = await http(`${url}/v1/admin/incidents`, {
    method: 'POST',
    token: TOKENS.digst,
    body: incidentBody({ title }),
  });
  expect(opened.status).toBe(201);
  return opened.json<{ incident: { id: string } }>().incident.id;
}

async function resolveIncident(url: string, id: string): Promise<void> {
  const resolved = await http(`${url}/v1/admin/incidents/${id}/updates`, {
    method: 'POST',
    token: TOKENS.digst,
    body: { state: 'resolved', message: { da: 'Løst.', en: 'Resolved.' } },
  });
  expect(resolved.status).toBe(200);
}

async function keysOf(url: string): Promise<JSONWebKeySet> {
  const answer = await http(`${url}/v1/keys`);
  expect(answer.status).toBe(200);
  return answer.json<JSONWebKeySet>();
}

describe('signed outage records', () => {
  it('a resolved incident has a record that verifies with jose against /v1/keys', async () => {
    const { url, dataDir } = await feedWith();
    const id = await openIncident(url);
    await resolveIncident(url, id);

    const answer = await http(`${url}/v1/records/${id}`);
    expect(answer.status).toBe(200);
    const { record, jws } = answer.json<RecordAnswer>();
    const jwks = await keysOf(url);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', use: 'sig', alg: 'EdDSA' });
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwks));
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: jwks.keys[0]?.kid });
    expect(new TextDecoder().decode(payload)).toBe(canonicalize(record));
    expect(record).toMatchObject({
      feed: 'https://status.example.dk',
      id,
      kind: 'incident',
      authority: { id: 'digst', name: { en: 'Agency for Digital Government' } },
      reportedBy: 'digst',
      services: [{ id: 'eid', name: { da: 'MitID', en: 'MitID' } }],
      impact: 'critical',
      state: 'resolved',
      final: true,
      timeline: [{ state: 'investigating' }, { state: 'resolved' }],
    });
    expect(record['end']).toEqual(expect.any(String));

    // The chain hash is the hash of the journal's record at the end revision.
    let last: ChangeRecord | undefined;
    for await (const entry of readAllRecords(dataDir)) {
      if (entry.revision === record.revisions.last) last = entry;
    }
    expect(last?.change).toMatchObject({ type: 'incident', incident: { state: 'resolved' } });
    expect(record['chainHash']).toBe(recordHash(last as ChangeRecord));
    expect(record.revisions.first).toBeLessThan(record.revisions.last);
  });

  it('is deterministic: asking twice, and after a restart, gives the same signed record', async () => {
    const feed = await feedWith();
    const id = await openIncident(feed.url);
    await resolveIncident(feed.url, id);
    const answer = await http(`${feed.url}/v1/records/${id}`);
    expect(answer.status).toBe(200);
    const first = answer.text;
    expect((await http(`${feed.url}/v1/records/${id}`)).text).toBe(first);
    const restarted = await feed.restart();
    feeds.splice(feeds.indexOf(feed), 1, restarted);
    expect((await http(`${restarted.url}/v1/records/${id}`)).text).toBe(first);
  });

  it('an open event answers 409, or a provisional record with ?provisional=1', async () => {
    const { url } = await feedWith();
    const id = await openIncident(url);
    const refused = await http(`${url}/v1/records/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.json()['error']).toContain('?provisional=1');
    const provisional = await http(`${url}/v1/records/${id}?provisional=1`);
    expect(provisional.status).toBe(200);
    expect(provisional.headers['cache-control']).toBe('no-store');
    expect(provisional.json<RecordAnswer>().record).toMatchObject({ final: false, end: null });
  });

  it('completed maintenance has a record with its states and announced window', async () => {
    const { url } = await feedWith();
    const scheduled = await http(`${url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody(),
    });
    expect(scheduled.status).toBe(201);
    const id = scheduled.json<{ maintenance: { id: string } }>().maintenance.id;
    for (const state of ['in_progress', 'completed']) {
      const changed = await http(`${url}/v1/admin/maintenance/${id}`, {
        method: 'PATCH',
        token: TOKENS.tax,
        body: { state },
      });
      expect(changed.status).toBe(200);
    }
    const { record, jws } = (await http(`${url}/v1/records/${id}`)).json<RecordAnswer>();
    await compactVerify(jws, createLocalJWKSet(await keysOf(url)));
    expect(record).toMatchObject({
      kind: 'maintenance',
      impact: 'maintenance',
      authority: { id: 'tax' },
      state: 'completed',
      final: true,
      scheduled: { start: '2030-03-14T22:00:00+01:00', end: '2030-03-15T02:00:00+01:00' },
      timeline: [{ state: 'scheduled' }, { state: 'in_progress' }, { state: 'completed' }],
    });
  });

  it('answers 404 for an unknown id and 400 for an unknown format', async () => {
    const { url } = await feedWith();
    const unknown = await http(`${url}/v1/records/inc-19990101-1`);
    expect(unknown.status).toBe(404);
    expect(unknown.json()['error']).toBe(
      'no incident or maintenance "inc-19990101-1" in this feed\'s journal',
    );
    const id = await openIncident(url);
    await resolveIncident(url, id);
    const bad = await http(`${url}/v1/records/${id}?format=pdf`);
    expect(bad.status).toBe(400);
    expect(bad.json()['error']).toBe('format: must be "json" or "html", not "pdf"');
  });

  it('a record signed by a retired key still verifies after a rotation', async () => {
    const dir = await tempDir();
    const oldKey = join(dir, 'old.jwk');
    const newKey = join(dir, 'new.jwk');
    await writeNewKeyFile(oldKey);
    await writeNewKeyFile(newKey);
    const before = await feedWith({ signingKeys: await loadSigningKeys([oldKey]) });
    const id = await openIncident(before.url);
    await resolveIncident(before.url, id);
    const oldRecord = (await http(`${before.url}/v1/records/${id}`)).json<RecordAnswer>();
    await before.feed.close();
    feeds.splice(feeds.indexOf(before), 1);

    const after = await feedWith({
      dataDir: before.dataDir,
      signingKeys: await loadSigningKeys([newKey, oldKey]),
    });
    const jwks = await keysOf(after.url);
    expect(jwks.keys).toHaveLength(2);
    const { protectedHeader } = await compactVerify(oldRecord.jws, createLocalJWKSet(jwks));
    expect(protectedHeader.kid).toBe(jwks.keys[1]?.kid);
    // New records are signed with the new key.
    const fresh = (await http(`${after.url}/v1/records/${id}`)).json<RecordAnswer>();
    expect((await compactVerify(fresh.jws, createLocalJWKSet(jwks))).protectedHeader.kid).toBe(
      jwks.keys[0]?.kid,
    );
  });

  it('a record forged with another key fails against the published keys', async () => {
    const { url } = await feedWith();
    const id = await openIncident(url);
    await resolveIncident(url, id);
    const { jws } = (await http(`${url}/v1/records/${id}`)).json<RecordAnswer>();
    const jwks = await keysOf(url);
    const kid = jwks.keys[0]?.kid ?? '';
    const { privateKey } = generateKeyPairSync('ed25519');
    const [, payload] = jws.split('.');
    const forged = await new CompactSign(Buffer.from(payload ?? '', 'base64url'))
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .sign(privateKey);
    await expect(compactVerify(forged, createLocalJWKSet(jwks))).rejects.toBeInstanceOf(
      errors.JWSSignatureVerificationFailed,
    );
  });

  it('a feed on its own file journal makes its key once, mode 0600, and keeps it', async () => {
    const feed = await feedWith();
    const keyFile = join(feed.dataDir, 'signing-key.jwk');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const kid = (await keysOf(feed.url)).keys[0]?.kid;
    const restarted = await feed.restart();
    feeds.splice(feeds.indexOf(feed), 1, restarted);
    expect((await keysOf(restarted.url)).keys[0]?.kid).toBe(kid);
  });
});

describe('keys and records without a signing key', () => {
  it('a feed given a store and no key answers 503 with what to do, and /v1 links the keys', async () => {
    const dataDir = await tempDir();
    const store = new FileJournalStore({ dataDir, historySize: 100, log: silentLogger });
    const { url } = await feedWith({ store, dataDir });
    const keys = await http(`${url}/v1/keys`);
    expect(keys.status).toBe(503);
    expect(keys.json()['error']).toBe(
      'this feed has no signing key (serve --signing-key FILE; see statuskit-feed keygen)',
    );
    expect((await http(`${url}/v1/records/inc-1`)).status).toBe(503);

    const signed = await feedWith();
    const discovery = await http(`${signed.url}/v1`);
    expect(discovery.json<{ links: Record<string, string> }>().links['keys']).toBe(
      'https://status.example.dk/v1/keys',
    );
  });
});
