import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RedisArchiver } from '../../src/archive/redis-archiver.js';
import { verifyChain } from '../../src/journal/journal-chain.js';
import { redisRecords } from '../../src/journal/redis-records.js';
import { readAllRecords } from '../../src/store/archive.js';
import { StoreUnavailable, type ChangeRecord } from '../../src/store/change-store.js';
import { recordHash } from '../../src/store/record-hash.js';
import { RedisChangeStore } from '../../src/store/redis-change-store.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/feed.js';
import { useRedisServer } from '../helpers/redis.js';
import { initial, record, statusChange } from '../store/fixtures.js';

const { redis, client, open } = useRedisServer();

let prefixes = 0;
const nextPrefix = (): string => `chain${++prefixes}:`;

async function openStore(prefix: string, snapshotEvery = 100): Promise<RedisChangeStore> {
  const store = new RedisChangeStore({
    url: redis().url,
    keyPrefix: prefix,
    snapshotEvery,
    historySize: 2,
    log: () => undefined,
  });
  await store.open(initial);
  open.push(store);
  return store;
}

async function stored(prefix: string): Promise<ChangeRecord[]> {
  const records: ChangeRecord[] = [];
  for await (const one of redisRecords(redis().url, prefix)) records.push(one);
  return records;
}

function expectLinked(records: readonly ChangeRecord[], from = 1): void {
  for (let i = from; i < records.length; i += 1) {
    expect(records[i]?.previousHash).toBe(recordHash(records[i - 1] as ChangeRecord));
  }
}

describe('the tamper-evident journal in Redis', () => {
  it('links every record, also between processes that append in turn', async () => {
    const prefix = nextPrefix();
    const first = await openStore(prefix, 3);
    const second = await openStore(prefix, 3);
    await first.append([statusChange('mitid', 'degraded'), statusChange('a', 'degraded')], 'digst');
    for (let i = 0; i < 6; i += 1) {
      const store = i % 2 === 0 ? second : first;
      await store.catchUp();
      await store.append([statusChange(`s${i}`, 'degraded')], 'digst');
    }
    // Snapshots every 3 revisions trim the stream: Redis keeps revisions 5 to 8.
    const records = await stored(prefix);
    expect(records.map((r) => r.revision)).toEqual([5, 6, 7, 8]);
    expectLinked(records);
    expect(records[0]?.previousHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.since(7)?.[0]?.previousHash).toBe(recordHash(records[2] as ChangeRecord));
    expect(await verifyChain(redisRecords(redis().url, prefix))).toEqual({
      intact: true,
      records: 4,
      from: 5,
      to: 8,
    });
  });

  it('refuses an append linked to another record than the stored last one', async () => {
    const prefix = nextPrefix();
    const store = await openStore(prefix);
    await store.append([statusChange('mitid', 'degraded')], 'digst');
    // As if another writer's record 1 had replaced the one this process holds.
    expect(await client().get(`${prefix}lasthash`)).toMatch(/^1:[0-9a-f]{64}$/);
    await client().set(`${prefix}lasthash`, `1:${'f'.repeat(64)}`);
    await expect(store.append([statusChange('mitid', 'major_outage')], 'digst')).rejects.toThrow(
      StoreUnavailable,
    );
    expect(await client().xlen(`${prefix}changes`)).toBe(1);
    expect(await client().get(`${prefix}revision`)).toBe('1');
  });

  it('begins the chain on a Redis written before it', async () => {
    const prefix = nextPrefix();
    for (const revision of [1, 2]) {
      await client().xadd(
        `${prefix}changes`,
        `${revision}-0`,
        'record',
        JSON.stringify(record(revision)),
      );
    }
    await client().set(`${prefix}revision`, '2');
    const store = await openStore(prefix);
    await store.append([statusChange('mitid', 'degraded')], 'digst');
    const records = await stored(prefix);
    expect(records[2]?.previousHash).toBe(recordHash(record(2)));
    expect(await verifyChain(redisRecords(redis().url, prefix))).toEqual({
      intact: true,
      records: 3,
      from: 2,
      to: 3,
    });
  });

  it('is checked by statuskit-feed verify-journal --store, which names a broken link', async () => {
    const prefix = nextPrefix();
    const store = await openStore(prefix);
    for (let i = 0; i < 4; i += 1) await store.append([statusChange(`s${i}`, 'degraded')], 'digst');
    const intact = await runCli([
      'verify-journal',
      '--store',
      redis().url,
      '--store-prefix',
      prefix,
    ]);
    expect(intact.stdout).toBe('4 records, chain intact from revision 1 to 4\n');
    expect(intact.code).toBe(0);
    // The stream written again with revision 2 altered (a stream entry cannot be replaced).
    const entries = await client().xrange(`${prefix}changes`, '-', '+');
    await client().del(`${prefix}changes`);
    for (const [id, fields] of entries) {
      const raw = fields[1] ?? '';
      const stored = id === '2-0' ? raw.replace('"digst"', '"tampered"') : raw;
      await client().xadd(`${prefix}changes`, id, 'record', stored);
    }
    const broken = await runCli([
      'verify-journal',
      '--store',
      redis().url,
      '--store-prefix',
      prefix,
    ]);
    expect(broken.stderr).toMatch(/^statuskit-feed: broken link at revision 3: /);
    expect(broken.code).toBe(1);
  });

  it('keeps the chain in the archive statuskit-feed archive writes', async () => {
    const prefix = nextPrefix();
    const store = await openStore(prefix, 5);
    const dataDir = await tempDir();
    const archiver = new RedisArchiver({
      url: redis().url,
      keyPrefix: prefix,
      dataDir,
      name: 'chain-test',
      compactEvery: 4,
      log: () => undefined,
    });
    const running = archiver.run();
    running.catch(() => undefined);
    open.push({ close: () => archiver.stop() });
    // Registered first, so the feed's trimming waits for it.
    while ((await client().hget(`${prefix}archivers`, 'chain-test')) === null) await sleep(20);
    for (let i = 0; i < 11; i += 1)
      await store.append([statusChange(`s${i}`, 'degraded')], 'digst');
    while (archiver.revision < 11) {
      await Promise.race([running.then(() => Promise.reject(new Error('stopped'))), sleep(20)]);
    }
    expect(await verifyChain(readAllRecords(dataDir))).toEqual({
      intact: true,
      records: 11,
      from: 1,
      to: 11,
    });
  });
});
