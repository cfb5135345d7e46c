import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/report.js';
import { RedisChangeStore } from '../../src/store/redis-change-store.js';
import { BIN, requireBuild, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/feed.js';
import { configJson } from '../helpers/fixtures.js';
import { useRedisServer } from '../helpers/redis.js';
import { initial, statusChange } from '../store/fixtures.js';

const { redis, client, open } = useRedisServer();

const archive = (...args: string[]) => runCli(['archive', ...args]);

/** Starts `statuskit-feed archive` and waits for its first log line about `waitFor`. */
function archiveInChild(args: readonly string[]) {
  requireBuild();
  const child = spawn(process.execPath, [BIN, 'archive', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  open.push({
    close: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  });
  return {
    child,
    exited,
    output: () => output,
    async logged(text: string): Promise<void> {
      while (!output.includes(text)) {
        if (child.exitCode !== null) throw new Error(`archive exited:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

describe('statuskit-feed archive (CLI)', () => {
  it.each([
    [[], 'archive needs --store redis://'],
    [['--store', 'file', '--data', 'x'], 'archive needs --store redis://…: the file store already'],
    [['--store', 'mysql://db', '--data', 'x'], '--store mysql://db is neither'],
    [['--store', 'redis://u:secret@h:6379/0'], 'archive needs --data DIR'],
    [['--store', 'redis://h/0', '--data', 'x', '--store-prefix', 'a b'], '--store-prefix a b must'],
    [['--store', 'redis://h/0', '--data', 'x', '--name', 'a\tb'], '--name a\tb must be 1 to 200'],
    [['--store', 'redis://h/0', '--unregister'], 'archive --unregister needs --name NAME'],
    [
      ['--store', 'redis://h/0', '--unregister', '--name', 'a', '--data', 'x'],
      '--data is not used with --unregister',
    ],
    [['--store', 'redis://h/0', '--data', 'x', '--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j as a usage mistake naming the flag (exit 2)', async (args, message) => {
    const result = await archive(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('secret');
  });

  // Two CLI processes start in this test: on a loaded machine that alone takes seconds.
  it('archives until SIGTERM, holds the data-dir lock, and report reads the archive as a file-store dir', async () => {
    const prefix = 'cli1:';
    const dir = await tempDir('statuskit-archive-');
    const args = ['--store', redis().url, '--store-prefix', prefix, '--data', dir, '--name', 'cli'];
    const running = archiveInChild(args);
    await running.logged('archiving the changes in Redis');
    while ((await client().hget(`${prefix}archivers`, 'cli')) === null) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const store = new RedisChangeStore({
      url: redis().url,
      keyPrefix: prefix,
      snapshotEvery: 5,
      historySize: 2,
      log: () => undefined,
    });
    await store.open(initial);
    open.push(store);
    const published: string[] = [];
    for (const status of ['major_outage', 'operational', 'degraded', 'operational'] as const) {
      for (let i = 0; i < 3; i += 1) {
        const records = await store.append([statusChange('eid', status)], 'digst');
        published.push(...records.map((record) => JSON.stringify(record)));
      }
    }
    await running.logged('"revision":12');

    // One writer per data dir, as with serve.
    const second = await archive(...args);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`data dir ${dir} is in use by`);

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('"msg":"shutting down","signal":"SIGTERM"');

    // The same changes as a file store's journal, written without the archiver.
    const fileStore = await tempDir('statuskit-file-store-');
    await writeFile(
      join(fileStore, 'journal.jsonl'),
      published.map((line) => `${line}\n`).join(''),
    );
    const config = join(fileStore, 'statuskit.config.json');
    await writeFile(config, JSON.stringify(configJson()));
    // The same code as `statuskit-feed report`, in process: spawning two more CLIs is slow.
    const report = async (dataDir: string) => {
      const { report: built } = await buildReport({
        dataDir,
        from: '2020-01-01',
        to: '2100-01-01',
        configPath: config,
        now: Date.parse('2100-01-01T00:00:00Z'),
      });
      return JSON.stringify({ ...built, source: { ...built.source, dataDir: 'DIR' } });
    };
    const [fromArchive, fromFileStore] = await Promise.all([report(dir), report(fileStore)]);
    expect(fromArchive).toBe(fromFileStore);
    expect(fromArchive).toContain('"firstRevision":1,');
    expect(fromArchive).toContain('"lastRevision":12,');
  }, 40_000);

  it('unregisters a retired archiver, and says so when there is none', async () => {
    const prefix = 'cli2:';
    await client().hset(`${prefix}archivers`, 'old-host', '41');
    const done = await archive(
      '--unregister',
      '--name',
      'old-host',
      '--store',
      redis().url,
      '--store-prefix',
      prefix,
    );
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('archiver "old-host" unregistered (it held revision 41)');
    expect(await client().hget(`${prefix}archivers`, 'old-host')).toBeNull();

    const again = await archive(
      '--unregister',
      '--name',
      'old-host',
      '--store',
      redis().url,
      '--store-prefix',
      prefix,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no archiver "old-host" is registered in Redis at 127.0.0.1:');
  });

  it('refuses in one sentence where it cannot archive without a gap (exit 1)', async () => {
    const prefix = 'cli3:';
    const store = new RedisChangeStore({
      url: redis().url,
      keyPrefix: prefix,
      snapshotEvery: 5,
      historySize: 2,
      log: () => undefined,
    });
    await store.open(initial);
    open.push(store);
    for (let i = 0; i < 12; i += 1)
      await store.append([statusChange('mitid', i % 2 ? 'degraded' : 'operational')], 'digst');
    const dir = await tempDir('statuskit-archive-');
    const refused = await archive('--store', redis().url, '--store-prefix', prefix, '--data', dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^statuskit-feed: Redis at .* no longer holds revision 1 .*--from-snapshot.*\n$/,
    );
  });
});
