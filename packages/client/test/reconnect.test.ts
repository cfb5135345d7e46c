import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFeedClient, type FeedClient, type FeedState } from '../src/index.js';
import { TestFeed } from './helpers/feed.js';
import { rawServer, type RawServer } from './helpers/raw-server.js';
import { EventLog, recordingFetch } from './helpers/recording-fetch.js';
import { sleep, stateWhere, until } from './helpers/wait.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const step of cleanup.splice(0).reverse()) await step();
});

function client(url: string, options: Parameters<typeof createFeedClient>[1] = {}): FeedClient {
  const created = createFeedClient(url, { shareAcrossTabs: false, ...options });
  cleanup.push(() => {
    created.close();
  });
  return created;
}

async function server(handler: Parameters<typeof rawServer>[0]): Promise<RawServer> {
  const started = await rawServer(handler);
  cleanup.push(() => started.close());
  return started;
}

const isLive = (state: FeedState): boolean =>
  state.connection === 'live' && state.source === 'feed';

/** A valid one-service document, as a raw test server's snapshot. */
const DOCUMENT = {
  defaultLocale: 'da',
  timeZone: 'Europe/Copenhagen',
  services: [{ id: 'eid', name: { da: 'MitID' }, owner: 'digst', status: 'operational' }],
  incidents: [],
  maintenance: [],
};
const snapshotFrame = (revision: number): string =>
  `id: ${revision}\nevent: snapshot\ndata: ${JSON.stringify({ revision, document: DOCUMENT })}\n\n`;
const STREAM_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-store' };

describe('reconnecting', () => {
  it('comes back after a graceful restart within the jittered retry: window, spread out', async () => {
    // Every stream is told `retry: 1000` on shutdown (no server-side jitter here), so the spread
    // below is the clients' own.
    const feed = await TestFeed.start({ retryMs: 1000, shutdownJitterMs: 0 });
    cleanup.push(() => feed.dispose());
    const count = 6;
    const draws = Array.from({ length: count }, (_, i) => (i + 0.5) / count);
    const recorders = draws.map(() => recordingFetch());
    const clients = draws.map((draw, i) =>
      client(feed.url, { fetch: recorders[i]?.fetch ?? fetch, random: () => draw }),
    );
    await Promise.all(clients.map((c) => stateWhere(c, isLive, 'the first snapshot')));
    const revision = feed.revision;

    const stoppedAt = Date.now();
    await feed.stop();
    await feed.startAgain();
    await until(() => recorders.every((r) => r.streams().length >= 2), 'every client to come back');
    await Promise.all(
      clients.map((c) => stateWhere(c, (s) => isLive(s) && s.error === undefined, 'the reconnect')),
    );

    const delays = recorders.map((recorder) => (recorder.streams()[1]?.at ?? Infinity) - stoppedAt);
    draws.forEach((draw, i) => {
      const delay = delays[i] ?? Infinity;
      expect(delay, `client ${i}`).toBeGreaterThanOrEqual(draw * 1000 - 30);
      expect(delay, `client ${i}`).toBeLessThan(draw * 1000 + 2000);
      // Resumed where it left off, with the header (this is Node: no CORS preflight to avoid).
      const resumed = recorders[i]
        ?.streams()
        .find((call) => call.at - stoppedAt >= draw * 1000 - 30);
      expect(resumed?.headers['last-event-id']).toBe(String(revision));
    });
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(500);

    const next = await feed.setStatus('eid', 'degraded');
    await Promise.all(
      clients.map((c) => stateWhere(c, (s) => s.revision === next, 'the new change')),
    );
  });

  it('survives an abrupt stop and resumes without missing or repeating events', async () => {
    const feed = await TestFeed.start({ retryMs: 250 });
    cleanup.push(() => feed.dispose());
    const logs = [new EventLog(), new EventLog(), new EventLog()];
    const clients = logs.map((log) =>
      client(feed.url, { onEvent: log.onEvent, pollAfterFailures: 10 }),
    );
    await Promise.all(clients.map((c) => stateWhere(c, isLive, 'the first snapshot')));
    const start = feed.revision;

    await feed.kill();
    await Promise.all(
      clients.map((c) =>
        stateWhere(
          c,
          (s) => s.connection === 'connecting' && s.error?.kind === 'network',
          'the loss',
        ),
      ),
    );
    await sleep(300); // a few refused attempts while the feed is down
    await feed.startAgain();
    const next = await feed.openIncident();
    await Promise.all(
      clients.map((c) => stateWhere(c, (s) => s.revision === next && isLive(s), 'the resume')),
    );

    for (const log of logs) {
      expect(log.snapshots()).toEqual([start]);
      expect([...log.appliedChanges()]).toEqual([[next, 1]]);
    }
    for (const c of clients) {
      expect(c.getState().effective['tax-return']?.status).toBe('major_outage');
      expect(c.getState().error).toBeUndefined();
    }
  });

  it('after a planned close, backs off from the usual retry, not the long closing one', async () => {
    // The restarting feed says `retry: 2000` as it closes. The client's return (half of that,
    // random 0.5) beats the new process and fails; the next attempt is drawn from the usual
    // 200 ms base (≤ 400 ms), not from the 2 s window (≤ 4 s).
    const raw = await server((_req, res, _seen, index) => {
      if (index === 1) return void res.destroy();
      res.writeHead(200, STREAM_HEADERS);
      res.write(`retry: 200\n\n${snapshotFrame(5)}`);
      if (index === 0) setTimeout(() => res.end('retry: 2000\n\n'), 50);
    });
    const feedClient = client(raw.url, { random: () => 0.5, pollAfterFailures: 10 });
    await until(() => raw.seen('/v1/stream').length >= 3, 'the third attempt', 5000);
    const [first, second, third] = raw.seen('/v1/stream');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect((third?.at ?? 0) - (second?.at ?? 0)).toBeLessThan(800);
    await stateWhere(feedClient, (s) => isLive(s) && s.revision === 5, 'live again');
  });

  it('treats a silent stream as dead after 2.5 heartbeats and reconnects', async () => {
    const raw = await server((req, res) => {
      if (!req.url?.startsWith('/v1/stream')) return void res.writeHead(404).end();
      res.writeHead(200, STREAM_HEADERS);
      res.write(`retry: 250\n\n${snapshotFrame(7)}`);
      // …and then nothing, not even a heartbeat: a half-open connection.
    });
    const feedClient = client(raw.url, { heartbeatMs: 200, random: () => 0.5 });
    await stateWhere(feedClient, (s) => s.revision === 7 && isLive(s), 'the snapshot');
    await until(() => raw.seen('/v1/stream').length >= 2, 'the reconnect', 5000);

    const [first, second] = raw.seen('/v1/stream');
    const gap = (second?.at ?? 0) - (first?.at ?? 0);
    // 500 ms of silence, then half the 250 ms retry window (random 0.5).
    expect(gap).toBeGreaterThanOrEqual(450);
    expect(gap).toBeLessThan(2500);
    expect(second?.headers['last-event-id']).toBe('7');
    expect(feedClient.getState().document?.services[0]?.id).toBe('eid');
  });

  it('honours Retry-After on 503 (seconds) and 429 (HTTP date)', async () => {
    let retryDate = 0;
    const raw = await server((_req, res, _seen, index) => {
      if (index === 0) {
        res.writeHead(503, { 'retry-after': '1' }).end();
      } else if (index === 1) {
        retryDate = Date.now() + 2000;
        res.writeHead(429, { 'retry-after': new Date(retryDate).toUTCString() }).end();
      } else {
        res.writeHead(200, STREAM_HEADERS);
        res.write(`retry: 250\n\n${snapshotFrame(3)}:\n\n`);
      }
    });
    const states: FeedState[] = [];
    const feedClient = client(raw.url, { random: () => 0 });
    feedClient.subscribe((state) => states.push(state));
    await stateWhere(feedClient, (s) => isLive(s) && s.revision === 3, 'the stream', 8000);

    const [first, second, third] = raw.seen('/v1/stream');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
    // An HTTP date has whole seconds: never before the second it names.
    expect(third?.at ?? 0).toBeGreaterThanOrEqual(Math.floor(retryDate / 1000) * 1000 - 10);
    expect(states.map((s) => s.error?.status)).toEqual(expect.arrayContaining([503, 429]));
    expect(states.map((s) => s.connection)).not.toContain('stopped');
    expect(feedClient.getState().error).toBeUndefined();
  });

  it('stops on a 404 with one warning and never throws', async () => {
    const feed = await TestFeed.start();
    cleanup.push(() => feed.dispose());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const recorder = recordingFetch();
    const feedClient = client(`${feed.origin}/v2`, { fetch: recorder.fetch });

    const state = await stateWhere(feedClient, (s) => s.connection === 'stopped', 'the stop');
    expect(state.error).toMatchObject({ kind: 'http', status: 404 });
    expect(state.error?.message).toContain('nothing at /v2/stream');
    await sleep(500);
    expect(recorder.calls).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('404');
  });

  it('stops on a 400 for a services filter the feed refuses, and says why', async () => {
    const feed = await TestFeed.start();
    cleanup.push(() => feed.dispose());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const feedClient = client(feed.url, { services: ['Tax Return'] });
    const state = await stateWhere(feedClient, (s) => s.connection === 'stopped', 'the stop');
    expect(state.error).toMatchObject({ kind: 'http', status: 400 });
    expect(state.error?.message).toContain('is not a service id');
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('keeps retrying on network errors and 5xx', async () => {
    const raw = await server((_req, res, _seen, index) => {
      if (index < 2) res.writeHead(500).end('boom');
      else if (index < 3) res.destroy();
      else {
        res.writeHead(200, STREAM_HEADERS);
        res.write(`retry: 250\n\n${snapshotFrame(1)}`);
      }
    });
    const feedClient = client(raw.url, { retryMs: 250, random: () => 0.2, pollAfterFailures: 10 });
    await stateWhere(feedClient, (s) => isLive(s) && s.revision === 1, 'the stream after failures');
    expect(raw.seen('/v1/stream')).toHaveLength(4);
  });
});
