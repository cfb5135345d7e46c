// `statuskit-feed serve --max-streams / --max-streams-per-address / --trust-proxy` (the built CLI).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, serveInChild } from './helpers/cli.js';
import { configJson } from './helpers/fixtures.js';
import { http } from './helpers/http.js';

let dir: string;
let configPath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'statuskit-admission-cli-'));
  configPath = join(dir, 'statuskit.config.json');
  await writeFile(configPath, JSON.stringify(configJson()));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('statuskit-feed serve stream caps', () => {
  it('takes the caps and trusted proxies from its flags', async () => {
    const feed = await serveInChild(configPath, join(dir, 'data'), [
      '--max-streams',
      '7',
      '--max-streams-per-address',
      '1',
      '--trust-proxy',
      '10.0.0.0/8,127.0.0.1',
      '--trust-proxy',
      '::1',
    ]);
    try {
      const metrics = (await http(`${feed.url}/metrics`)).text;
      expect(metrics).toContain('\nstatuskit_stream_capacity 7\n');
      expect(metrics).toContain('\nstatuskit_stream_capacity_per_address 1\n');
      // 127.0.0.1 is trusted: the forwarded address is the one counted, and refused.
      const headers = { 'x-forwarded-for': '198.51.100.7' };
      const first = await fetch(`${feed.url}/v1/stream`, { headers });
      expect(first.status).toBe(200);
      const second = await http(`${feed.url}/v1/stream`, { headers });
      expect(second.status).toBe(429);
      expect(second.text).toContain('from 198.51.100.7');
      await first.body?.cancel();
    } finally {
      feed.child.kill('SIGTERM');
    }
    expect(await feed.exited).toBe(0);
  }, 20_000);

  it('explains bad caps and proxy ranges with exit code 2', async () => {
    const base = ['serve', '--config', configPath, '--data', join(dir, 'data')];
    const zero = await runCli([...base, '--max-streams', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--max-streams 0: must be a whole number of streams above 0');
    const words = await runCli([...base, '--max-streams-per-address', 'many']);
    expect(words.code).toBe(2);
    expect(words.stderr).toContain('--max-streams-per-address many: must be a whole number');
    const range = await runCli([...base, '--trust-proxy', '10.0.0.0/8,10.0.0.0/33']);
    expect(range.code).toBe(2);
    expect(range.stderr).toContain(
      '--trust-proxy: "10.0.0.0/33": the prefix length must be a whole number from 0 to 32',
    );
  });
});
