import { spawn, type ChildProcess } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { tempDir, useStoreForTestFeeds } from './feed.js';

/** A real `redis-server` (Debian's) on a free port with its own temporary directory. */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** Stops the server (SIGTERM: it finishes its append-only file first). */
  stop(): Promise<void>;
  /** Kills it without a chance to finish anything (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory, with what it had stored. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  remove(): Promise<void>;
}

/** What `strict` durability asks for: every write fsynced before Redis replies. */
export const DURABLE = ['--appendonly', 'yes', '--appendfsync', 'always'];

export async function startRedis(settings: readonly string[] = DURABLE): Promise<TestRedis> {
  const dir = await tempDir('statuskit-redis-');
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = await launchServer(port, dir, settings);
  };
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    // A replica can take its time over SIGTERM; a test must not hang on it.
    const late = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(late);
  };
  const stop = (): Promise<void> => end('SIGTERM');
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    dir,
    stop,
    kill: () => end('SIGKILL'),
    start,
    remove: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs every test feed of this file on one Redis (a key prefix per data dir, so a restarted feed
 * finds its data): the same protocol tests then prove the Redis store keeps the same promises.
 */
export function useRedisForTestFeeds(): { readonly redis: () => TestRedis } {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    useStoreForTestFeeds(redis.url);
  });
  afterAll(async () => {
    useStoreForTestFeeds(undefined);
    await redis?.remove();
  });
  return {
    redis: () => {
      if (!redis) throw new Error('Redis is not running yet');
      return redis;
    },
  };
}

/** A real `redis-sentinel` (Debian's) watching one primary as `name`, with a quorum of 1. */
export interface TestSentinel {
  readonly port: number;
  /** The `--store` URL that finds the primary through this sentinel (database 0). */
  readonly url: string;
  /** Stops it and removes its directory. */
  remove(): Promise<void>;
}

export async function startSentinel(primaryPort: number, name = 'mymaster'): Promise<TestSentinel> {
  const dir = await tempDir('statuskit-sentinel-');
  const port = await freePort();
  // Sentinel rewrites its config file (what it learns, the new primary): it must be writable.
  const config = join(dir, 'sentinel.conf');
  await writeFile(
    config,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${name} 127.0.0.1 ${primaryPort} 1`,
      // Short, so a test's failover takes seconds: down after 1 s, next try after 5 s.
      `sentinel down-after-milliseconds ${name} 1000`,
      `sentinel failover-timeout ${name} 5000`,
      '',
    ].join('\n'),
  );
  const child = await launch('redis-sentinel', [config], '+monitor master');
  return {
    port,
    url: `redis+sentinel://127.0.0.1:${port}/${name}/0`,
    remove: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function launchServer(
  port: number,
  dir: string,
  settings: readonly string[],
): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  return launch('redis-server', [...args, ...settings], 'Ready to accept connections');
}

/** Starts `command` and resolves once its log shows `ready`. */
function launch(command: string, args: readonly string[], ready: string): Promise<ChildProcess> {
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test file that ends without its afterAll (a crash, a timeout) must not leave Redis running.
  const orphaned = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', orphaned);
  child.once('exit', () => process.off('exit', orphaned));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not start within 10 s:\n${output}`));
    }, 10_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes(ready)) {
        clearTimeout(timer);
        child.stdout.resume();
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${String(code)}:\n${output}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}
