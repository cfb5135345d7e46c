import { dependencyClosure, type FeedConfig } from '@statuskit/model';
import { calendarDomain, maintenanceCalendar } from '../calendar.js';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import type { RouteContext, Router } from '../http/router.js';
import { formatMetrics, type FeedMetrics } from '../metrics.js';
import { parseServiceFilter, requireKnownServices } from '../sse/stream-filter.js';
import { STREAM_HEADERS, type StreamHub } from '../sse/stream-hub.js';
import type { StatusViews } from '../status-view.js';
import type { ChangeStore } from '../store/change-store.js';

export interface PublicDependencies {
  readonly config: FeedConfig;
  readonly store: ChangeStore;
  readonly hub: StreamHub;
  readonly views: StatusViews;
  readonly metrics: FeedMetrics;
  readonly now: () => Date;
  /** `/metrics` is served on its own listener (`--metrics-port`), not with the public routes. */
  readonly metricsElsewhere?: boolean;
}

/** `Last-Event-ID` header, or `?lastEventId=` for clients that cannot set headers. */
function lastEventId(context: RouteContext): number | undefined {
  const header = context.req.headers['last-event-id'];
  const raw =
    (Array.isArray(header) ? header[0] : header) ?? context.url.searchParams.get('lastEventId');
  if (raw === null || raw.trim() === '') return undefined;
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

function etagMatches(header: string | undefined, etag: string): boolean {
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
    const view = deps.views.view(knownServiceFilter(context, store), deps.now().getTime());
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
    const filter = knownServiceFilter(context, store);
    if (context.req.method === 'HEAD') {
      // The headers a stream would have, then the end: a HEAD never joins the hub, whose
      // heartbeats and events go straight to the socket and would follow a bodiless answer.
      context.res.writeHead(200, STREAM_HEADERS).end();
      return;
    }
    // The server's idle timeout is for ordinary requests; a stream proves itself alive with
    // heartbeats, and its listener may never send a byte.
    context.req.socket.setTimeout(0);
    deps.hub.attach(context.res, filter, lastEventId(context));
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
  const { store } = deps;
  router.on('GET', '/metrics', ({ res }) => {
    const body = formatMetrics({
      openStreams: deps.hub.openStreams,
      revision: store.revision,
      journalBytes: store.journalBytes(),
      filterGroups: deps.hub.filterGroups,
      counters: deps.metrics,
    });
    const payload = Buffer.from(body + lagMetrics(store));
    res.writeHead(200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
      'cache-control': 'no-store',
      // Given, not chunked: a HEAD answer then says how long the GET's body would be.
      'content-length': String(payload.length),
    });
    res.end(payload);
  });
}

/** How far this process is behind the shared journal (always 0 with the file store). */
function lagMetrics(store: ChangeStore): string {
  const lag = store.lag();
  return (
    '# HELP statuskit_store_lag_entries Stored changes not yet applied by this process.\n' +
    '# TYPE statuskit_store_lag_entries gauge\n' +
    `statuskit_store_lag_entries ${lag.entries}\n` +
    '# HELP statuskit_store_lag_seconds How old the newest change this process may be missing is.\n' +
    '# TYPE statuskit_store_lag_seconds gauge\n' +
    `statuskit_store_lag_seconds ${lag.seconds}\n`
  );
}
