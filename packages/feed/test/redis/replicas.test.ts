import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { incidentBody, TOKENS } from '../helpers/fixtures.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { http } from '../helpers/http.js';
import { DURABLE, startRedis } from '../helpers/redis.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

const postIncident = (feed: TestFeed) =>
  http(`${feed.url}/v1/admin/incidents`, {
    method: 'POST',
    token: TOKENS.digst,
    body: incidentBody(),
  });

describe('--store-replicas: WAIT before every acknowledgement', () => {
  it('acknowledges a write once the replica has it, and answers 503 when the replica does not confirm', async () => {
    // Replication starts at once (Redis waits 5 s by default to serve several replicas together).
    const primary = await startRedis(['--appendonly', 'no', '--repl-diskless-sync-delay', '0']);
    open.push({ close: () => primary.remove() });
    const replica = await startRedis([
      ...DURABLE,
      '--replicaof',
      '127.0.0.1',
      String(primary.port),
    ]);
    open.push({ close: () => replica.remove() });
    const feed = await startTestFeed({
      redis: { url: primary.url, keyPrefix: 'wait:', replicas: 1, replicaTimeoutMs: 1500 },
    });
    open.push(feed);

    const accepted = await postIncident(feed);
    expect(accepted.status).toBe(201);
    const { revision } = accepted.json<{ revision: number }>();
    // WAIT returned: the replica holds the entry when the client is answered.
    const onReplica = new Redis(replica.url);
    expect(await onReplica.get('wait:revision')).toBe(String(revision));
    expect(
      (await onReplica.xrange('wait:changes', `${revision}-0`, '+')).map(([id]) => id),
    ).toEqual([`${revision}-0`]);

    onReplica.disconnect();

    await replica.kill();
    const unconfirmed = await postIncident(feed);
    expect(unconfirmed.status).toBe(503);
    expect(unconfirmed.headers['retry-after']).toBeDefined();
    expect(unconfirmed.json()['error']).toContain('only 0 of 1 replicas confirmed it');
  });
});
