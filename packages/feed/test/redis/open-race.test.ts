import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisChangeStore } from '../../src/store/redis-change-store.js';
import { startRedis } from '../helpers/redis.js';
import { initial, statusChange } from '../store/fixtures.js';

const open: { close(): unknown }[] = [];
afterAll(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

/**
 * A relay to Redis that, the first time the process behind it reads the stream (`XRANGE`), holds
 * that request until `meanwhile()` has run: another process's write lands between this one
 * reading the revision counter and reading the stream, always, instead of once in a few starts.
 */
async function relayWritingBeforeFirstRead(
  targetPort: number,
  meanwhile: () => Promise<unknown>,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let held = false;
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      if (held || !chunk.toString('latin1').toUpperCase().includes('XRANGE')) {
        upstream.write(chunk);
        return;
      }
      held = true;
      client.pause();
      void meanwhile().then(() => {
        upstream.write(chunk);
        client.resume();
      });
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('RedisChangeStore start-up while another process writes', () => {
  // `serve --workers 2` on a new Redis: both workers start at once, one publishes the catalogue
  // while the other loads. The loader refused to start ("revision is 0, but the stream and
  // snapshot reach revision 12"), and the primary gave up on the whole group.
  it('opens at the newest revision when a write lands between reading the counter and the stream', async () => {
    const redis = await startRedis();
    open.push({ close: () => redis.remove() });
    const writer = new RedisChangeStore({ url: redis.url, keyPrefix: 'race:' });
    open.push(writer);
    await writer.open(initial);

    const relay = await relayWritingBeforeFirstRead(redis.port, () =>
      writer.append([statusChange('mitid', 'degraded')], 'digst'),
    );
    open.push(relay);
    const loader = new RedisChangeStore({
      url: `redis://127.0.0.1:${relay.port}/0`,
      keyPrefix: 'race:',
    });
    open.push(loader);
    await loader.open(initial);

    expect(loader.revision).toBe(1);
    expect(loader.since(0)?.map((record) => record.revision)).toEqual([1]);
    const [next] = await loader.append([statusChange('mitid', 'operational')], 'digst');
    expect(next?.revision).toBe(2);
  });
});
