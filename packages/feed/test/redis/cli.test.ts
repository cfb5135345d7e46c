import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuild, runCli } from '../helpers/cli.js';
import { configJson, incidentBody, TOKENS } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

let dir: string;
let configPath: string;
let durable: TestRedis;
let volatile: TestRedis;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'statuskit-cli-redis-'));
  configPath = join(dir, 'statuskit.config.json');
  await writeFile(configPath, JSON.stringify(configJson()));
  [durable, volatile] = await Promise.all([startRedis(), startRedis(['--appendonly', 'no'])]);
});
afterAll(async () => {
  await Promise.all([durable.remove(), volatile.remove()]);
  await rm(dir, { recursive: true, force: true });
});

const serve = (...args: string[]) => runCli(['serve', '--config', configPath, ...args]);

describe('statuskit-feed serve --store', () => {
  it.each([
    [['--store', 'mysql://db'], '--store mysql://db is neither "file" nor a Redis URL'],
    [['--store', 'redis://127.0.0.1:6379/0', '--data', 'x'], '--data is for the file store'],
    [
      ['--store', 'redis+sentinel://u:secret@h:26379'],
      '--store redis+sentinel://u:***@h:26379: a Sentinel URL has the form',
    ],
    [['--store', 'redis://h/0', '--store-durability', 'maybe'], '--store-durability maybe must be'],
    [['--store', 'redis://h/0', '--store-replicas', 'two'], '--store-replicas two must be'],
    [['--store', 'redis://h/0', '--store-prefix', 'a b'], '--store-prefix a b must be'],
    [['--data', 'x', '--store-replicas', '1'], '--store-replicas needs --store redis://'],
  ])('refuses %j as a usage mistake naming the flag', async (args, message) => {
    const result = await serve(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('refuses a Redis that may lose acknowledged writes in one sentence', async () => {
    const refused = await serve('--store', volatile.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(
      `statuskit-feed: Redis at 127.0.0.1:${volatile.port}/0 is not durable enough for strict mode`,
    );
    expect(refused.stderr).toContain('--store-durability relaxed');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it('serves a feed whose changes are in Redis', async () => {
    requireBuild();
    const child = spawn(
      process.execPath,
      [
        BIN,
        'serve',
        '--config',
        configPath,
        '--port',
        '0',
        '--store',
        durable.url,
        '--store-prefix',
        'cli:',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /"url":"(http:[^"]+)"/.exec(output);
          if (found?.[1]) resolve(found[1]);
        });
        child.on('exit', () => {
          reject(new Error(`serve exited:\n${output}`));
        });
      });
      const health = await http(`${url}/healthz`);
      expect(health.json()).toMatchObject({ status: 'ok', store: { kind: 'redis', state: 'ok' } });
      const write = await http(`${url}/v1/admin/incidents`, {
        method: 'POST',
        token: TOKENS.digst,
        body: incidentBody(),
      });
      expect(write.status).toBe(201);
      const { revision } = write.json<{ revision: number }>();
      const { Redis } = await import('ioredis');
      const client = new Redis(durable.url);
      expect(await client.get('cli:revision')).toBe(String(revision));
      client.disconnect();
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
