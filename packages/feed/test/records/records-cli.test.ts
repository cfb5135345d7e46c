import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, serveInChild, type RunningFeed } from '../helpers/cli.js';
import { tempDir } from '../helpers/feed.js';
import { configJson, incidentBody, TOKENS } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';

let dir: string;
let configPath: string;
let keyPath: string;
let feed: RunningFeed | undefined;

beforeAll(async () => {
  dir = await tempDir('statuskit-records-cli-');
  configPath = join(dir, 'statuskit.config.json');
  await writeFile(
    configPath,
    JSON.stringify(configJson({ publicUrl: 'https://status.example.dk' })),
  );
  keyPath = join(dir, 'current.jwk');
});

afterAll(async () => {
  if (feed) {
    feed.child.kill('SIGTERM');
    await feed.exited;
  }
  await rm(dir, { recursive: true, force: true });
});

describe('statuskit-feed keygen', () => {
  it('writes an Ed25519 JWK with mode 0600 and refuses to overwrite it', async () => {
    const made = await runCli(['keygen', '--out', keyPath]);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^wrote signing key [\w-]+ to /);
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
    const jwk = JSON.parse(await readFile(keyPath, 'utf8')) as Record<string, string>;
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(jwk['d']).toEqual(expect.any(String));

    const again = await runCli(['keygen', '--out', keyPath]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `statuskit-feed: ${keyPath} already exists; keygen never overwrites a key\n`,
    );
    expect(JSON.parse(await readFile(keyPath, 'utf8'))).toEqual(jwk);
  });
});

describe('statuskit-feed serve --signing-key', () => {
  it('stops with one sentence when the key file is missing', async () => {
    const missing = join(dir, 'nope.jwk');
    const result = await runCli([
      'serve',
      '--config',
      configPath,
      '--data',
      join(dir, 'data-missing'),
      '--port',
      '0',
      '--signing-key',
      missing,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `statuskit-feed: signing key file ${missing} does not exist; make one with "statuskit-feed keygen --out ${missing}"\n`,
    );
  });

  it('stops with one sentence when the key file cannot be read', async () => {
    const locked = join(dir, 'locked.jwk');
    await writeFile(locked, '{}', { mode: 0o000 });
    await chmod(locked, 0o000);
    const result = await runCli([
      'serve',
      '--config',
      configPath,
      '--data',
      join(dir, 'data-locked'),
      '--port',
      '0',
      '--signing-key',
      locked,
    ]);
    expect(result.code).toBe(1);
    // Root reads any file: then the content is what is wrong with it.
    expect(result.stderr).toMatch(
      new RegExp(
        `^statuskit-feed: signing key file ${locked} (cannot be read \\(permission denied\\)|is not an Ed25519 JWK)[^\\n]*\\n$`,
      ),
    );
  });

  it('stops with one sentence when the key file holds no key', async () => {
    const junk = join(dir, 'junk.jwk');
    await writeFile(junk, 'not json');
    const result = await runCli([
      'serve',
      '--config',
      configPath,
      '--data',
      join(dir, 'data-junk'),
      '--port',
      '0',
      '--signing-key',
      junk,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `statuskit-feed: signing key file ${junk} is not JSON (a JWK from keygen)\n`,
    );
  });
});

describe('statuskit-feed verify', () => {
  let recordFile: string;
  let keysFile: string;
  let answer: { record: Record<string, unknown>; jws: string };

  beforeAll(async () => {
    const data = join(dir, 'data');
    await mkdir(data);
    feed = await serveInChild(configPath, data, ['--signing-key', keyPath]);
    const opened = await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody(),
    });
    const id = opened.json<{ incident: { id: string } }>().incident.id;
    await http(`${feed.url}/v1/admin/incidents/${id}/updates`, {
      method: 'POST',
      token: TOKENS.digst,
      body: { state: 'resolved', message: { da: 'Løst.', en: 'Resolved.' } },
    });
    const fetched = await http(`${feed.url}/v1/records/${id}`);
    expect(fetched.status).toBe(200);
    answer = fetched.json();
    recordFile = join(dir, 'record.json');
    await writeFile(recordFile, fetched.text);
    keysFile = join(dir, 'keys.json');
    await writeFile(keysFile, (await http(`${feed.url}/v1/keys`)).text);
  });

  it('says a record is valid, offline against a JWKS file and against the feed URL', async () => {
    const offline = await runCli(['verify', recordFile, '--keys', keysFile]);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(
      /^valid: signed by [\w-]+ \(keys from .*keys\.json\): incident inc-\d+-1 on https:\/\/status\.example\.dk, resolved, journal revisions \d+–\d+, chain hash [0-9a-f]{64}\n$/,
    );
    const online = await runCli(['verify', recordFile, '--keys', `${feed?.url ?? ''}/v1/keys`]);
    expect(online.code).toBe(0);
    const bare = join(dir, 'record.jws');
    await writeFile(bare, answer.jws);
    expect((await runCli(['verify', bare, '--keys', keysFile])).code).toBe(0);
  });

  it('says an altered record is not valid, and why', async () => {
    const altered = join(dir, 'altered.json');
    await writeFile(
      altered,
      JSON.stringify({ ...answer, record: { ...answer.record, impact: 'minor' } }),
    );
    const result = await runCli(['verify', altered, '--keys', keysFile]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'not valid: the record beside the JWS differs from what was signed: it was altered\n',
    );

    const [header, payload, signature] = answer.jws.split('.');
    const changed = Buffer.from(
      Buffer.from(payload ?? '', 'base64url')
        .toString()
        .replace('critical', 'minor'),
    ).toString('base64url');
    const tampered = join(dir, 'tampered.jws');
    await writeFile(tampered, `${header ?? ''}.${changed}.${signature ?? ''}`);
    const bad = await runCli(['verify', tampered, '--keys', keysFile]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^not valid: the signature does not match the signed content/);
  });

  it('says a record signed by a key the feed does not publish is not valid', async () => {
    const otherKey = join(dir, 'other.jwk');
    await runCli(['keygen', '--out', otherKey]);
    const other = JSON.parse(await readFile(otherKey, 'utf8')) as Record<string, string>;
    const otherKeys = join(dir, 'other-keys.json');
    await writeFile(
      otherKeys,
      JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: other['x'], kid: other['kid'] }] }),
    );
    const result = await runCli(['verify', recordFile, '--keys', otherKeys]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^not valid: signed by key [\w-]+, which .* does not publish/);
  });

  it('says a malformed record is not valid, and cannot check without keys', async () => {
    const junk = join(dir, 'junk-record.json');
    await writeFile(junk, '{"hello":1}');
    const result = await runCli(['verify', junk, '--keys', keysFile]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^not valid: .* holds no "jws"/);
    const noKeys = await runCli(['verify', recordFile, '--keys', join(dir, 'absent.json')]);
    expect(noKeys.code).toBe(2);
    expect(noKeys.stderr).toMatch(
      /^statuskit-feed verify: the keys file .* cannot be read \(ENOENT\)\n$/,
    );
  });
});
