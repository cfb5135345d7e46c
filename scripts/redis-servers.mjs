// Debian's `redis-server` and `redis-sentinel` on free loopback ports, each in a temporary
// directory of its own: what the feed's Redis tests and the Redis benchmarks run against.
// Types in redis-servers.d.mts.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What `strict` durability asks for: every write fsynced before Redis replies. */
export const DURABLE = ['--appendonly', 'yes', '--appendfsync', 'always'];

export async function startRedis(settings = DURABLE) {
  const dir = await mkdtemp(join(tmpdir(), 'statuskit-redis-'));
  const port = await freePort();
  let child;
  const start = async () => {
    child = await launchServer(port, dir, settings);
  };
  const end = async (signal) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    // A replica can take its time over SIGTERM; a caller must not hang on it.
    const late = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(late);
  };
  const stop = () => end('SIGTERM');
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    dir,
    pid: () => child?.pid,
    stop,
    kill: () => end('SIGKILL'),
    start,
    remove: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function startSentinel(primaryPort, name = 'mymaster') {
  const dir = await mkdtemp(join(tmpdir(), 'statuskit-sentinel-'));
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
      // Short, so a failover takes seconds: down after 1 s, next try after 5 s.
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

function launchServer(port, dir, settings) {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  return launch('redis-server', [...args, ...settings], 'Ready to accept connections');
}

/** Starts `command` and resolves once its log shows `ready`. */
function launch(command, args, ready) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // A caller that ends without stopping it (a crash, a timeout) must not leave Redis running.
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  child.once('exit', () => process.off('exit', orphaned));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not start within 10 s:\n${output}`));
    }, 10_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
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

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
