import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createViewClient,
  getViewClient,
  type ViewClient,
  type ViewState,
} from '../src/view/index.js';
import { readView } from '../src/view/view-shape.js';
import { recordingFetch } from './helpers/recording-fetch.js';
import { outageView, quietView, viewServer, type ViewServer } from './helpers/view-server.js';
import { until, viewStateWhere } from './helpers/wait.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const step of cleanup.splice(0).reverse()) await step();
});

type Options = Omit<Parameters<typeof createViewClient>[0], 'feed' | 'service' | 'lang'>;

function client(feed: string, service = 'tax-return', options: Options = {}): ViewClient {
  const created = createViewClient({
    feed,
    service,
    lang: 'da',
    cache: false,
    shareAcrossTabs: false,
    ...options,
  });
  cleanup.push(() => {
    created.close();
  });
  return created;
}

async function server(...args: Parameters<typeof viewServer>): Promise<ViewServer> {
  const started = await viewServer(...args);
  cleanup.push(() => started.close());
  return started;
}

const isLive = (state: ViewState): boolean =>
  state.connection === 'live' && state.source === 'feed' && state.view !== undefined;

/** A `localStorage` for Node, put on the global object for one test. */
function memoryStorage(): Map<string, string> {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => items.set(key, value),
    removeItem: (key: string) => items.delete(key),
  });
  cleanup.push(() => {
    vi.unstubAllGlobals();
  });
  return items;
}

describe('the view client', () => {
  it('takes the view from the stream, and each new view the feed sends', async () => {
    const feed = await server([quietView('tax-return', 1)]);
    const subject = client(feed.url);
    const seen: (number | undefined)[] = [];
    subject.subscribe((state) => seen.push(state.view?.revision));
    const first = await viewStateWhere(subject, isLive, 'the first view');
    expect(first).toMatchObject({
      service: 'tax-return',
      lang: 'da',
      stale: false,
      error: undefined,
    });
    expect(first.view?.notices).toEqual([]);
    expect(
      new URL(feed.raw.seen('/v1/stream')[0]?.path ?? '', feed.url).searchParams.get('view'),
    ).toBe('tax-return');

    feed.publish(outageView('tax-return', 2));
    const second = await viewStateWhere(
      subject,
      (state) => state.view?.revision === 2,
      'the new view',
    );
    expect(second.view?.notices[0]?.sentences.problem).toBe('MitID er nede');
    expect(seen.filter((revision) => revision === 2).length).toBeGreaterThan(0);
    expect(feed.raw.seen('/v1/stream')).toHaveLength(1);
  });

  it('resumes with Last-Event-ID: the feed sends nothing when the view held is current', async () => {
    const feed = await server([quietView('tax-return', 1)]);
    const subject = client(feed.url);
    await viewStateWhere(subject, isLive, 'the first view');
    const held = subject.getState().view;
    let views = 0;
    subject.subscribe((state) => {
      if (state.view !== held) views += 1;
    });

    feed.endStreams(20);
    await until(
      () => feed.raw.seen('/v1/stream').length === 2 && feed.streams.size === 1,
      'a reconnect',
    );
    expect(feed.raw.seen('/v1/stream')[1]?.headers['last-event-id']).toBe(feed.idOf('tax-return'));
    await viewStateWhere(subject, isLive, 'live again');
    expect(subject.getState().view).toBe(held);
    expect(views).toBe(0);

    // Missed while away: the feed's current view differs from the id sent, so it comes at once.
    feed.endStreams(20);
    await until(() => feed.streams.size === 0, 'the stream to end');
    feed.publish(outageView('tax-return', 3));
    await viewStateWhere(
      subject,
      (state) => state.view?.revision === 3,
      'the view missed while away',
    );
  });

  it('reconnects when the stream goes silent for 2.5 heartbeats (watchdog)', async () => {
    // The server sends no heartbeats at all: the watchdog must end the attempt.
    const feed = await server([quietView('tax-return', 1)]);
    const subject = client(feed.url, 'tax-return', { heartbeatMs: 100 });
    await viewStateWhere(subject, isLive, 'the first view');
    await until(
      () => feed.raw.seen('/v1/stream').length >= 2,
      'a second attempt after the silence',
    );
    expect(subject.getState().view?.revision).toBe(1);
  });

  it('keeps the stream while heartbeats arrive, and counts them as confirmation', async () => {
    const feed = await server([quietView('tax-return', 1)], { heartbeatMs: 40 });
    const subject = client(feed.url, 'tax-return', { heartbeatMs: 100 });
    const first = await viewStateWhere(subject, isLive, 'the first view');
    await viewStateWhere(
      subject,
      (state) => (state.lastUpdated ?? 0) > (first.lastUpdated ?? Infinity),
      'a heartbeat to confirm the view',
    );
    expect(feed.raw.seen('/v1/stream')).toHaveLength(1);
  });

  it('stops on a 404 with the unknown-service error and the suggestions, warned once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const feed = await server([quietView('tax-return', 1)]);
    const subject = client(feed.url, 'tax-retrun');
    const state = await viewStateWhere(subject, (s) => s.connection === 'stopped', 'the stop');
    expect(state.error).toMatchObject({
      kind: 'unknown-service',
      status: 404,
      unknownServices: [{ id: 'tax-retrun', suggestions: ['tax-return'] }],
    });
    expect(state.view).toBeUndefined();
    const warnings = warn.mock.calls.map((call) => String(call[0]));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('no service "tax-retrun" (did you mean "tax-return"?)');
    expect(feed.raw.requests).toHaveLength(1);
  });

  it('treats a view of another format or service like an invalid event: keeps the last good one and reconnects without Last-Event-ID', async () => {
    const feed = await server([quietView('tax-return', 1)]);
    const subject = client(feed.url);
    await viewStateWhere(subject, isLive, 'the first view');
    const shown: ViewState[] = [];
    subject.subscribe((state) => shown.push(state));

    feed.broadcast(
      `event: view\nid: 9-x\ndata: ${JSON.stringify({ ...quietView('tax-return', 9), format: 2 })}\n\n`,
    );
    await until(() => feed.raw.seen('/v1/stream').length === 2, 'the reconnect');
    expect(feed.raw.seen('/v1/stream')[1]?.headers['last-event-id']).toBeUndefined();
    await viewStateWhere(
      subject,
      (state) => isLive(state) && state.error === undefined,
      'live again',
    );
    expect(shown.find((state) => state.error?.kind === 'protocol')).toBeDefined();

    feed.broadcast(`event: view\nid: 9-y\ndata: ${JSON.stringify(quietView('login', 9))}\n\n`);
    await until(() => feed.raw.seen('/v1/stream').length === 3, 'the second reconnect');
    await viewStateWhere(
      subject,
      (state) => isLive(state) && state.error === undefined,
      'live again',
    );
    // Neither the view of format 2 nor the one for another service was ever shown.
    expect(shown.map((state) => [state.view?.service, state.view?.revision])).not.toContainEqual([
      'tax-return',
      9,
    ]);
    expect(shown.every((state) => state.view?.service === 'tax-return')).toBe(true);
  });

  it('polls status.json?view= with If-None-Match after pollAfterFailures failed attempts', async () => {
    const feed = await server([quietView('tax-return', 1)], { retryMs: 10 });
    feed.streamStatus = 503;
    const recorder = recordingFetch();
    const subject = client(feed.url, 'tax-return', {
      fetch: recorder.fetch,
      pollAfterFailures: 2,
      pollIntervalMs: 50,
      maxBackoffMs: 100,
    });
    const polled = await viewStateWhere(
      subject,
      (state) => state.connection === 'polling' && state.view !== undefined,
      'a polled view',
    );
    expect(polled.source).toBe('feed');
    expect(recorder.streams().length).toBeGreaterThanOrEqual(2);
    await until(() => recorder.polls().length >= 2, 'a second poll');
    const poll = recorder.polls()[1];
    expect(new URL(poll?.url ?? '').searchParams.get('view')).toBe('tax-return');
    expect(new URL(poll?.url ?? '').searchParams.get('lang')).toBe('da');
    expect(poll?.headers['if-none-match']).toBe(`"${feed.idOf('tax-return')}"`);

    // The view changes while polling; then the stream works again and the client goes live.
    feed.publish(outageView('tax-return', 2));
    await viewStateWhere(subject, (state) => state.view?.revision === 2, 'the polled change');
    feed.streamStatus = undefined;
    await viewStateWhere(subject, (state) => state.connection === 'live', 'live again');
  });

  it('starts warm from localStorage, stale until the feed confirms the cached view', async () => {
    const items = memoryStorage();
    const feed = await server([quietView('tax-return', 1)]);
    const first = client(feed.url, 'tax-return', { cache: true });
    await viewStateWhere(first, isLive, 'the first view');
    first.close();
    expect([...items.keys()]).toEqual([`statuskit:view:${feed.url}?view=tax-return&lang=da`]);

    const second = client(feed.url, 'tax-return', { cache: true });
    expect(second.getState()).toMatchObject({ source: 'cache', stale: true });
    expect(second.getState().view?.revision).toBe(1);
    await viewStateWhere(
      second,
      (state) => state.source === 'feed' && !state.stale,
      'the confirmation',
    );
    // It resumed from the cached view's id, so the feed had nothing to send.
    expect(feed.raw.seen('/v1/stream')[1]?.headers['last-event-id']).toBe(feed.idOf('tax-return'));
  });

  it('ignores a cached entry that is not a view, and never throws when storage is blocked', async () => {
    const items = memoryStorage();
    const feed = await server([quietView('tax-return', 1)]);
    const key = `statuskit:view:${feed.url}?view=tax-return&lang=da`;
    items.set(
      key,
      JSON.stringify({ v: 1, savedAt: Date.now(), view: { format: 1, service: 'tax-return' } }),
    );
    const subject = client(feed.url, 'tax-return', { cache: true });
    expect(subject.getState()).toMatchObject({ source: 'none', view: undefined });
    subject.close();

    vi.stubGlobal('localStorage', undefined);
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    cleanup.push(() => {
      Reflect.deleteProperty(globalThis, 'localStorage');
    });
    const blocked = client(feed.url, 'tax-return', { cache: true });
    await viewStateWhere(blocked, isLive, 'a view without storage');
  });

  it('waits while the browser is offline, connects when it is back, and pauses again offline', async () => {
    const feed = await server([quietView('tax-return', 1)]);
    // A browser's offline and online events, on the global object as in a window.
    const events = new EventTarget();
    const navigator = { onLine: false };
    vi.stubGlobal('navigator', navigator);
    vi.stubGlobal('addEventListener', events.addEventListener.bind(events));
    vi.stubGlobal('removeEventListener', events.removeEventListener.bind(events));
    cleanup.push(() => {
      vi.unstubAllGlobals();
    });
    const subject = client(feed.url);
    expect(subject.getState().connection).toBe('offline');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(feed.raw.requests).toHaveLength(0);

    navigator.onLine = true;
    events.dispatchEvent(new Event('online'));
    await viewStateWhere(subject, isLive, 'the view once online');

    navigator.onLine = false;
    events.dispatchEvent(new Event('offline'));
    expect(subject.getState().connection).toBe('offline');
    await until(() => feed.streams.size === 0, 'the stream to be closed while offline');

    navigator.onLine = true;
    events.dispatchEvent(new Event('online'));
    await viewStateWhere(
      subject,
      (state) => isLive(state) && feed.streams.size === 1,
      'live again',
    );
    expect(feed.raw.seen('/v1/stream')).toHaveLength(2);
  });

  it('is one shared client per feed, service and language, however they are spelled', () => {
    const a = getViewClient('http://127.0.0.1:9/v1/', 'tax-return', 'da_DK', {
      shareAcrossTabs: false,
    });
    cleanup.push(() => {
      a.close();
    });
    expect(getViewClient('http://127.0.0.1:9/v1', ' tax-return ', 'da-dk')).toBe(a);
    const other = getViewClient('http://127.0.0.1:9/v1', 'tax-return', 'en', {
      shareAcrossTabs: false,
    });
    cleanup.push(() => {
      other.close();
    });
    expect(other).not.toBe(a);
    a.close();
    const again = getViewClient('http://127.0.0.1:9/v1', 'tax-return', 'da-DK', {
      shareAcrossTabs: false,
    });
    cleanup.push(() => {
      again.close();
    });
    expect(again).not.toBe(a);
    expect(a.getState().connection).toBe('stopped');
  });

  it('never throws into the page: a listener that throws, bad options', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const feed = await server([quietView('tax-return', 1)]);
    const subject = client(feed.url);
    subject.subscribe(() => {
      throw new Error('a broken listener');
    });
    await viewStateWhere(subject, isLive, 'the first view');
    expect(warn.mock.calls.length).toBe(1);
    const nothing = createViewClient(
      undefined as unknown as Parameters<typeof createViewClient>[0],
    );
    nothing.close();
    expect(nothing.getState().connection).toBe('stopped');
  });
});

describe('the light shape check', () => {
  it('accepts a view and names what is wrong with anything else', () => {
    const view = quietView('tax-return');
    expect(readView(view, 'tax-return')).toEqual(view);
    expect(readView([], 'tax-return')).toBe('not a view of format 1');
    expect(readView({ ...view, format: 2 }, 'tax-return')).toBe('not a view of format 1');
    expect(readView(quietView('login'), 'tax-return')).toBe('a view of "login", not "tax-return"');
    expect(readView({ ...view, status: 3 }, 'tax-return')).toBe("the view's status is not valid");
    expect(readView({ ...view, notices: {} }, 'tax-return')).toBe(
      "the view's notices is not valid",
    );
    expect(readView({ ...view, dependencies: [1] }, 'tax-return')).toBe(
      "the view's dependencies is not valid",
    );
    expect(readView({ ...view, revision: -1 }, 'tax-return')).toBe(
      "the view's revision is not valid",
    );
    expect(readView({ ...view, name: 'Tax' }, 'tax-return')).toBe("the view's name is not valid");
    expect(readView({ ...view, notices: [{ key: 'x' }] }, 'tax-return')).toBe(
      "the view's notices is not valid",
    );
  });
});
