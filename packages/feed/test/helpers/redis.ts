import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
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
    child = await launch(port, dir, settings);
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

function launch(port: number, dir: string, settings: readonly string[]): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  const child = spawn('redis-server', [...args, ...settings], {
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
      reject(new Error(`redis-server did not start within 10 s:\n${output}`));
    }, 10_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout.resume();
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${String(code)}:\n${output}`));
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
