import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenMatches } from '../src/tokens.js';
import { configJson, incidentBody, TOKENS } from './helpers/fixtures.js';
import { runCli, serveInChild } from './helpers/cli.js';
import { http, openStream } from './helpers/http.js';

let dir: string;
let configPath: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'statuskit-cli-'));
  configPath = join(dir, 'statuskit.config.json');
  await writeFile(configPath, JSON.stringify(configJson()));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('statuskit-feed check-config', () => {
  it('accepts a valid config', async () => {
    const result = await runCli(['check-config', configPath]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('is valid: 5 services, 2 authorities');
  });

  it('prints every problem with its path and no stack trace', async () => {
    const broken = configJson({ timeZone: 'Mars/Olympus' });
    (broken['services'] as Record<string, unknown>[])[1] = {
      id: 'login',
      name: { da: 'Log ind' },
      owner: 'digst',
      dependsOn: ['mitid2'],
    };
    await writeFile(configPath, JSON.stringify(broken));
    const result = await runCli(['check-config', configPath]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('timeZone');
    expect(result.stderr).toContain('services[1].dependsOn[0]: unknown service "mitid2"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says so when the file is missing or not JSON', async () => {
    expect((await runCli(['check-config', join(dir, 'nope.json')])).stderr).toContain(
      'does not exist',
    );
    await writeFile(configPath, '{ nope');
    const result = await runCli(['check-config', configPath]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not valid JSON');
  });
});

describe('statuskit-feed hash-token', () => {
  it('hashes a token read on stdin', async () => {
    const result = await runCli(['hash-token'], 'my-very-secret-token-123\n');
    expect(result.code).toBe(0);
    const hash = /config: (sha256:[0-9a-f]{64})/.exec(result.stdout)?.[1] ?? '';
    expect(tokenMatches('my-very-secret-token-123', hash)).toBe(true);
  });

  it('generates a strong token when none is given', async () => {
    const result = await runCli(['hash-token']);
    const token = /token: (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(43);
    const hash = /config: (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(tokenMatches(token, hash)).toBe(true);
  });
});

describe('statuskit-feed serve', () => {
  it("listens on 8790 by default, not on the demo's 8080 or 8787, and says so in its usage", async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--data ./data [--port 8790]');
    expect(result.stdout).toContain('[--accept-catalogue-removals]');
  });

  it('explains a usage mistake with exit code 2', async () => {
    const result = await runCli(['serve', '--config', configPath]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('serve needs --data DIR');
    expect((await runCli(['frobnicate'])).stderr).toContain('unknown command "frobnicate"');
  });

  it('refuses a bad config in one sentence', async () => {
    await writeFile(configPath, JSON.stringify(configJson({ heartbeatSeconds: -1 })));
    const result = await runCli(['serve', '--config', configPath, '--data', join(dir, 'data')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('heartbeatSeconds');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a port in use in one sentence', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const result = await runCli([
      'serve',
      '--config',
      configPath,
      '--data',
      join(dir, 'data'),
      '--port',
      String(port),
    ]);
    blocker.close();
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `statuskit-feed: port 127.0.0.1:${port} is already in use; pick another with --port`,
    );
  });

  it('refuses a data directory it cannot use', async () => {
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    const result = await runCli(['serve', '--config', configPath, '--data', file, '--port', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a data directory another feed holds, naming its pid, in one sentence', async () => {
    const dataDir = join(dir, 'data');
    const first = await serveInChild(configPath, dataDir);
    try {
      const result = await runCli(['serve', '--config', configPath, '--data', dataDir]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `statuskit-feed: data dir ${dataDir} is in use by process ${first.child.pid} (it holds ` +
          `the lock on ${join(dataDir, 'statuskit.lock')}); stop that process or choose another data dir`,
      );
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });

  it('refuses a config that would remove an open incident unless --accept-catalogue-removals', async () => {
    const dataDir = join(dir, 'data');
    const first = await serveInChild(configPath, dataDir);
    await http(`${first.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.tax,
      body: incidentBody({ id: 'permits-slow', services: ['permits'] }),
    });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const withoutPermits = configJson();
    withoutPermits['services'] = (withoutPermits['services'] as { id: string }[]).filter(
      (service) => service.id !== 'permits',
    );
    await writeFile(configPath, JSON.stringify(withoutPermits));

    const refused = await runCli(['serve', '--config', configPath, '--data', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'incident permits-slow "MitID er nede" (investigating) loses permits and is removed',
    );
    expect(refused.stderr).toContain('--accept-catalogue-removals');
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    const accepted = await serveInChild(configPath, dataDir, ['--accept-catalogue-removals']);
    const status = (await http(`${accepted.url}/v1/status.json`)).json<{
      document: { incidents: unknown[] };
    }>();
    expect(status.document.incidents).toEqual([]);
    accepted.child.kill('SIGTERM');
    expect(await accepted.exited).toBe(0);
    expect(accepted.logs()).toContain(
      '"level":"warn","msg":"catalogue changed from config: investigating incident permits-slow removed',
    );
  });

  it('stops cleanly on SIGTERM: streams told to retry, journal closed, exit 0', async () => {
    const feed = await serveInChild(configPath, join(dir, 'data'));
    const stream = await openStream(`${feed.url}/v1/stream`);
    await stream.waitFor((event) => event.event === 'snapshot');
    feed.child.kill('SIGTERM');
    await stream.ended;
    expect(stream.retries.length).toBe(2);
    expect(await feed.exited).toBe(0);
    expect(feed.logs()).toContain('"msg":"feed stopped"');
  });
});

// These start real servers as child processes; give them room on a loaded CI machine.
describe('durability', { timeout: 60_000 }, () => {
  it('keeps every acknowledged write across a SIGKILL in the middle of a stream of writes', async () => {
    const dataDir = join(dir, 'data');
    const first = await serveInChild(configPath, dataDir);
    const acknowledged: string[] = [];
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, writer) => {
      for (let n = 0; !stop; n += 1) {
        const id = `w${writer}-${n}`;
        try {
          const res = await http(`${first.url}/v1/admin/incidents`, {
            method: 'POST',
            token: TOKENS.digst,
            body: incidentBody({ id }),
          });
          if (res.status === 201) acknowledged.push(id);
        } catch {
          return; // the server died mid-request: this write was never acknowledged
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await first.exited;
    expect(acknowledged.length).toBeGreaterThan(10);

    const second = await serveInChild(configPath, dataDir);
    const status = await http(`${second.url}/v1/status.json`);
    const stored = new Set(
      status
        .json<{ document: { incidents: { id: string }[] } }>()
        .document.incidents.map((i) => i.id),
    );
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('cuts a torn journal tail on start-up and logs it', async () => {
    const dataDir = join(dir, 'data');
    const feed = await serveInChild(configPath, dataDir);
    await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody({ id: 'kept' }),
    });
    feed.child.kill('SIGKILL');
    await feed.exited;
    const journal = join(dataDir, 'journal.jsonl');
    await writeFile(journal, `${await readFile(journal, 'utf8')}{"revision":99,"time":"2030-`);

    const restarted = await serveInChild(configPath, dataDir);
    expect(restarted.logs()).toMatch(/"level":"warn".*journal\.jsonl/);
    const status = await http(`${restarted.url}/v1/status.json`);
    expect(
      status
        .json<{ document: { incidents: { id: string }[] } }>()
        .document.incidents.map((i) => i.id),
    ).toEqual(['kept']);
    restarted.child.kill('SIGTERM');
    await restarted.exited;
  });

  it('refuses to start on a corrupt journal, naming the file and line', async () => {
    const dataDir = join(dir, 'data');
    const feed = await serveInChild(configPath, dataDir);
    for (const id of ['a', 'b']) {
      await http(`${feed.url}/v1/admin/incidents`, {
        method: 'POST',
        token: TOKENS.digst,
        body: incidentBody({ id }),
      });
    }
    feed.child.kill('SIGTERM');
    await feed.exited;
    const journal = join(dataDir, 'journal.jsonl');
    const lines = (await readFile(journal, 'utf8')).split('\n');
    // A record in the middle of the journal, not its last line (that one counts as torn).
    const corrupt = lines.findIndex((line) => line.includes('"id":"a"'));
    expect(corrupt).toBeGreaterThanOrEqual(0);
    lines[corrupt] = '{"revision": not json';
    await writeFile(journal, lines.join('\n'));

    const result = await runCli([
      'serve',
      '--config',
      configPath,
      '--data',
      dataDir,
      '--port',
      '0',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`journal.jsonl line ${corrupt + 1}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
