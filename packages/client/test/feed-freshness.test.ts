import { afterEach, describe, expect, it } from 'vitest';
import { startRedis } from '../../feed/test/helpers/redis.js';
import { createFeedClient } from '../src/index.js';
import { TestFeed } from './helpers/feed.js';
import { stateWhere } from './helpers/wait.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('a feed that cannot reach its store', () => {
  it('makes the state stale while the feed says it is not fresh, and fresh again after', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.remove());
    const feed = await TestFeed.start({ redis: { url: redis.url }, retryMs: 250 });
    cleanup.push(() => feed.dispose());
    const client = createFeedClient(feed.url, { shareAcrossTabs: false });
    cleanup.push(() => {
      client.close();
    });

    const live = await stateWhere(
      client,
      (s) => s.connection === 'live' && s.source === 'feed',
      'live',
    );
    expect(live.stale).toBe(false);

    await redis.stop();
    // Heartbeats keep arriving, the stream stays up: only the feed's word says the data may be old.
    const stale = await stateWhere(client, (s) => s.stale, 'stale');
    expect(stale.connection).toBe('live');
    expect(stale.revision).toBe(live.revision);

    await redis.start();
    const fresh = await stateWhere(client, (s) => !s.stale, 'fresh again');
    expect(fresh.connection).toBe('live');
  });
});
