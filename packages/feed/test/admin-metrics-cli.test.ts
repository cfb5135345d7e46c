// `statuskit-feed serve --metrics-port`: /metrics on its own listener (the built CLI, for real).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuild, runCli } from './helpers/cli.js';
import { configJson } from './helpers/fixtures.js';
import { http } from './helpers/http.js';

let dir: string;
let configPath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'statuskit-metrics-cli-'));
  configPath = join(dir, 'statuskit.config.json');
  await writeFile(configPath, JSON.stringify(configJson()));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('statuskit-feed serve --metrics-port', () => {
  it('serves /metrics on the metrics port only', async () => {
    requireBuild();
    const args = ['serve', '--config', configPath, '--data', join(dir, 'data'), '--port', '0'];
    const child = spawn(process.execPath, [BIN, ...args, '--metrics-port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const listening = await new Promise<{ url: string; metricsUrl: string }>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((entry) => entry.includes('"feed listening"'));
        if (line) resolve(JSON.parse(line) as { url: string; metricsUrl: string });
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      void exited.then(() => {
        reject(new Error(`the feed exited before listening:\n${output}`));
      });
    });
    try {
      expect((await http(`${listening.url}/metrics`)).status).toBe(404);
      const scraped = await http(`${listening.metricsUrl}/metrics`);
      expect(scraped.status).toBe(200);
      expect(scraped.text).toContain('# TYPE statuskit_admin_auth_failures_total counter');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 20_000);

  it('says what is wrong with the metrics options', async () => {
    const base = ['serve', '--config', configPath, '--data', join(dir, 'data')];
    const notPort = await runCli([...base, '--metrics-port', 'metrics']);
    expect(notPort.code).toBe(2);
    expect(notPort.stderr).toContain('--metrics-port metrics is not a port number');
    const hostAlone = await runCli([...base, '--metrics-host', '127.0.0.1']);
    expect(hostAlone.code).toBe(2);
    expect(hostAlone.stderr).toContain('--metrics-host needs --metrics-port');
  });
});
