import { dependencyClosure, type FeedConfig } from '@statuskit/model';
import { maintenanceCalendar } from '../calendar.js';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import type { RouteContext, Router } from '../http/router.js';
import { formatMetrics, type FeedMetrics } from '../metrics.js';
import { parseServiceFilter, requireKnownServices } from '../sse/stream-filter.js';
import type { StreamHub } from '../sse/stream-hub.js';
import type { StatusViews } from '../status-view.js';
import type { ChangeStore } from '../store/change-store.js';

export interface PublicDependencies {
  readonly config: FeedConfig;
  readonly store: ChangeStore;
  readonly hub: StreamHub;
  readonly views: StatusViews;
  readonly metrics: FeedMetrics;
  readonly now: () => Date;
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
    const headers = { etag: view.etag, 'cache-control': 'public, max-age=5' };
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
    deps.hub.attach(context.res, knownServiceFilter(context, store), lastEventId(context));
  });

  router.on('GET', '/v1/maintenance.ics', ({ req, res, url }) => {
    const filter = parseServiceFilter(url.searchParams.get('services'));
    const scope = filter && dependencyClosure(store.document, filter);
    const windows = store.document.maintenance.filter(
      (window) => !scope || window.services.some((id) => scope.has(id)),
    );
    const locale = url.searchParams.get('lang') ?? store.document.defaultLocale;
    if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(locale)) {
      throw new HttpError(400, 'lang: must be a language tag such as "da" or "en-GB"');
    }
    const host = (req.headers.host ?? 'statuskit').replace(/:\d+$/, '');
    const body = Buffer.from(
      maintenanceCalendar(store.document, windows, { host, locale, now: deps.now() }),
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
    sendJson(res, 200, { status: 'ok', revision: store.revision }, { 'cache-control': 'no-store' });
  });

  router.on('GET', '/metrics', ({ res }) => {
    const body = formatMetrics({
      openStreams: deps.hub.openStreams,
      revision: store.revision,
      journalBytes: store.journalBytes(),
      filterGroups: deps.hub.filterGroups,
      counters: deps.metrics,
    });
    res.writeHead(200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(body);
  });
}
