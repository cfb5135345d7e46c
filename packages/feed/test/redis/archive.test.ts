import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Status } from '@statuskit/model';
import { describe, expect, it } from 'vitest';
import { ArchiveRefusal, RedisArchiver } from '../../src/archive/redis-archiver.js';
import type { LogEntry } from '../../src/log.js';
import { readAllRecords } from '../../src/store/archive.js';
import type { ChangeRecord } from '../../src/store/change-store.js';
import { RedisChangeStore } from '../../src/store/redis-change-store.js';
import { startTestFeed, tempDir } from '../helpers/feed.js';
import { http } from '../helpers/http.js';
import { startRedis, useRedisServer } from '../helpers/redis.js';
import { initial, statusChange } from '../store/fixtures.js';

const { redis, client, open } = useRedisServer();

let prefixes = 0;
const STATUSES: readonly Status[] = ['degraded', 'operational', 'partial_outage', 'major_outage'];

/** A feed's store on the test Redis: a snapshot (and a trim) every 5 revisions, 2 kept before it. */
async function feedStore(prefix = `archive${++prefixes}:`) {
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
  return {
    prefix,
    store,
    published,
    /** Appends `count` changes one at a time, retrying while Redis is away; keeps their JSON. */
    async write(count: number): Promise<void> {
      for (let i = 0; i < count; i += 1) {
        const status = STATUSES[store.revision % STATUSES.length] ?? 'degraded';
        for (;;) {
          try {
            const records = await store.append([statusChange('mitid', status)], 'digst');
            published.push(...records.map((record) => JSON.stringify(record)));
            break;
          } catch {
            await sleep(100);
          }
        }
      }
    },
    async oldestEntry(): Promise<number> {
      const [entry] = await client().xrange(`${prefix}changes`, '-', '+', 'COUNT', 1);
      return entry ? Number(entry[0].split('-')[0]) : Number.NaN;
    },
  };
}

interface Archiving {
  readonly archiver: RedisArchiver;
  readonly running: Promise<void>;
  readonly logs: LogEntry[];
  reached(revision: number): Promise<void>;
}

function archive(
  prefix: string,
  dataDir: string,
  options: { name?: string; fromSnapshot?: boolean } = {},
): Archiving {
  const logs: LogEntry[] = [];
  const archiver = new RedisArchiver({
    url: redis().url,
    keyPrefix: prefix,
    dataDir,
    name: options.name ?? 'test-archiver',
    fromSnapshot: options.fromSnapshot,
    compactEvery: 7,
    log: (entry) => logs.push(entry),
  });
  const running = archiver.run();
  running.catch(() => undefined);
  open.push({ close: () => archiver.stop() });
  return {
    archiver,
    running,
    logs,
    async reached(revision) {
      // Bounded by the test timeout; fails at once when the archiver stopped with an error.
      while (archiver.revision < revision) {
        await Promise.race([running.then(() => Promise.reject(new Error('stopped'))), sleep(20)]);
      }
      await registered(client(), prefix, options.name ?? 'test-archiver', revision);
    },
  };
}

/** Starts an archiver and waits until it has registered (so trimming waits for it). */
async function archiveRegistered(prefix: string, dataDir: string): Promise<Archiving> {
  const archiving = archive(prefix, dataDir);
  await Promise.race([registered(client(), prefix, 'test-archiver'), archiving.running]);
  return archiving;
}

/** Waits until `name` is registered in `prefix`archivers (at `revision`, when given). */
async function registered(
  redisClient: Redis,
  prefix: string,
  name: string,
  revision?: number,
): Promise<void> {
  for (;;) {
    const held = await redisClient.hget(`${prefix}archivers`, name).catch(() => null);
    if (held !== null && (revision === undefined || held === String(revision))) return;
    await sleep(20);
  }
}

async function archivedLines(dataDir: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const record of readAllRecords(dataDir)) lines.push(JSON.stringify(record));
  return lines;
}

const revisions = (lines: readonly string[]): number[] =>
  lines.map((line) => (JSON.parse(line) as ChangeRecord).revision);

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('statuskit-feed archive', () => {
  it('archives every revision from 1, byte for byte, through snapshots and trims', async () => {
    const feed = await feedStore();
    const dir = await tempDir('statuskit-archive-');
    const archiving = await archiveRegistered(feed.prefix, dir);
    await feed.write(40);
    await archiving.reached(40);
    await archiving.archiver.stop();

    const lines = await archivedLines(dir);
    expect(revisions(lines)).toEqual(range(1, 40));
    expect(lines).toEqual(feed.published);
    // Written in the file store's format: compacted segments, a snapshot, the active journal.
    expect((await readdir(join(dir, 'archive'))).length).toBeGreaterThanOrEqual(1);
    const snapshot = JSON.parse(await readFile(join(dir, 'snapshot.json'), 'utf8')) as {
      revision: number;
    };
    expect(snapshot.revision).toBeGreaterThanOrEqual(7);
    // Trimming goes on up to the archiver: the next snapshot (45) keeps 40, where it stopped.
    await feed.write(5);
    expect(await feed.oldestEntry()).toBe(40);
  });

  it('holds trimming back while an archiver is stopped, and resumes it without gap or duplicate', async () => {
    const feed = await feedStore();
    const dir = await tempDir('statuskit-archive-');
    const first = await archiveRegistered(feed.prefix, dir);
    await feed.write(3);
    await first.reached(3);
    await first.archiver.stop();

    await feed.write(30);
    // Snapshots at 5 … 30 would have trimmed to revision 29; the stopped archiver holds 3.
    expect(await feed.oldestEntry()).toBe(3);
    expect(await client().hget(`${feed.prefix}archivers`, 'test-archiver')).toBe('3');

    const second = archive(feed.prefix, dir);
    await second.reached(33);
    const lines = await archivedLines(dir);
    expect(revisions(lines)).toEqual(range(1, 33));
    expect(lines).toEqual(feed.published);

    // Caught up: the next snapshot trims as usual again.
    await feed.write(2);
    await second.reached(35);
    expect(await feed.oldestEntry()).toBeGreaterThanOrEqual(33);
  });

  it('rides out Redis being killed and restarted, losing its place never', async () => {
    const own = await startRedis();
    open.push({ close: () => own.remove() });
    const store = new RedisChangeStore({
      url: own.url,
      snapshotEvery: 5,
      historySize: 2,
      log: () => undefined,
    });
    await store.open(initial);
    open.push(store);
    const dir = await tempDir('statuskit-archive-');
    const logs: LogEntry[] = [];
    const archiver = new RedisArchiver({
      url: own.url,
      dataDir: dir,
      name: 'outage',
      log: (entry) => logs.push(entry),
    });
    const running = archiver.run();
    running.catch(() => undefined);
    open.push({ close: () => archiver.stop() });
    const write = async (count: number): Promise<void> => {
      for (let i = 0; i < count; i += 1) {
        for (;;) {
          try {
            await store.append([statusChange('mitid', i % 2 ? 'degraded' : 'operational')], 'x');
            break;
          } catch {
            await sleep(100);
          }
        }
      }
    };
    const reached = async (revision: number): Promise<void> => {
      while (archiver.revision < revision) await sleep(20);
    };
    const ownClient = new Redis(own.url, { maxRetriesPerRequest: 0 });
    ownClient.on('error', () => undefined);
    open.push({
      close: async () => {
        ownClient.disconnect();
        await Promise.resolve();
      },
    });
    await registered(ownClient, 'statuskit:', 'outage');
    await write(6);
    await reached(6);
    await own.kill();
    await own.start();
    await write(9);
    await reached(15);
    expect(revisions(await archivedLines(dir))).toEqual(range(1, 15));
    const messages = logs.map((entry) => entry.msg).join('\n');
    expect(messages).toContain('cannot be reached');
    expect(messages).toContain('reachable again; archiving on from revision 6');
  });

  it('refuses an empty dir when Redis no longer holds revision 1, and registers nothing', async () => {
    const feed = await feedStore();
    await feed.write(12);
    const dir = await tempDir('statuskit-archive-');
    const refused = archive(feed.prefix, dir).running;
    await expect(refused).rejects.toThrow(ArchiveRefusal);
    await expect(refused).rejects.toThrow(
      /no longer holds revision 1 \(its stream starts at revision 9\).*pass --from-snapshot/,
    );
    expect(await client().hget(`${feed.prefix}archivers`, 'test-archiver')).toBeNull();
  });

  it('starts from the Redis snapshot with --from-snapshot, and says what is missing', async () => {
    const feed = await feedStore();
    await feed.write(12);
    const dir = await tempDir('statuskit-archive-');
    const archiving = archive(feed.prefix, dir, { fromSnapshot: true });
    await archiving.reached(12);
    await feed.write(3);
    await archiving.reached(15);
    const lines = await archivedLines(dir);
    expect(revisions(lines)).toEqual(range(11, 15));
    expect(lines).toEqual(feed.published.slice(10));
    expect(archiving.logs.map((entry) => entry.msg)).toContain(
      'started the archive from the Redis snapshot at revision 10: the history before it is not in this archive',
    );
  });

  it('refuses a dir whose next revisions Redis no longer holds (a gap)', async () => {
    const feed = await feedStore();
    const dir = await tempDir('statuskit-archive-');
    const first = archive(feed.prefix, dir, { name: 'retired' });
    await registered(client(), feed.prefix, 'retired');
    await feed.write(3);
    await first.reached(3);
    await first.archiver.stop();
    await client().hdel(`${feed.prefix}archivers`, 'retired');
    await feed.write(12);

    const refused = archive(feed.prefix, dir, { name: 'retired' }).running;
    await expect(refused).rejects.toThrow(
      /ends at revision 3, but Redis at .* keeps only revisions from 14 on: the changes between are gone/,
    );
    expect(revisions(await archivedLines(dir))).toEqual(range(1, 3));
  });

  it("refuses another feed's archive: different records at the same revision", async () => {
    const [one, other] = [await feedStore(), await feedStore()];
    const dir = await tempDir('statuskit-archive-');
    const first = await archiveRegistered(one.prefix, dir);
    await one.write(3);
    await first.reached(3);
    await first.archiver.stop();
    await other.write(4);

    const refused = archive(other.prefix, dir).running;
    await expect(refused).rejects.toThrow(
      /hold different records for revision 3: it is another feed's archive/,
    );
    expect(await archivedLines(dir)).toEqual(one.published);
  });

  it('refuses a dir that is ahead of Redis', async () => {
    const [one, other] = [await feedStore(), await feedStore()];
    const dir = await tempDir('statuskit-archive-');
    const first = await archiveRegistered(one.prefix, dir);
    await one.write(4);
    await first.reached(4);
    await first.archiver.stop();
    await other.write(2);

    await expect(archive(other.prefix, dir).running).rejects.toThrow(
      /holds revision 4, but Redis at .* is only at revision 2/,
    );
  });

  it("shows in the feed's /metrics how far behind each archiver is", async () => {
    const prefix = `archive${++prefixes}:`;
    const feed = await startTestFeed({ redis: { url: redis().url, keyPrefix: prefix } });
    open.push(feed);
    const dir = await tempDir('statuskit-archive-');
    const current = archive(prefix, dir, { name: 'current' });
    const revision = feed.feed.store.revision;
    await current.reached(revision);
    await client().hset(`${prefix}archivers`, 'stopped', '0');

    const { text } = await http(`${feed.url}/metrics`);
    expect(text).toContain('# TYPE statuskit_archiver_lag_entries gauge');
    expect(text).toContain(`statuskit_archiver_lag_entries{archiver="stopped"} ${revision}\n`);
    expect(text).toContain('statuskit_archiver_lag_entries{archiver="current"} 0\n');
  });
});
