/**
 * `/api/v2/…`: Statuspage's public API v2, read from the live document, so exporters, chat bots
 * and aggregators written for Statuspage read this feed unchanged. Open to every origin, whatever
 * the config's `cors.origins` (see `OPEN_CORS_PREFIX`).
 */
import { createHash } from 'node:crypto';
import { nextTransition, type FeedConfig } from '@statuskit/model';
import { HttpError } from '../http/http-error.js';
import type { Router } from '../http/router.js';
import { etagMatches } from '../routes/public.js';
import type { ChangeStore } from '../store/change-store.js';
import { pageView, type PageView } from './page-view.js';

/** Paths under this prefix answer every origin (`Access-Control-Allow-Origin: *`). */
export const OPEN_CORS_PREFIX = '/api/v2/';

/** Each endpoint's body, keys in Statuspage's order. */
const ENDPOINTS: Readonly<Record<string, (view: PageView) => object>> = {
  'summary.json': (view) => ({
    page: view.page,
    components: view.components,
    incidents: view.incidents.filter((incident) => incident.status !== 'resolved'),
    scheduled_maintenances: view.maintenances.filter((window) => window.status !== 'completed'),
    status: view.status,
  }),
  'status.json': (view) => ({ page: view.page, status: view.status }),
  'components.json': (view) => ({ page: view.page, components: view.components }),
  'incidents.json': (view) => ({ page: view.page, incidents: view.incidents }),
  'incidents/unresolved.json': (view) => ({
    page: view.page,
    incidents: view.incidents.filter((incident) => incident.status !== 'resolved'),
  }),
  'scheduled-maintenances.json': (view) => ({
    page: view.page,
    scheduled_maintenances: view.maintenances,
  }),
  'scheduled-maintenances/upcoming.json': (view) => ({
    page: view.page,
    scheduled_maintenances: view.maintenances.filter((window) => window.status === 'scheduled'),
  }),
  'scheduled-maintenances/active.json': (view) => ({
    page: view.page,
    scheduled_maintenances: view.maintenances.filter((window) => window.status === 'in_progress'),
  }),
};

/** The paths of the Statuspage-compatible API, for the discovery document. */
export const STATUSPAGE_PATHS = Object.keys(ENDPOINTS).map((name) => `${OPEN_CORS_PREFIX}${name}`);

/** Even with nothing scheduled, render again now and then: `updated_at` may follow the clock. */
const MAX_AGE_MS = 60_000;
/** Bodies kept: per endpoint and language; the oldest goes first. */
const MAX_CACHED = 256;

interface Rendered {
  readonly body: Buffer;
  readonly etag: string;
  readonly revision: number;
  readonly since: string | undefined;
  readonly validUntil: number;
}

export interface StatuspageDependencies {
  readonly config: FeedConfig;
  readonly store: ChangeStore;
  readonly now: () => Date;
}

export function registerStatuspageRoutes(router: Router, deps: StatuspageDependencies): void {
  const { store, config } = deps;
  const cache = new Map<string, Rendered>();

  const render = (name: string, lang: string | undefined, now: number): Rendered => {
    const key = `${name}\n${lang ?? ''}`;
    const cached = cache.get(key);
    if (
      cached &&
      cached.revision === store.revision &&
      cached.since === store.health.since &&
      now < cached.validUntil
    )
      return cached;
    const endpoint = ENDPOINTS[name];
    if (!endpoint) throw new HttpError(404, `nothing at ${OPEN_CORS_PREFIX}${name}`);
    const { document } = store;
    const lastChange = store.since(store.revision - 1)?.[0]?.time;
    const view = pageView(document, { now, lang, publicUrl: config.publicUrl, lastChange });
    const body = Buffer.from(JSON.stringify(endpoint(view)));
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    const entry: Rendered = {
      body,
      etag: `"${store.revision}-${hash}"`,
      revision: store.revision,
      since: store.health.since,
      validUntil: Math.min(now + MAX_AGE_MS, nextTransition(document, now) ?? Infinity),
    };
    cache.delete(key);
    if (cache.size >= MAX_CACHED) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    cache.set(key, entry);
    return entry;
  };

  for (const name of Object.keys(ENDPOINTS)) {
    router.on('GET', `${OPEN_CORS_PREFIX}${name}`, ({ req, res, url }) => {
      const rendered = render(name, langParameter(url), deps.now().getTime());
      // A stale body (the store cannot be reached) must not be kept by caches.
      const headers = {
        etag: rendered.etag,
        'cache-control': store.health.state === 'ok' ? 'public, max-age=5' : 'no-store',
      };
      if (etagMatches(req.headers['if-none-match'], rendered.etag)) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(200, {
        ...headers,
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(rendered.body.length),
      });
      res.end(rendered.body);
    });
  }
}

/**
 * `?lang=`: a language tag, or absent for the document's default language. A well-formed tag
 * without texts falls back along the model's chain (base language, default language, any).
 */
function langParameter(url: URL): string | undefined {
  const lang = url.searchParams.get('lang');
  if (lang === null || lang === '') return undefined;
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(lang)) {
    throw new HttpError(400, 'lang: must be a language tag such as "da" or "en-GB"', [
      { path: 'lang', message: 'must be a language tag such as "da" or "en-GB"' },
    ]);
  }
  return lang;
}
