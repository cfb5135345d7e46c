// Issue 17, item 4: `statuskit-feed serve --workers N` (the built CLI, for real): refused above 1
// with the file store; with one worker, a primary that starts it again when it dies and stops it
// gracefully.
import { createServer, type Server } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuild, runCli } from './helpers/cli.js';
import { configJson } from './helpers/fixtures.js';
import { startLogging, type LoggingProcess } from './helpers/group.js';
import { http, openStream } from './helpers/http.js';

let dir: string;
let configPath: string;
let running: LoggingProcess | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'statuskit-cluster-cli-'));
  configPath = join(dir, 'statuskit.config.json');
  await writeFile(configPath, JSON.stringify(configJson()));
});
afterEach(async () => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  running = undefined;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A port free now: with one worker, a worker started again listens anew on the port it names. */
async function freePort(): Promise<number> {
  const probe: Server = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

function serveArgs(data: string, ...extra: string[]): string[] {
  return [BIN, 'serve', '--config', configPath, '--data', join(dir, data), '--port', '0', ...extra];
}

describe('statuskit-feed serve --workers', () => {
  it('refuses more than one worker with the file store, and says to use a shared store', async () => {
    const base = ['serve', '--config', configPath, '--data', join(dir, 'refused')];
    const two = await runCli([...base, '--workers', '2']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain(
      'statuskit-feed: --workers 2 needs a store the workers share: the file journal in --data has one writer. Use --store redis://host:6379/0, or leave --workers out\n',
    );
    expect(two.stdout).toBe('');
    for (const bad of ['0', 'two', '1.5', '-1']) {
      const refused = await runCli([...base, `--workers=${bad}`]);
      expect(refused.code, bad).toBe(2);
      expect(refused.stderr).toContain(`--workers ${bad} is not a whole number from 1`);
    }
  });

  it('starts a worker again after kill -9, on the same port, and stops gracefully on SIGTERM', async () => {
    requireBuild();
    const port = await freePort();
    const group = (running = startLogging([
      ...serveArgs('one', '--workers', '1'),
      '--port',
      String(port),
    ]));
    const ready = await group.waitFor((line) => line.msg === 'workers listening');
    const url = String(ready.url);
    const first = await group.waitFor((line) => line.msg === 'feed listening');
    expect(first).toMatchObject({ worker: '1', url });
    expect((await http(`${url}/v1/status.json`)).status).toBe(200);

    process.kill(Number(first.pid), 'SIGKILL');
    const died = await group.waitFor((line) => line.msg === 'worker died; starting it again');
    expect(died).toMatchObject({ level: 'warn', worker: '1', pid: first.pid, signal: 'SIGKILL' });
    const again = await group.waitFor(
      (line) => line.msg === 'feed listening' && line.pid !== first.pid,
    );
    expect(again).toMatchObject({ worker: '1', url });
    const status = await http(`${url}/v1/status.json`);
    expect(status.status).toBe(200);

    const stream = await openStream(`${url}/v1/stream`);
    await stream.waitFor((event) => event.event === 'snapshot');
    group.child.kill('SIGTERM');
    expect(await group.exited).toBe(0);
    await stream.ended;
    // The worker's graceful close: a jittered reconnect delay, not a dropped connection.
    expect(stream.retries.length).toBeGreaterThan(0);
    expect(group.lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining([
        'stopping workers',
        'shutting down',
        'feed stopped',
        'workers stopped',
      ]),
    );
    expect(group.lines.find((line) => line.msg === 'workers stopped')).toMatchObject({ code: 0 });
  }, 30_000);

  it("stops with the worker's error when it cannot start", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const group = (running = startLogging([
        ...serveArgs('taken', '--workers', '1'),
        '--port',
        String(port),
      ]));
      expect(await group.exited).toBe(1);
      expect(group.output()).toContain(
        `statuskit-feed: port 127.0.0.1:${port} is already in use; pick another with --port`,
      );
      expect(group.lines.find((line) => line.msg === 'worker failed to start')).toMatchObject({
        level: 'error',
        worker: '1',
        code: 1,
      });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 20_000);

  it('stops gracefully on a SIGTERM that arrives while it is still starting, never killed by it', async () => {
    requireBuild();
    // A worker that the primary stops just as it comes up got SIGTERM before it listened for it.
    const feed = (running = startLogging(serveArgs('starting')));
    await feed.waitFor(() => true);
    feed.child.kill('SIGTERM');
    expect(await feed.exited, feed.output()).toBe(0);
    expect(feed.lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['feed listening', 'shutting down', 'feed stopped']),
    );
  });
});
