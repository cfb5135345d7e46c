import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/redis.js';

/** Debian's `prometheus-alertmanager`, started by a test on a free port and stopped after it. */
export interface TestAlertmanager {
  readonly url: string;
  /** Posts alerts to its v2 API, as Prometheus would. */
  postAlerts(alerts: readonly Record<string, unknown>[]): Promise<void>;
  /** What it printed (for the message of a failing test). */
  output(): string;
  stop(): Promise<void>;
}

const BINARY = '/usr/bin/prometheus-alertmanager';

/**
 * One Alertmanager without clustering whose only receiver is a webhook to `webhookUrl`, with
 * `token` as its Bearer credential. Groups by alertname and notifies fast: the first
 * notification 50 ms after a group appears, changes every 500 ms.
 */
export async function startAlertmanager(
  webhookUrl: string,
  token: string,
): Promise<TestAlertmanager> {
  const dir = await mkdtemp(join(tmpdir(), 'statuskit-alertmanager-'));
  const port = await freePort();
  const config = join(dir, 'alertmanager.yml');
  await writeFile(
    config,
    [
      'route:',
      '  receiver: statuskit',
      '  group_by: [alertname]',
      '  group_wait: 50ms',
      '  group_interval: 500ms',
      '  repeat_interval: 1h',
      'receivers:',
      '  - name: statuskit',
      '    webhook_configs:',
      `      - url: ${JSON.stringify(webhookUrl)}`,
      '        send_resolved: true',
      '        http_config:',
      '          authorization:',
      '            type: Bearer',
      `            credentials: ${JSON.stringify(token)}`,
      '',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    BINARY,
    [
      `--config.file=${config}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=debug',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output += chunk;
    });
  }
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await untilReady(`${url}/-/ready`, () => child.exitCode !== null);
  } catch (error) {
    await stop();
    throw new Error(`Alertmanager did not start: ${(error as Error).message}\n${output}`);
  }
  return {
    url,
    output: () => output,
    stop,
    postAlerts: async (alerts) => {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!res.ok)
        throw new Error(`Alertmanager refused the alerts: ${res.status} ${await res.text()}`);
    },
  };
}

/** Polls the readiness endpoint for at most 10 s. */
async function untilReady(url: string, gone: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    if (gone()) throw new Error('the process exited');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not answer within 10 s`);
}

/** Waits (at most `timeoutMs`) until `check` returns something other than undefined. */
export async function until<T>(
  what: string,
  check: () => T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
