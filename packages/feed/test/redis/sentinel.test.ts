import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { incidentBody, TOKENS } from '../helpers/fixtures.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { http, openStream } from '../helpers/http.js';
import { DURABLE, startRedis, startSentinel } from '../helpers/redis.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

const open: { close(): unknown }[] = [];
afterAll(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

/** Waits, with a generous bound, until `check` holds; a failure names what never happened. */
async function until(what: string, check: () => Promise<boolean>, boundMs = 20_000): Promise<void> {
  const end = Date.now() + boundMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`${what} did not happen within ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A flat `[key, value, …]` reply of SENTINEL as a map. */
function fields(reply: unknown): Map<string, string> {
  const list = Array.isArray(reply) ? (reply as string[]) : [];
  const map = new Map<string, string>();
  for (let index = 0; index + 1 < list.length; index += 2) {
    map.set(String(list[index]), String(list[index + 1]));
  }
  return map;
}

/** A primary, its replica and one sentinel watching them, once Sentinel sees the replica in sync. */
async function startGroup() {
  // Replication starts at once (Redis waits 5 s by default to serve several replicas together).
  const settings = [...DURABLE, '--repl-diskless-sync-delay', '0'];
  const primary = await startRedis(settings);
  open.push({ close: () => primary.remove() });
  const replica = await startRedis([...settings, '--replicaof', '127.0.0.1', String(primary.port)]);
  open.push({ close: () => replica.remove() });
  const sentinel = await startSentinel(primary.port);
  open.push({ close: () => sentinel.remove() });
  const watcher = new Redis({ port: sentinel.port, host: '127.0.0.1' });
  open.push({
    close: () => {
      watcher.disconnect();
    },
  });
  // Sentinel can only promote a replica it knows and sees in sync.
  await until('Sentinel seeing the replica in sync', async () => {
    const replicas = (await watcher.call('SENTINEL', 'REPLICAS', 'mymaster')) as unknown[];
    return replicas.some((entry) => {
      const replicaFields = fields(entry);
      return (
        replicaFields.get('port') === String(replica.port) &&
        replicaFields.get('flags') === 'slave' &&
        replicaFields.get('master-link-status') === 'ok'
      );
    });
  });
  return { primary, replica, sentinel, watcher };
}

/** The port of the primary Sentinel names now. */
async function primaryPort(watcher: Redis): Promise<string | undefined> {
  const address = (await watcher.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster')) as
    string[] | null;
  return address?.[1];
}

describe('Redis Sentinel', () => {
  it('loses no acknowledged write when the primary is killed and Sentinel promotes the replica', async () => {
    const { primary, replica, sentinel, watcher } = await startGroup();

    const through = { url: sentinel.url, keyPrefix: 'failover:', replicas: 1 };
    // WAIT long enough for a replica on a loaded machine (500 ms timed out there, even before the
    // failover), short enough that writes refused while the new primary has no replica are few.
    const feed = await startTestFeed({ redis: { ...through, replicaTimeoutMs: 2000 } });
    open.push(feed);
    const live = await openStream(`${feed.url}/v1/stream`);
    open.push(live);
    const snapshot = await live.waitFor((event) => event.event === 'snapshot');

    const acknowledged: { revision: number; id: string }[] = [];
    let refused = 0;
    const phase = { killed: false, ackedAfterKill: 0 };
    const writer = (async () => {
      // Bounded whatever happens: at most 600 tries.
      for (let tries = 0; tries < 600; tries += 1) {
        const answer = await http(`${feed.url}/v1/admin/incidents`, {
          method: 'POST',
          token: TOKENS.digst,
          body: incidentBody(),
        });
        if (answer.status === 201) {
          const body = answer.json<{ revision: number; incident: { id: string } }>();
          acknowledged.push({ revision: body.revision, id: body.incident.id });
          if (phase.killed) phase.ackedAfterKill += 1;
          if (phase.ackedAfterKill >= 5) return;
        } else {
          // Never anything else: no conflict, no error, only "try again later".
          expect([answer.status, answer.text]).toEqual([503, expect.any(String)]);
          expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
          refused += 1;
          await pause(25);
        }
      }
    })();

    await until('10 acknowledged writes', () => Promise.resolve(acknowledged.length >= 10));
    await primary.kill();
    phase.killed = true;
    // GET-MASTER-ADDR-BY-NAME names the promoted replica while the failover is still running;
    // the old primary must come back only after it ended (Sentinel then makes it a replica).
    await until('Sentinel ending the failover to the replica', async () => {
      const master = fields(await watcher.call('SENTINEL', 'MASTER', 'mymaster'));
      return master.get('port') === String(replica.port) && master.get('flags') === 'master';
    });
    // The old primary comes back; Sentinel makes it a replica of the new one, so WAIT 1 can
    // succeed again (until then each write is stored but unconfirmed, and answered 503).
    await primary.start();
    await writer;
    expect(phase.ackedAfterKill).toBeGreaterThanOrEqual(5);
    expect(refused).toBeGreaterThan(0);

    // On the new primary: every revision once, no gap, each acknowledged write at its revision.
    const onPrimary = new Redis(replica.url);
    open.push({
      close: () => {
        onPrimary.disconnect();
      },
    });
    const entries = await onPrimary.xrange('failover:changes', '-', '+');
    const revisions = entries.map(([id]) => Number(id.split('-')[0]));
    expect(revisions).toEqual(revisions.map((_, index) => index + 1));
    const last = revisions.at(-1) ?? 0;
    expect(await onPrimary.get('failover:revision')).toBe(String(last));
    const stored = new Map(entries.map(([id, values]) => [Number(id.split('-')[0]), values[1]]));
    for (const { revision, id } of acknowledged) {
      const record = JSON.parse(stored.get(revision) ?? '{}') as {
        change?: { incident?: { id: string } };
      };
      expect(record.change?.incident?.id).toBe(id);
    }

    // The open stream stayed open, and got every change once, in order, acknowledged ones included.
    await live.waitFor((event) => Number(event.id) === last, 20_000);
    const changes = live.events.filter((event) => event.id !== undefined && event !== snapshot);
    const ids = changes.map((event) => Number(event.id));
    expect(ids).toEqual(ids.map((_, index) => Number(snapshot.id) + index + 1));
    const delivered = new Map(
      changes.map((event) => [Number(event.id), (event.json['incident'] as { id: string }).id]),
    );
    for (const { revision, id } of acknowledged) expect(delivered.get(revision)).toBe(id);

    // A process started now, through Sentinel, serves every acknowledged incident.
    const fresh: TestFeed = await startTestFeed({ redis: through });
    open.push(fresh);
    const status = (await http(`${fresh.url}/v1/status.json`)).json<{
      revision: number;
      document: { incidents: { id: string }[] };
    }>();
    expect(status.revision).toBe(last);
    const served = new Set(status.document.incidents.map((incident) => incident.id));
    for (const { id } of acknowledged) expect(served.has(id)).toBe(true);
  }, 60_000);

  it('loads what Redis holds when a failover lost a change this process had already applied', async () => {
    const redis = await startRedis();
    open.push({ close: () => redis.remove() });
    const proxy = await startTcpProxy(redis.port);
    open.push(proxy);
    const behind = await startTestFeed({
      redis: { url: `redis://127.0.0.1:${proxy.port}/0`, keyPrefix: 'rewind:' },
    });
    open.push(behind);
    const live = await openStream(`${behind.url}/v1/stream`);
    open.push(live);
    await live.waitFor((event) => event.event === 'snapshot');
    const post = (feed: TestFeed) =>
      http(`${feed.url}/v1/admin/incidents`, {
        method: 'POST',
        token: TOKENS.digst,
        body: incidentBody(),
      });
    expect((await post(behind)).status).toBe(201);
    const lost = await post(behind);
    expect(lost.status).toBe(201);
    const revision = lost.json<{ revision: number }>().revision;

    // The switch: the promoted replica never got the last entry (as when a tail read it from
    // the old primary before replication), and another process writes its own at that revision.
    proxy.cut();
    await live.waitFor((event) => event.event === 'feed');
    const direct = new Redis(redis.url);
    open.push({
      close: () => {
        direct.disconnect();
      },
    });
    await direct.xdel('rewind:changes', `${revision}-0`);
    await direct.call('XSETID', 'rewind:changes', `${revision - 1}-0`);
    await direct.set('rewind:revision', String(revision - 1));
    const other = await startTestFeed({ redis: { url: redis.url, keyPrefix: 'rewind:' } });
    open.push(other);
    const answer = await post(other);
    expect([answer.status, answer.text]).toEqual([201, expect.any(String)]);
    expect(other.feed.store.revision).toBe(revision);

    proxy.heal();
    const reloaded = await live.waitFor(
      (event) => event.event === 'snapshot' && live.events.indexOf(event) > 0,
      15_000,
    );
    expect(Number(reloaded.id)).toBe(revision);
    expect(behind.feed.store.document).toEqual(other.feed.store.document);
    // Writes go on from Redis's revision, not the lost one.
    await live.waitFor((event) => event.event === 'feed' && event.json['fresh'] === true, 15_000);
    const next = await post(behind);
    expect(next.status).toBe(201);
    expect(next.json<{ revision: number }>().revision).toBe(revision + 1);
  });

  it('follows a failover Sentinel is asked for, where the old primary lives on as a replica', async () => {
    const { replica, sentinel, watcher } = await startGroup();
    const feed = await startTestFeed({
      redis: { url: sentinel.url, keyPrefix: 'switch:', replicas: 1, replicaTimeoutMs: 2000 },
    });
    open.push(feed);
    const live = await openStream(`${feed.url}/v1/stream`);
    open.push(live);
    await live.waitFor((event) => event.event === 'snapshot');
    const post = () =>
      http(`${feed.url}/v1/admin/incidents`, {
        method: 'POST',
        token: TOKENS.digst,
        body: incidentBody(),
      });
    expect((await post()).status).toBe(201);

    await watcher.call('SENTINEL', 'FAILOVER', 'mymaster');
    await until(
      'Sentinel switching to the replica',
      async () => (await primaryPort(watcher)) === String(replica.port),
    );
    // The old primary refuses writes now (READONLY); the feed must find the new one.
    let accepted: { revision: number; incident: { id: string } } | undefined;
    await until('a write accepted on the new primary', async () => {
      const answer = await post();
      if (answer.status !== 201) return false;
      accepted = answer.json();
      return true;
    });
    const onPrimary = new Redis(replica.url);
    open.push({
      close: () => {
        onPrimary.disconnect();
      },
    });
    expect(await onPrimary.get('switch:revision')).toBe(String(accepted?.revision));
    const delivered = await live.waitFor((event) => Number(event.id) === accepted?.revision);
    expect((delivered.json['incident'] as { id: string }).id).toBe(accepted?.incident.id);
  });
});
