import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFeedClient, type FeedClient, type FeedState } from '../src/index.js';
import { TestFeed } from './helpers/feed.js';
import { configJson } from './helpers/fixtures.js';
import {
  forward,
  frameEvent,
  frameId,
  rawServer,
  relayFrames,
  type RawServer,
} from './helpers/raw-server.js';
import { EventLog, recordingFetch } from './helpers/recording-fetch.js';
import { sleep, stateWhere, until } from './helpers/wait.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function startFeed(options: Parameters<typeof TestFeed.start>[0] = {}): Promise<TestFeed> {
  const feed = await TestFeed.start({ retryMs: 250, shutdownJitterMs: 250, ...options });
  cleanup.push(() => feed.dispose());
  return feed;
}

function client(url: string, options: Parameters<typeof createFeedClient>[1] = {}): FeedClient {
  const created = createFeedClient(url, { shareAcrossTabs: false, ...options });
  cleanup.push(() => {
    created.close();
  });
  return created;
}

async function feedDocument(feed: TestFeed, services?: string): Promise<unknown> {
  const query = services ? `?services=${services}` : '';
  const body = (await (await fetch(`${feed.url}/status.json${query}`)).json()) as {
    document: unknown;
  };
  return body.document;
}

const isLive = (state: FeedState): boolean =>
  state.connection === 'live' && state.source === 'feed';

describe('live updates', () => {
  it('renders the snapshot, then every change as it happens', async () => {
    const feed = await startFeed();
    const feedClient = client(feed.url);
    expect(feedClient.getState()).toMatchObject({ connection: 'connecting', source: 'none' });

    const first = await stateWhere(feedClient, isLive, 'the snapshot');
    expect(first.revision).toBe(feed.revision);
    expect(first.stale).toBe(false);
    expect(first.error).toBeUndefined();
    expect(first.effective['tax-return']?.status).toBe('operational');
    expect(first.lastUpdated).toBeGreaterThan(Date.now() - 5000);

    const revision = await feed.openIncident();
    const after = await stateWhere(feedClient, (s) => s.revision === revision, 'the incident');
    expect(after.document?.incidents).toHaveLength(1);
    // Derived with the model: the national eID's outage reaches the tax return through login.
    expect(after.effective['tax-return']?.status).toBe('major_outage');
    expect(after.effective['tax-return']?.causes[0]?.chain).toEqual(['tax-return', 'login', 'eid']);
    expect(after.document).toEqual(await feedDocument(feed));
  });

  it('follows only the services it names and what they depend on', async () => {
    const feed = await startFeed();
    const feedClient = client(feed.url, { services: ['login'] });
    const state = await stateWhere(feedClient, isLive, 'the filtered snapshot');
    expect(state.document?.services.map((s) => s.id).sort()).toEqual(['eid', 'login']);

    const revision = await feed.setStatus('eid', 'degraded');
    await stateWhere(feedClient, (s) => s.revision === revision, 'the eid change');
    expect(feedClient.getState().effective.login?.status).toBe('degraded');
    expect(feedClient.getState().document).toEqual(await feedDocument(feed, 'login'));
  });

  it('stays consistent when a catalogue change widens what a filter covers', async () => {
    const feed = await startFeed();
    const log = new EventLog();
    const warn = vi.spyOn(console, 'warn');
    const feedClient = client(feed.url, { services: ['login'], onEvent: log.onEvent });
    const changed = await feed.setStatus('eid', 'degraded');
    await stateWhere(feedClient, (s) => isLive(s) && s.revision === changed, 'the first change');

    // Login now also depends on digital post: a service the filtered client has never seen.
    const services = (configJson().services as { id: string }[]).map((service) =>
      service.id === 'login' ? { ...service, dependsOn: ['eid', 'digital-post'] } : service,
    );
    await feed.stop();
    await feed.startAgain({ services });
    const expected = await feedDocument(feed, 'login');
    expect(feed.revision).toBeGreaterThan(changed);
    const state = await stateWhere(
      feedClient,
      (s) => s.revision === feed.revision && isLive(s),
      'the resync after the catalogue change',
    );
    // The catalogue change widened the filter's reach (digital-post is new to this client), so
    // the feed answers the resume with a fresh snapshot instead of the missed events.
    expect(log.events.map((e) => e.type)).toEqual(['snapshot', 'service', 'snapshot']);
    expect(state.document).toEqual(expected);
    expect(state.document?.services.map((s) => s.id).sort()).toEqual([
      'digital-post',
      'eid',
      'login',
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('resumes after a dropped connection with no missed and no duplicated events', async () => {
    const feed = await startFeed();
    const log = new EventLog();
    const recorder = recordingFetch();
    const feedClient = client(feed.url, { fetch: recorder.fetch, onEvent: log.onEvent });
    const start = await stateWhere(feedClient, isLive, 'the snapshot');
    const before = await feed.setStatus('eid', 'degraded');
    await stateWhere(feedClient, (s) => s.revision === before, 'the first change');

    // Cut every connection while changes keep coming; hold the reconnect until they are in.
    recorder.hold();
    feed.feed.server.closeAllConnections();
    await until(() => recorder.streams().length === 2, 'a reconnect attempt');
    const missed: number[] = [];
    for (const status of ['partial_outage', 'major_outage', 'degraded', 'operational']) {
      missed.push(await feed.setStatus('login', status));
    }
    missed.push(await feed.openIncident());
    recorder.release();

    const last = missed.at(-1) ?? 0;
    const state = await stateWhere(
      feedClient,
      (s) => s.revision === last && isLive(s),
      'the resume',
    );
    expect(recorder.streams()[1]?.headers['last-event-id']).toBe(String(before));
    // Exactly once each: nothing missed, nothing applied twice, and no second snapshot.
    const applied = log.appliedChanges();
    for (let revision = start.revision + 1; revision <= last; revision += 1) {
      expect(applied.get(revision), `revision ${revision}`).toBe(1);
    }
    expect(log.snapshots()).toEqual([start.revision]);
    expect(state.document).toEqual(await feedDocument(feed));
  });

  it('fetches a fresh snapshot instead of guessing when an event is missing', async () => {
    const feed = await startFeed();
    let drop: number | undefined;
    const proxy = await lossyProxy(feed, (frame) => {
      const id = frameId(frame);
      if (id !== undefined && id === drop) {
        drop = undefined;
        return [];
      }
      return [frame];
    });
    const log = new EventLog();
    const recorder = recordingFetch();
    const feedClient = client(proxy.url, { fetch: recorder.fetch, onEvent: log.onEvent });
    const start = await stateWhere(feedClient, isLive, 'the snapshot');

    drop = start.revision + 1;
    await feed.setStatus('eid', 'degraded'); // lost on the way
    const next = await feed.setStatus('login', 'degraded'); // prev points at the lost one
    const state = await stateWhere(feedClient, (s) => s.revision === next, 'the resync');

    expect(log.events).toContainEqual({ type: 'service', revision: next, outcome: 'gap' });
    expect(log.snapshots()).toEqual([start.revision, next]);
    expect(recorder.streams()).toHaveLength(2);
    expect(recorder.streams()[1]?.headers['last-event-id']).toBeUndefined();
    expect(new URL(recorder.streams()[1]?.url ?? '').searchParams.has('lastEventId')).toBe(false);
    expect(state.document).toEqual(await feedDocument(feed));
    expect(state.effective['tax-return']?.status).toBe('degraded');
  });

  it('ignores an event it already holds', async () => {
    const feed = await startFeed();
    const proxy = await lossyProxy(feed, (frame) =>
      frameEvent(frame) === 'service' ? [frame, frame] : [frame],
    );
    const log = new EventLog();
    const feedClient = client(proxy.url, { onEvent: log.onEvent });
    await stateWhere(feedClient, isLive, 'the snapshot');
    const revision = await feed.setStatus('eid', 'major_outage');
    await stateWhere(feedClient, (s) => s.revision === revision, 'the change');
    await until(() => log.events.length === 3, 'the repeated event');

    expect(log.events.slice(1)).toEqual([
      { type: 'service', revision, outcome: 'applied' },
      { type: 'service', revision, outcome: 'duplicate' },
    ]);
    expect(feedClient.getState().connection).toBe('live');
  });

  it('tells listeners once per burst of events, not once per event', async () => {
    const feed = await startFeed();
    const recorder = recordingFetch();
    const feedClient = client(feed.url, { fetch: recorder.fetch });
    await stateWhere(feedClient, isLive, 'the snapshot');

    recorder.hold();
    feed.feed.server.closeAllConnections();
    await until(() => recorder.streams().length === 2, 'a reconnect attempt');
    let last = 0;
    for (let i = 0; i < 40; i += 1) {
      last = await feed.setStatus(
        'permits',
        i % 2 === 0 ? 'degraded' : 'operational',
        'tax-agency-token-0123456789abcdef',
      );
    }
    const notified: FeedState[] = [];
    feedClient.subscribe((state) => notified.push(state));
    recorder.release();

    await stateWhere(feedClient, (s) => s.revision === last, 'the burst');
    await sleep(150);
    const withChanges = notified.filter(
      (state, i) => state.revision !== (notified[i - 1]?.revision ?? -1),
    );
    // 40 events resent in one burst: the listener hears of them in one or two batches.
    expect(withChanges.length).toBeGreaterThanOrEqual(1);
    expect(withChanges.length).toBeLessThanOrEqual(3);
    expect(notified.length).toBeLessThanOrEqual(5);
    expect(notified.at(-1)?.revision).toBe(last);
  });

  it('marks the data stale when the feed has said nothing for too long', async () => {
    const feed = await startFeed();
    const feedClient = client(feed.url, { staleAfterMs: 400 });
    await stateWhere(feedClient, (s) => isLive(s) && !s.stale, 'fresh data');
    const seen: boolean[] = [];
    feedClient.subscribe((state) => seen.push(state.stale));

    // The feed's heartbeat is 15 s: after 400 ms of silence the data counts as stale.
    await stateWhere(feedClient, (s) => s.stale, 'staleness');
    expect(seen).toContain(true);
    expect(feedClient.getState().connection).toBe('live');

    const revision = await feed.setStatus('eid', 'degraded');
    await stateWhere(feedClient, (s) => s.revision === revision && !s.stale, 'fresh data again');
  });

  it('derives again when a maintenance window opens and closes, without any event', async () => {
    const feed = await startFeed();
    const log = new EventLog();
    const feedClient = client(feed.url, { onEvent: log.onEvent });
    await stateWhere(feedClient, isLive, 'the snapshot');
    const statuses: string[] = [];
    feedClient.subscribe((state) => {
      const status = state.effective.permits?.status ?? 'none';
      if (statuses.at(-1) !== status) statuses.push(status);
    });

    const now = Date.now();
    const revision = await feed.admin(
      'POST',
      '/maintenance',
      {
        services: ['permits'],
        title: { da: 'Vedligeholdelse' },
        message: { da: 'Lukket en kort stund.' },
        // Seconds of margin: on a loaded CI machine the scheduling itself can take a while.
        scheduledStart: new Date(now + 4000).toISOString(),
        scheduledEnd: new Date(now + 7000).toISOString(),
      },
      'tax-agency-token-0123456789abcdef',
    );
    await stateWhere(feedClient, (s) => s.revision === revision, 'the scheduled window');
    await until(
      // (On a very busy machine the scheduling may arrive after the window opened.)
      () => statuses.join().endsWith('maintenance,operational'),
      () => `the window to open and close (seen: ${statuses.join()})`,
      30_000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(now + 7000);
    // The snapshot and the scheduling: the opening and closing came from the clock alone.
    expect(log.events.map((e) => e.type)).toEqual(['snapshot', 'maintenance']);
  }, 45_000);
});

/** A proxy in front of the real feed whose event stream passes through `rewrite`. */
async function lossyProxy(
  feed: TestFeed,
  rewrite: (frame: string) => string[],
): Promise<RawServer> {
  const proxy = await rawServer((req, res) => {
    void forward(feed.origin, req).then(
      (upstream) => {
        if (req.url?.startsWith('/v1/stream')) relayFrames(upstream, res, rewrite);
        else {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        }
      },
      () => res.destroy(),
    );
  });
  cleanup.push(() => proxy.close());
  return proxy;
}
