import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceView } from '@statuskit/model';
import { incidentBody, maintenanceBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http, openStream, type SseStream } from './helpers/http.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function feedUp(options: Parameters<typeof startTestFeed>[0] = {}): Promise<TestFeed> {
  const feed = await startTestFeed(options);
  open.push(feed);
  return feed;
}

async function stream(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const opened = await openStream(url, headers);
  open.push(opened);
  return opened;
}

const eidDown = (feed: TestFeed, overrides: Record<string, unknown> = {}) =>
  http(`${feed.url}/v1/admin/incidents`, {
    method: 'POST',
    token: TOKENS.digst,
    body: incidentBody(overrides),
  });

const setStatus = (feed: TestFeed, service: string, status: string) =>
  http(`${feed.url}/v1/admin/services/${service}/status`, {
    method: 'PUT',
    token: TOKENS.tax,
    body: { status },
  });

const viewOf = async (feed: TestFeed, query: string) => {
  const res = await http(`${feed.url}/v1/status.json?${query}`);
  return { res, view: res.json<ServiceView>() };
};

const views = (live: SseStream) => live.events.filter((event) => event.event === 'view');

describe('GET /v1/status.json?view=', () => {
  it('answers one service view with a strong ETag "<revision>-<hash>", short caching and 304', async () => {
    const feed = await feedUp();
    const { res, view } = await viewOf(feed, 'view=tax-return&lang=en');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=5');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const etag = String(res.headers['etag']);
    expect(etag).toMatch(new RegExp(`^"${feed.feed.store.revision}-[A-Za-z0-9_-]{22}"$`));
    expect(view).toMatchObject({
      format: 1,
      service: 'tax-return',
      lang: 'en',
      revision: feed.feed.store.revision,
      generatedAt: expect.any(String) as unknown,
      name: { text: 'Tax return' },
      timeZone: 'Europe/Copenhagen',
      status: 'operational',
      ownStatus: 'operational',
      notices: [],
      alternatives: [{ kind: 'phone', label: { text: 'Call us' }, href: 'tel:+4572222828' }],
    });
    expect(view.fresh).toBeUndefined();
    expect(view.dependencies.map(({ id, optional }) => `${id} ${optional}`)).toEqual([
      'login false',
      'digital-post true',
      'eid false',
    ]);
    const again = await http(`${feed.url}/v1/status.json?view=tax-return&lang=en`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers['etag']).toBe(etag);
  });

  it('answers in the best shipped language: absent → the default, da-DK → da, unknown → the default', async () => {
    const feed = await feedUp();
    expect((await viewOf(feed, 'view=login')).view.lang).toBe('da');
    expect((await viewOf(feed, 'view=login&lang=da-DK')).view).toMatchObject({
      lang: 'da',
      name: { text: 'Log ind' },
    });
    expect((await viewOf(feed, 'view=login&lang=nb-NO')).view.lang).toBe('nb');
    expect((await viewOf(feed, 'view=login&lang=de')).view.lang).toBe('da');
    const english = await feedUp({ configOverrides: { defaultLocale: 'de' } });
    expect((await viewOf(english, 'view=login&lang=de')).view.lang).toBe('en');
  });

  it('refuses a bad lang, a malformed id and view with services with 400 naming the parameter', async () => {
    const feed = await feedUp();
    const cases: [string, string][] = [
      ['view=login&lang=not a tag', 'lang'],
      ['view=login&lang=', 'lang'],
      ['view=Login', 'view'],
      ['view=', 'view'],
      ['view=login&services=eid', 'view'],
    ];
    for (const [query, parameter] of cases) {
      const res = await http(`${feed.url}/v1/status.json?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json<{ error: string }>().error, query).toMatch(new RegExp(`^${parameter}: `));
    }
    const stream = await http(`${feed.url}/v1/stream?view=login&services=eid`);
    expect(stream.status).toBe(400);
  });

  it('answers 404 for an unknown service in the shape of the services filter, with suggestions', async () => {
    const feed = await feedUp();
    for (const path of ['status.json', 'stream']) {
      const res = await http(`${feed.url}/v1/${path}?view=tax-retrun`);
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({
        error: 'view: unknown service "tax-retrun" (did you mean "tax-return"?)',
        errors: [
          {
            path: 'services',
            message: 'unknown service "tax-retrun" (did you mean "tax-return"?)',
          },
        ],
      });
    }
  });

  it('words a dependency problem with the elements’ sentences, in da and en', async () => {
    const feed = await feedUp();
    expect((await eidDown(feed)).status).toBe(201);
    const da = (await viewOf(feed, 'view=tax-return&lang=da')).view;
    expect(da.status).toBe('major_outage');
    expect(da.notices).toHaveLength(1);
    expect(da.notices[0]).toMatchObject({
      kind: 'incident',
      phase: 'active',
      status: 'major_outage',
      originStatus: 'major_outage',
      chain: [
        { id: 'tax-return', name: { text: 'Selvangivelse' } },
        { id: 'login', name: { text: 'Log ind' } },
        { id: 'eid', name: { text: 'MitID' } },
      ],
      title: { text: 'MitID er nede' },
      message: { text: 'Vi undersøger sagen.' },
      sentences: {
        heading: 'Selvangivelse virker ikke lige nu',
        type: 'Nedbrud',
        problem: 'MitID er nede',
        cause: 'Du kan måske ikke bruge Selvangivelse, fordi MitID er nede.',
        path: 'Selvangivelse bruger MitID via Log ind.',
      },
    });
    const en = (await viewOf(feed, 'view=tax-return&lang=en')).view;
    expect(en.notices[0]?.sentences).toEqual({
      heading: 'Tax return is not working right now',
      type: 'Outage',
      problem: 'MitID is down',
      cause: 'You may not be able to use Tax return because MitID is down.',
      path: 'Tax return uses MitID through Login.',
    });
    // Directly on the service: no cause, no path.
    const eid = (await viewOf(feed, 'view=eid&lang=en')).view;
    expect(eid.notices[0]?.sentences).toEqual({
      heading: 'MitID is not working right now',
      type: 'Outage',
      problem: 'MitID is down',
    });
  });

  it('words upcoming maintenance with the soon heading and the planned cause', async () => {
    const feed = await feedUp();
    const start = new Date(Date.now() + 86_400_000).toISOString();
    const end = new Date(Date.now() + 90_000_000).toISOString();
    const res = await http(`${feed.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.digst,
      body: maintenanceBody({ services: ['login'], scheduledStart: start, scheduledEnd: end }),
    });
    expect(res.status).toBe(201);
    const { view } = await viewOf(feed, 'view=tax-return&lang=en');
    expect(view.status).toBe('operational');
    expect(view.nextChangeAt).toBe(start);
    expect(view.notices[0]).toMatchObject({
      phase: 'upcoming',
      startsAt: start,
      until: end,
      sentences: {
        heading: 'Planned maintenance of Tax return',
        headingSoon: 'Maintenance of Tax return starts soon',
        type: 'Planned maintenance',
        typeSoon: 'Starting soon',
        problem: 'Login is closed for maintenance',
        cause: 'You will not be able to use Tax return while Login is closed for maintenance.',
      },
    });
  });

  it('keeps the view and its ETag when a change elsewhere does not alter it', async () => {
    const feed = await feedUp();
    const before = await viewOf(feed, 'view=login&lang=en');
    expect((await setStatus(feed, 'permits', 'degraded')).status).toBe(200);
    const after = await viewOf(feed, 'view=login&lang=en');
    expect(after.res.headers['etag']).toBe(before.res.headers['etag']);
    expect(after.view).toEqual(before.view);
  });
});

describe('GET /v1/stream?view=', () => {
  it('sends retry and the current view at once, id = the ETag without quotes', async () => {
    const feed = await feedUp({ retryMs: 2500 });
    const live = await stream(`${feed.url}/v1/stream?view=tax-return&lang=en`);
    expect(live.status).toBe(200);
    expect(live.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const first = await live.waitFor((event) => event.event === 'view');
    expect(live.retries).toEqual([2500]);
    const { res, view } = await viewOf(feed, 'view=tax-return&lang=en');
    expect(`"${first.id ?? ''}"`).toBe(res.headers['etag']);
    expect(first.json).toEqual(view);
  });

  it('sends a new view when a dependency changes, worded in da and en, and nothing for a change elsewhere', async () => {
    const feed = await feedUp();
    const da = await stream(`${feed.url}/v1/stream?view=tax-return&lang=da`);
    const en = await stream(`${feed.url}/v1/stream?view=tax-return&lang=en`);
    const firstDa = await da.waitFor((event) => event.event === 'view');
    const firstEn = await en.waitFor((event) => event.event === 'view');
    expect((await setStatus(feed, 'permits', 'degraded')).status).toBe(200);
    const login = await eidDown(feed, {
      services: ['login'],
      title: { da: 'Log ind er nede', en: 'Login is down' },
    });
    expect(login.status).toBe(201);
    const nextDa = await da.waitFor((event) => event.event === 'view' && event.id !== firstDa.id);
    const nextEn = await en.waitFor((event) => event.event === 'view' && event.id !== firstEn.id);
    // Only two events each: the change on permits did not alter this view.
    for (const live of [da, en]) {
      expect(views(live)).toHaveLength(2);
      expect(live.events.every((event) => event.event === 'view')).toBe(true);
    }
    const viewDa = nextDa.json as unknown as ServiceView;
    const viewEn = nextEn.json as unknown as ServiceView;
    expect(viewDa.revision).toBe(feed.feed.store.revision);
    expect(viewDa.notices[0]?.sentences).toEqual({
      heading: 'Selvangivelse virker ikke lige nu',
      type: 'Nedbrud',
      problem: 'Log ind er nede',
      cause: 'Du kan måske ikke bruge Selvangivelse, fordi Log ind er nede.',
    });
    expect(viewEn.notices[0]?.sentences).toEqual({
      heading: 'Tax return is not working right now',
      type: 'Outage',
      problem: 'Login is down',
      cause: 'You may not be able to use Tax return because Login is down.',
    });
    expect(viewEn.notices[0]?.title).toEqual({ text: 'Login is down' });
  });

  it('resumes: no event when Last-Event-ID is the current view, the view at once when not', async () => {
    const feed = await feedUp();
    const { res } = await viewOf(feed, 'view=tax-return&lang=en');
    const current = String(res.headers['etag']).slice(1, -1);
    const resumed = await stream(`${feed.url}/v1/stream?view=tax-return&lang=en`, {
      'last-event-id': current,
    });
    const stale = await stream(`${feed.url}/v1/stream?view=tax-return&lang=en`, {
      'last-event-id': '1-somethingelse',
    });
    const sent = await stale.waitFor((event) => event.event === 'view');
    expect(sent.id).toBe(current);
    expect((await eidDown(feed)).status).toBe(201);
    // The first event the resumed stream gets is the new view: nothing was sent on connect.
    const first = await resumed.waitFor((event) => event.event === 'view');
    expect(first.id).not.toBe(current);
    expect(views(resumed)).toHaveLength(1);
    // `?lastEventId=` works as the header does.
    const query = await stream(
      `${feed.url}/v1/stream?view=tax-return&lang=en&lastEventId=${first.id ?? ''}`,
    );
    await setStatus(feed, 'tax-return', 'degraded');
    const later = await query.waitFor((event) => event.event === 'view');
    expect(later.id).not.toBe(first.id);
    expect(views(query)).toHaveLength(1);
  });

  it('sends a new view when a maintenance window opens, by time alone', async () => {
    const feed = await feedUp();
    const start = new Date(Date.now() + 1500);
    const res = await http(`${feed.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.digst,
      body: maintenanceBody({
        services: ['eid'],
        scheduledStart: start.toISOString(),
        scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString(),
      }),
    });
    expect(res.status).toBe(201);
    const live = await stream(`${feed.url}/v1/stream?view=tax-return&lang=en`);
    const upcoming = await live.waitFor((event) => event.event === 'view');
    expect(upcoming.json).toMatchObject({
      status: 'operational',
      nextChangeAt: start.toISOString(),
    });
    const opened = await live.waitFor(
      (event) => event.event === 'view' && event.id !== upcoming.id,
      10_000,
    );
    const view = opened.json as unknown as ServiceView;
    expect(view.status).toBe('maintenance');
    expect(view.notices[0]).toMatchObject({
      phase: 'in_progress',
      sentences: {
        heading: 'Tax return is closed for maintenance',
        cause: 'You may not be able to use Tax return because MitID is closed for maintenance.',
      },
    });
  });

  it('derives a view once per change however many streams hold it', async () => {
    const feed = await feedUp();
    const streams = await Promise.all(
      Array.from({ length: 25 }, () => stream(`${feed.url}/v1/stream?view=tax-return&lang=da`)),
    );
    await Promise.all(streams.map((live) => live.waitFor((event) => event.event === 'view')));
    const before = feed.feed.metrics.viewsDerived;
    expect(before).toBe(1);
    expect((await eidDown(feed)).status).toBe(201);
    await Promise.all(
      streams.map((live) => live.waitFor((event) => views(live).length === 2 && event.id !== '')),
    );
    expect(feed.feed.metrics.viewsDerived - before).toBe(1);
    const metrics = await http(`${feed.url}/metrics`);
    expect(metrics.text).toMatch(/^statuskit_view_streams 25$/m);
    expect(metrics.text).toMatch(/^statuskit_views_derived_total 2$/m);
  });

  it('drops a view stream that does not keep up, while a reading one gets every view', async () => {
    const feed = await feedUp({
      maxBufferedBytes: 64 * 1024,
      configOverrides: { limits: { maxLiveBytesPerAuthority: 64 * 1024 * 1024 } },
    });
    const reader = await stream(`${feed.url}/v1/stream?view=tax-return&lang=da`);
    await reader.waitFor((event) => event.event === 'view');
    const { connect } = await import('node:net');
    const address = new URL(feed.url);
    const stalled = connect(Number(address.port), address.hostname);
    open.push({ close: () => stalled.destroy() });
    stalled.write(
      `GET /v1/stream?view=tax-return&lang=da HTTP/1.1\r\nHost: ${address.host}\r\n\r\n`,
    );
    stalled.pause();
    // Each incident adds a notice with about 5 KB of Danish text: the views grow until the
    // socket buffers are full and the feed gives up on the client that never reads.
    const text = 'x'.repeat(4900);
    for (let i = 0; i < 300 && feed.feed.metrics.slowClientsDropped === 0; i += 1) {
      expect((await eidDown(feed, { message: { da: text } })).status).toBe(201);
    }
    expect(feed.feed.metrics.slowClientsDropped).toBe(1);
    const last = await reader.waitFor(
      (event) => (event.json as unknown as ServiceView).revision === feed.feed.store.revision,
      10_000,
    );
    expect((last.json as unknown as ServiceView).notices.length).toBeGreaterThan(1);
  });

  it('keeps view streams alive with heartbeat comments and nothing else', async () => {
    const feed = await feedUp({ configOverrides: { heartbeatSeconds: 1 } });
    const live = await stream(`${feed.url}/v1/stream?view=login&lang=en`);
    await live.waitFor((event) => event.event === 'view');
    await live.waitFor(() => live.comments > 0, 5000);
    expect(live.events.map((event) => event.event)).toEqual(['view']);
  });

  it('counts view streams against the stream caps: 429 past an address’s share, 503 when full', async () => {
    const perAddress = await feedUp({ maxStreamsPerAddress: 2 });
    for (let index = 0; index < 2; index += 1) {
      const live = await stream(`${perAddress.url}/v1/stream?view=login`);
      await live.waitFor((event) => event.event === 'view');
    }
    const refused = await http(`${perAddress.url}/v1/stream?view=eid`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const full = await feedUp({ maxStreams: 1 });
    const only = await stream(`${full.url}/v1/stream?view=login`);
    await only.waitFor((event) => event.event === 'view');
    expect((await http(`${full.url}/v1/stream?view=login`)).status).toBe(503);
  });

  it('answers HEAD with the stream headers and ends view streams with a retry on shutdown', async () => {
    const feed = await startTestFeed({ retryMs: 1000, shutdownJitterMs: 0 });
    const head = await http(`${feed.url}/v1/stream?view=login`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const live = await stream(`${feed.url}/v1/stream?view=login`);
    await live.waitFor((event) => event.event === 'view');
    await feed.close();
    await live.ended;
    expect(live.retries).toEqual([1000, 1000]);
  });
});

describe('GET /v1', () => {
  it('links the service views', async () => {
    const feed = await feedUp();
    const res = await http(`${feed.url}/v1`);
    const { links } = res.json<{ links: Record<string, unknown> }>();
    expect(links).toMatchObject({
      view: '/v1/status.json?view={id}{&lang}',
      viewStream: '/v1/stream?view={id}{&lang}',
    });
  });
});
