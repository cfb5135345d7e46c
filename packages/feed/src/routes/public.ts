import { dependencyClosure, type FeedConfig } from '@statuskit/model';
import { calendarDomain, maintenanceCalendar } from '../calendar.js';
import { clientAddress, type TrustedProxies } from '../http/client-address.js';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import type { RouteContext, Router } from '../http/router.js';
import {
  metricsRegistry,
  type FeedMetrics,
  type MetricsGroup,
  type MetricsSource,
} from '../metrics.js';
import type { StreamAdmission } from '../sse/stream-admission.js';
import { parseServiceFilter, requireKnownServices } from '../sse/stream-filter.js';
import { STREAM_HEADERS, type StreamHub } from '../sse/stream-hub.js';
import type { StatusViews } from '../status-view.js';
import type { ChangeStore } from '../store/change-store.js';
import type { ServiceViews } from '../views/service-views.js';
import { viewRequest } from '../views/view-request.js';
import type { ProbeReading } from '../probes/probe-metrics.js';

export interface PublicDependencies {
  readonly config: FeedConfig;
  readonly store: ChangeStore;
  readonly hub: StreamHub;
  readonly views: StatusViews;
  /** One service's view (`?view=`), cached per service and language. */
  readonly serviceViews: ServiceViews;
  readonly metrics: FeedMetrics;
  readonly now: () => Date;
  /** The caps on open streams, per process and per client address. */
  readonly admission: StreamAdmission;
  /** Whose `X-Forwarded-For` names the client (`--trust-proxy`). */
  readonly proxies: TrustedProxies;
  /** `/metrics` is served on its own listener (`--metrics-port`), not with the public routes. */
  readonly metricsElsewhere?: boolean;
  /** This process is a worker of `serve --workers N`: `/metrics` answers for the whole group. */
  readonly metricsGroup?: MetricsGroup;
  /** What the probes' last checks showed, for `/metrics`; absent: no probes. */
  readonly probeReadings?: () => readonly ProbeReading[];
  /** Probe checks the measured availability could not keep, for `/metrics`. */
  readonly probeResultsLost?: () => number;
}

/** `Last-Event-ID` header, or `?lastEventId=` for clients that cannot set headers, as sent. */
function rawLastEventId(context: RouteContext): string | undefined {
  const header = context.req.headers['last-event-id'];
  const raw =
    (Array.isArray(header) ? header[0] : header) ?? context.url.searchParams.get('lastEventId');
  return raw === null || raw.trim() === '' ? undefined : raw.trim();
}

/** `Last-Event-ID` as a revision. */
function lastEventId(context: RouteContext): number | undefined {
  const raw = rawLastEventId(context);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  // An id this server never sent (another feed, garbage): start over with a snapshot.
  return Number.isSafeInteger(value) && value >= 0 ? value : -1;
}

/** `?services=`, every id known to this feed (404 naming the unknown ones otherwise). */
function knownServiceFilter(
  context: RouteContext,
  store: ChangeStore,
): readonly string[] | undefined {
  const filter = parseServiceFilter(context.url.searchParams.get('services'));
  if (filter) requireKnownServices(store.document, filter);
  return filter;
}

/** Whether `If-None-Match` names `etag` (or `*`); weak forms match too. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

export function registerPublicRoutes(router: Router, deps: PublicDependencies): void {
  const { store } = deps;

  router.on('GET', '/v1/status.json', (context) => {
    const { req, res } = context;
    const asked = viewRequest(context.url.searchParams, store.document);
    const view = asked
      ? deps.serviceViews.view(asked.service, asked.lang, deps.now().getTime())
      : deps.views.view(knownServiceFilter(context, store), deps.now().getTime());
    // Checked by viewRequest against the same document, in the same turn.
    if (!view) throw new HttpError(404, `view: unknown service "${asked?.service ?? ''}"`);
    const fresh = store.health.state === 'ok';
    // A stale body must not be kept by caches after the store is back.
    const headers = { etag: view.etag, 'cache-control': fresh ? 'public, max-age=5' : 'no-store' };
    if (etagMatches(req.headers['if-none-match'], view.etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(view.body.length),
    });
    res.end(view.body);
  });

  router.on('GET', '/v1/stream', (context) => {
    // Checked first, so HEAD answers what GET would (400 for a bad filter).
    const asked = viewRequest(context.url.searchParams, store.document);
    const filter = asked ? undefined : knownServiceFilter(context, store);
    if (context.req.method === 'HEAD') {
      // The headers a stream would have, then the end: a HEAD never joins the hub, whose
      // heartbeats and events go straight to the socket and would follow a bodiless answer.
      context.res.writeHead(200, STREAM_HEADERS).end();
      return;
    }
    // Before the hub: a refused stream is answered 503/429 and costs nothing more. The slot is
    // held until the response closes, also when the hub refuses or drops the stream.
    deps.admission.admit(context.res, clientAddress(context.req, deps.proxies));
    // The server's idle timeout is for ordinary requests; a stream proves itself alive with
    // heartbeats, and its listener may never send a byte.
    context.req.socket.setTimeout(0);
    if (asked) deps.hub.attachView(context.res, asked.service, asked.lang, rawLastEventId(context));
    else deps.hub.attach(context.res, filter, lastEventId(context));
  });

  const domain = calendarDomain(deps.config.publicUrl);
  const feedName = deps.config.publicUrl === undefined ? undefined : domain;
  router.on('GET', '/v1/maintenance.ics', (context) => {
    const { res, url } = context;
    const filter = knownServiceFilter(context, store);
    const scope = filter && dependencyClosure(store.document, filter);
    const windows = store.document.maintenance.filter(
      (window) => !scope || window.services.some((id) => scope.has(id)),
    );
    const locale = url.searchParams.get('lang') ?? store.document.defaultLocale;
    if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(locale)) {
      throw new HttpError(400, 'lang: must be a language tag such as "da" or "en-GB"');
    }
    const body = Buffer.from(
      maintenanceCalendar(store.document, windows, {
        domain,
        ...(feedName !== undefined && { feedName }),
        locale,
        now: deps.now(),
      }),
    );
    res.writeHead(200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="maintenance.ics"',
      'cache-control': 'public, max-age=300',
      'content-length': String(body.length),
    });
    res.end(body);
  });

  router.on('GET', '/healthz', ({ res }) => {
    const { health } = store;
    const ok = health.state === 'ok';
    // 503 while the store is unreachable, so a load balancer can prefer processes that reach it.
    sendJson(
      res,
      ok ? 200 : 503,
      { status: ok ? 'ok' : 'unavailable', revision: store.revision, store: health },
      { 'cache-control': 'no-store' },
    );
  });

  if (!deps.metricsElsewhere) registerMetricsRoute(router, deps);
}

/** `/metrics` (Prometheus): on the public port by default, or on the metrics listener. */
export function registerMetricsRoute(router: Router, deps: PublicDependencies): void {
  const { store, hub, metricsGroup } = deps;
  const source: MetricsSource = {
    counters: deps.metrics,
    openStreams: () => hub.openStreams,
    viewStreams: () => hub.viewStreams,
    filterGroups: () => hub.filterGroups,
    revision: () => store.revision,
    journalBytes: () => store.journalBytes(),
    streamCapacity: () => deps.admission.maxStreams,
    streamCapacityPerAddress: () => deps.admission.maxStreamsPerAddress,
    streamAddresses: () => deps.admission.addresses,
    storeLag: () => store.lag(),
    ...(store.archivers && { archivers: store.archivers.bind(store) }),
    ...(deps.probeReadings && { probes: deps.probeReadings }),
    ...(deps.probeResultsLost && { probeResultsLost: deps.probeResultsLost }),
  };
  const registry = metricsRegistry(source, metricsGroup?.worker);
  const render = metricsGroup ? metricsGroup.join(registry) : () => registry.metrics();
  // The process metrics move between any two collections (CPU time, heap, event loop lag), so a
  // HEAD answers with the latest scrape's headers rather than collecting a body of another length.
  let latest: Buffer | undefined;
  router.on('GET', '/metrics', async ({ req, res }) => {
    const payload =
      req.method === 'HEAD' && latest !== undefined ? latest : Buffer.from(await render());
    latest = payload;
    res.writeHead(200, {
      'content-type': registry.contentType,
      'cache-control': 'no-store',
      // Given, not chunked: a HEAD answer then says how long the GET's body would be.
      'content-length': String(payload.length),
    });
    res.end(payload);
  });
}
