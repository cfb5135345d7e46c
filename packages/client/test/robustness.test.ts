import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFeedClient, getFeedClient, type FeedClient, type FeedState } from '../src/index.js';
import { readSnapshot, writeSnapshot, type SnapshotStorage } from '../src/snapshot-cache.js';
import { TestFeed } from './helpers/feed.js';
import { sleep, stateWhere, until } from './helpers/wait.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Anything that escapes the client fails the file, not just the test that caused it. */
const escaped: unknown[] = [];
const collect = (error: unknown): void => {
  escaped.push(error);
};
beforeAll(() => {
  process.on('unhandledRejection', collect);
  process.on('uncaughtException', collect);
});
afterAll(() => {
  process.off('unhandledRejection', collect);
  process.off('uncaughtException', collect);
  expect(escaped).toEqual([]);
});

let feed: TestFeed;
beforeAll(async () => {
  feed = await TestFeed.start({ retryMs: 250 });
});
afterAll(async () => {
  await feed.dispose();
});

function client(url: string, options: Parameters<typeof createFeedClient>[1] = {}): FeedClient {
  const created = createFeedClient(url, { shareAcrossTabs: false, ...options });
  cleanup.push(() => {
    created.close();
  });
  return created;
}

const isLive = (state: FeedState): boolean =>
  state.connection === 'live' && state.source === 'feed';

describe('never throws into the host', () => {
  it('catches a throwing listener, warns once for it, and still tells the others', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const feedClient = client(feed.url);
    let thrown = 0;
    feedClient.subscribe(() => {
      thrown += 1;
      throw new Error('a broken component');
    });
    const received: number[] = [];
    feedClient.subscribe((state) => received.push(state.revision));
    await stateWhere(feedClient, isLive, 'the snapshot');
    const revision = await feed.setStatus('eid', 'degraded');
    await until(() => received.includes(revision), 'the second listener to hear of the change');

    expect(thrown).toBeGreaterThanOrEqual(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('listener');
  });

  it('survives a fetch that throws synchronously, and keeps trying', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let calls = 0;
    const feedClient = client(feed.url, {
      retryMs: 250,
      random: () => 0.1,
      fetch: () => {
        calls += 1;
        throw new TypeError('fetch is broken here');
      },
    });
    const state = await stateWhere(feedClient, (s) => s.error !== undefined, 'the error');
    expect(state.error).toMatchObject({ kind: 'network', message: 'fetch is broken here' });
    expect(state.connection).toBe('connecting');
    await until(() => calls >= 3, 'more attempts');
    expect(warn).not.toHaveBeenCalled();
  });

  it('survives a fetch that resolves to something that is not a Response', async () => {
    const feedClient = client(feed.url, {
      pollAfterFailures: 2,
      pollIntervalMs: 100,
      retryMs: 250,
      random: () => 0.1,
      fetch: () => Promise.resolve({} as Response),
    });
    await stateWhere(feedClient, (s) => s.connection === 'polling', 'the fallback');
    await sleep(200);
    expect(feedClient.getState().document).toBeUndefined();
  });

  it('catches a throwing onEvent hook', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const feedClient = client(feed.url, {
      onEvent: () => {
        throw new Error('a broken logger');
      },
    });
    await stateWhere(feedClient, isLive, 'the snapshot');
    const revision = await feed.setStatus('eid', 'operational');
    await stateWhere(feedClient, (s) => s.revision === revision, 'the change');
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('stops everything on close() and tells listeners once', async () => {
    const feedClient = client(feed.url);
    await stateWhere(feedClient, isLive, 'the snapshot');
    const states: FeedState[] = [];
    feedClient.subscribe((state) => states.push(state));
    feedClient.close();
    feedClient.close();
    expect(feedClient.getState().connection).toBe('stopped');
    expect(states.map((s) => s.connection)).toEqual(['stopped']);
    // No stream is left open on the feed (this file's other clients are closed too).
    await expectEventually(async () => (await feed.openStreams()) === 0);
    await feed.setStatus('eid', 'degraded');
    await sleep(100);
    expect(states).toHaveLength(1);
  });
});

describe('getFeedClient', () => {
  it('shares one client per feed URL and service filter', () => {
    const a = getFeedClient(feed.url, { services: ['tax-return', 'permits'] });
    const b = getFeedClient(`${feed.url}/`, { services: ['permits', 'tax-return', 'permits'] });
    const c = getFeedClient(feed.url, { services: ['permits'] });
    const d = getFeedClient(feed.url);
    cleanup.push(() => {
      a.close();
      c.close();
      d.close();
    });
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(d).not.toBe(a);
    expect(getFeedClient(feed.url, { services: [] })).toBe(d);
    expect(a.url).toBe(feed.url);

    a.close();
    const again = getFeedClient(feed.url, { services: ['permits', 'tax-return'] });
    cleanup.push(() => {
      again.close();
    });
    expect(again).not.toBe(a);
  });

  it('gives components the same state', async () => {
    const first = getFeedClient(feed.url, { services: ['login'] });
    cleanup.push(() => {
      first.close();
    });
    await stateWhere(first, isLive, 'the snapshot');
    const second = getFeedClient(feed.url, { services: ['login'] });
    expect(second.getState()).toBe(first.getState());
  });
});

describe('the snapshot cache', () => {
  const document = {
    defaultLocale: 'da',
    timeZone: 'Europe/Copenhagen',
    services: [{ id: 'eid', name: { da: 'MitID' }, owner: 'digst', status: 'operational' }],
    incidents: [],
    maintenance: [],
  } as const;

  function memoryStorage(): SnapshotStorage & { items: Map<string, string> } {
    const items = new Map<string, string>();
    return {
      items,
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => void items.set(key, value),
      removeItem: (key) => void items.delete(key),
    };
  }

  it('reads back what it wrote, validated', () => {
    const storage = memoryStorage();
    writeSnapshot(storage, 'k', { revision: 4, savedAt: 1000, document });
    expect(readSnapshot(storage, 'k', 2000)).toEqual({ revision: 4, savedAt: 1000, document });
  });

  it('ignores anything broken', () => {
    const storage = memoryStorage();
    for (const text of [
      'not json',
      '[]',
      JSON.stringify({ v: 2, revision: 1, savedAt: 1, document }),
      JSON.stringify({ v: 1, revision: -1, savedAt: 1, document }),
      JSON.stringify({ v: 1, revision: 1, document }),
      JSON.stringify({ v: 1, revision: 1, savedAt: 1, document: { ...document, services: 'x' } }),
    ]) {
      storage.items.set('k', text);
      expect(readSnapshot(storage, 'k', 2), text).toBeUndefined();
    }
  });

  it('shrugs off storage that throws (private mode, quota, SecurityError)', () => {
    const hostile: SnapshotStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(readSnapshot(hostile, 'k', 1)).toBeUndefined();
    expect(() => {
      writeSnapshot(hostile, 'k', { revision: 1, savedAt: 1, document });
    }).not.toThrow();
  });
});

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await sleep(20);
  }
}
