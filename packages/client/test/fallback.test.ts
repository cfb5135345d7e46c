import { afterEach, describe, expect, it } from 'vitest';
import { createFeedClient, type FeedClient, type FeedState } from '../src/index.js';
import { TestFeed } from './helpers/feed.js';
import { forward, rawServer } from './helpers/raw-server.js';
import { sleep, stateWhere, until } from './helpers/wait.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function client(url: string, options: Parameters<typeof createFeedClient>[1] = {}): FeedClient {
  const created = createFeedClient(url, { shareAcrossTabs: false, ...options });
  cleanup.push(() => {
    created.close();
  });
  return created;
}

describe('polling fallback', () => {
  it('polls status.json with If-None-Match while the stream is blocked, and goes live once it is not', async () => {
    const feed = await TestFeed.start({ retryMs: 250 });
    cleanup.push(() => feed.dispose());
    // A proxy that turns the event stream into an HTML page (as a content filter might) and
    // passes status.json through to the real feed.
    let blocked = true;
    const proxy = await rawServer((req, res) => {
      if (blocked && req.url?.startsWith('/v1/stream')) {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p>This content is blocked</p>');
        return;
      }
      void forward(feed.origin, req).then(
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        },
        () => res.destroy(),
      );
    });
    cleanup.push(() => proxy.close());

    const feedClient = client(proxy.url, {
      pollAfterFailures: 2,
      pollIntervalMs: 150,
      maxBackoffMs: 1000,
      retryMs: 250,
    });
    const polled = await stateWhere(
      feedClient,
      (s) => s.connection === 'polling' && s.source === 'feed',
      'polling',
    );
    expect(polled.revision).toBe(feed.revision);
    expect(polled.error).toMatchObject({ kind: 'protocol' });
    expect(polled.error?.message).toContain('text/html');
    expect(polled.effective['tax-return']?.status).toBe('operational');

    // Changes still arrive, a poll interval later.
    const revision = await feed.setStatus('eid', 'major_outage');
    await stateWhere(feedClient, (s) => s.revision === revision, 'the polled change');
    expect(feedClient.getState().connection).toBe('polling');
    expect(feedClient.getState().effective['tax-return']?.status).toBe('major_outage');

    const polls = proxy.seen('/v1/status.json');
    const conditional = polls.filter((p) => typeof p.headers['if-none-match'] === 'string');
    expect(conditional.length).toBeGreaterThan(0);
    expect(polls.at(-1)?.headers['if-none-match']).toMatch(/^"\d+-/);
    // The stream is still tried in the background, with backoff (not once per poll).
    const streamTries = proxy.seen('/v1/stream').length;
    expect(streamTries).toBeGreaterThanOrEqual(2);
    expect(streamTries).toBeLessThan(polls.length + 3);

    blocked = false;
    await stateWhere(feedClient, (s) => s.connection === 'live', 'the stream to come back', 8000);
    const pollsWhenLive = proxy.seen('/v1/status.json').length;
    await sleep(500);
    expect(proxy.seen('/v1/status.json').length).toBe(pollsWhenLive);
    expect(feedClient.getState().error).toBeUndefined();

    const after = await feed.setStatus('eid', 'operational');
    await stateWhere(feedClient, (s: FeedState) => s.revision === after, 'a live change');
  });

  it('also falls back when a buffering proxy holds the stream back', async () => {
    const feed = await TestFeed.start({ retryMs: 250 });
    cleanup.push(() => feed.dispose());
    // Headers go out, the body never does: what a buffering proxy looks like from the page.
    const proxy = await rawServer((req, res) => {
      if (req.url?.startsWith('/v1/stream')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        return;
      }
      void forward(feed.origin, req).then(
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        },
        () => res.destroy(),
      );
    });
    cleanup.push(() => proxy.close());
    const feedClient = client(proxy.url, {
      heartbeatMs: 100,
      pollAfterFailures: 2,
      pollIntervalMs: 200,
      retryMs: 250,
    });
    await stateWhere(
      feedClient,
      (s) => s.connection === 'polling' && s.source === 'feed',
      'polling',
    );
    expect(feedClient.getState().error?.message).toContain('no data');
    await until(() => proxy.seen('/v1/status.json').length >= 2, 'a second poll');
  });
});
