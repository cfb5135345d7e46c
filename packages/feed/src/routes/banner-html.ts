/**
 * `GET /v1/services/{id}/banner.html[?lang=da]`: the banner for one service as HTML, rendered
 * here from its service view with the element's own template (Declarative Shadow DOM), for a site
 * to include server-side (nginx SSI, a CMS or PHP include, Node). Readers without JavaScript see
 * it; with JavaScript the element takes it over in place. An empty body when nothing applies.
 *
 * `GET /v1/banner.css`: the banner's stylesheet, for `?style=link` (a CSP without a style hash).
 */
import { createHash } from 'node:crypto';
import type { ServiceView } from '@statuskit/model';
import { BANNER_CSS, bannerStyleHash, renderBannerHtml } from '@statuskit/elements/banner/server';
import type { BannerHtmlOptions } from '@statuskit/elements/banner/server';
import type { FeedConfig } from '@statuskit/model';
import { HttpError } from '../http/http-error.js';
import type { Router } from '../http/router.js';
import type { ChangeStore } from '../store/change-store.js';
import { viewRequest } from '../views/view-request.js';
import type { ServiceViews } from '../views/service-views.js';
import { etagMatches } from './public.js';

export interface BannerHtmlDependencies {
  readonly config: FeedConfig;
  readonly store: ChangeStore;
  readonly serviceViews: ServiceViews;
  readonly now: () => Date;
}

/** Relative times in the banner ("in 12 minutes") move on; shared caches keep it this long. */
const MAX_AGE_SECONDS = 30;
/** Rendered banners kept, per view, options and minute; the oldest goes first. */
const MAX_CACHED = 512;
const MINUTE_MS = 60_000;

function refuse(parameter: string, message: string): HttpError {
  return new HttpError(400, `${parameter}: ${message}`, [{ path: parameter, message }]);
}

function integerParameter(
  params: URLSearchParams,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw refuse(name, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Where "What you can do instead" points: a fragment, a path on the site, or an https page. */
function alternativesParameter(params: URLSearchParams): string | undefined {
  const raw = params.get('alternatives');
  if (raw === null) return undefined;
  if (/^#[\w-]{1,100}$/.test(raw) || /^\/(?!\/)\S{0,500}$/.test(raw)) return raw;
  if (URL.canParse(raw) && new URL(raw).protocol === 'https:') return raw;
  throw refuse('alternatives', 'must be a fragment (#id), a path (/…) or an https: address');
}

function styleParameter(params: URLSearchParams): 'inline' | 'link' {
  const raw = params.get('style') ?? 'inline';
  if (raw === 'inline' || raw === 'link') return raw;
  throw refuse('style', 'must be "inline" (a <style> allowed by its hash) or "link"');
}

export function registerBannerHtmlRoutes(router: Router, deps: BannerHtmlDependencies): void {
  const base = deps.config.publicUrl?.replace(/\/+$/, '');
  // The element takes over from the same feed; without `publicUrl` it uses the page's own
  // configuration (the script tag's data-feed), never an address taken from the Host header.
  const feed = base === undefined ? undefined : `${base}/v1`;
  const stylesheetUrl = `${base ?? ''}/v1/banner.css`;
  const styleHash = bannerStyleHash();
  const css = Buffer.from(BANNER_CSS);
  const cssEtag = `"${createHash('sha256').update(css).digest('base64url').slice(0, 22)}"`;
  const parsed = new Map<string, ServiceView>();
  const rendered = new Map<string, { body: Buffer; etag: string }>();

  router.on('GET', '/v1/services/{id}/banner.html', async ({ req, res, url, params }) => {
    const query = new URLSearchParams(url.searchParams);
    query.set('view', params['id'] ?? '');
    query.delete('services');
    const asked = viewRequest(query, deps.store.document);
    if (!asked) throw new HttpError(404, 'no service');
    const options: BannerHtmlOptions = {
      ...(feed !== undefined && { feed }),
      ...optional('headingLevel', integerParameter(url.searchParams, 'heading-level', 1, 6)),
      ...optional('warnBeforeMinutes', integerParameter(url.searchParams, 'warn-before', 0, 1440)),
      ...optional('alternativesHref', alternativesParameter(url.searchParams)),
      ...(styleParameter(url.searchParams) === 'link' && { stylesheet: stylesheetUrl }),
      lang: url.searchParams.get('lang') ?? asked.lang,
    };
    const now = deps.now().getTime();
    const view = deps.serviceViews.view(asked.service, asked.lang, now);
    if (!view) throw new HttpError(404, `no service "${asked.service}" in this feed`);

    const key = `${view.id}\n${JSON.stringify(options)}\n${Math.floor(now / MINUTE_MS)}`;
    let entry = rendered.get(key);
    if (!entry) {
      let serviceView = parsed.get(view.id);
      if (!serviceView) {
        serviceView = JSON.parse(view.body.toString('utf8')) as ServiceView;
        remember(parsed, view.id, serviceView);
      }
      const body = Buffer.from(renderBannerHtml(serviceView, { ...options, now }));
      const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
      entry = { body, etag: `"${hash}"` };
      remember(rendered, key, entry);
    }
    const fresh = deps.store.health.state === 'ok';
    const headers = {
      etag: entry.etag,
      'cache-control': fresh ? `public, max-age=${MAX_AGE_SECONDS}` : 'no-store',
      vary: 'accept-encoding',
      // For the page's Content-Security-Policy: `style-src <this>` allows the inline style.
      'statuskit-style-hash': await styleHash,
    };
    if (etagMatches(req.headers['if-none-match'], entry.etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(entry.body.length),
    });
    res.end(entry.body);
  });

  router.on('GET', '/v1/banner.css', ({ req, res }) => {
    const headers = { etag: cssEtag, 'cache-control': 'public, max-age=86400' };
    if (etagMatches(req.headers['if-none-match'], cssEtag)) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/css; charset=utf-8',
      'content-length': String(css.length),
    });
    res.end(css);
  });
}

function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [name]: value } as { [P in K]?: V });
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  cache.delete(key);
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(key, value);
}
