import { createHash } from 'node:crypto';
import { dependencyClosure, type FeedConfig } from '@statuskit/model';
import { atomFeed } from '../atom/atom-feed.js';
import { atomWords } from '../atom/atom-wording.js';
import { historyEntries } from '../atom/history-entries.js';
import { calendarDomain } from '../calendar.js';
import { HttpError } from '../http/http-error.js';
import type { RouteContext, Router } from '../http/router.js';
import { parseServiceFilter, requireKnownServices } from '../sse/stream-filter.js';
import type { ChangeStore } from '../store/change-store.js';
import type { AvailabilityHistory } from './availability.js';
import { etagMatches } from './public.js';

export interface AtomDependencies {
  readonly config: FeedConfig;
  readonly store: ChangeStore;
  /** Incidents and maintenance as the journal holds them, kept current in memory. */
  readonly history: AvailabilityHistory;
  readonly now: () => Date;
}

interface CachedFeed {
  readonly body: Buffer;
  readonly etag: string;
  readonly lastModified: string;
}

/** Distinct filter and language pairs cached per revision; more start the cache afresh. */
const MAX_CACHED = 200;
/** Where links point without `publicUrl`: reserved, so it is never someone's (RFC 2606). */
const FALLBACK_BASE = 'https://statuskit.invalid';

/**
 * `GET /v1/history.atom[?services=a,b][&lang=fi]`: announcements, updates and resolutions of
 * incidents and maintenance as an Atom feed (#13, part 1), from the history the availability
 * routes keep. Cached per filter and language until the revision changes.
 */
export function registerAtomRoute(router: Router, deps: AtomDependencies): void {
  const domain = calendarDomain(deps.config.publicUrl);
  const base = deps.config.publicUrl?.replace(/\/+$/, '') ?? FALLBACK_BASE;
  const cache = new Map<string, CachedFeed>();
  let cachedRevision = -1;

  router.on('GET', '/v1/history.atom', async (context) => {
    const { req, res } = context;
    const { store } = deps;
    const filter = parseServiceFilter(context.url.searchParams.get('services'));
    if (filter) requireKnownServices(store.document, filter);
    const locale = requestedLocale(context, store.document.defaultLocale);
    const events = await deps.history.events();

    if (cachedRevision !== store.revision || cache.size >= MAX_CACHED) {
      cache.clear();
      cachedRevision = store.revision;
    }
    // Entries age out of the 90 days by the day, not only with new changes.
    const key = `${filter?.join(',') ?? ''}\n${locale}\n${deps.now().toISOString().slice(0, 10)}`;
    let cached = cache.get(key);
    if (!cached) {
      const now = deps.now();
      const words = atomWords(locale);
      const entries = historyEntries(events, {
        document: store.document,
        scope: filter && dependencyClosure(store.document, filter),
        locale,
        words,
        now,
      });
      const query = new URLSearchParams();
      if (filter) query.set('services', filter.join(','));
      if (context.url.searchParams.has('lang')) query.set('lang', locale);
      const search = query.size > 0 ? `?${query.toString().replace(/%2C/g, ',')}` : '';
      const lastChange = store.since(store.revision - 1)?.[0]?.time;
      const body = Buffer.from(
        atomFeed(entries, {
          base,
          domain,
          self: `${base}/v1/history.atom${search}`,
          title:
            deps.config.publicUrl === undefined
              ? words.feedTitle
              : `${words.feedTitle} – ${domain}`,
          locale,
          filter,
          fallbackUpdated: lastChange === undefined ? new Date(0) : new Date(lastChange),
        }),
      );
      const newest = entries[0]?.updated ?? lastChange;
      cached = {
        body,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        lastModified: new Date(newest ?? 0).toUTCString(),
      };
      cache.set(key, cached);
    }

    const headers = {
      etag: cached.etag,
      'last-modified': cached.lastModified,
      'cache-control': 'public, max-age=60',
    };
    if (notModified(context, cached)) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': 'application/atom+xml; charset=utf-8',
      'content-length': String(cached.body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : cached.body);
  });
}

/** `?lang=`, a BCP 47 tag (400 otherwise), or the feed's default language. */
function requestedLocale(context: RouteContext, defaultLocale: string): string {
  const lang = context.url.searchParams.get('lang');
  if (lang === null) return defaultLocale;
  let canonical: string | undefined;
  try {
    canonical = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(lang)
      ? Intl.getCanonicalLocales(lang)[0]
      : undefined;
  } catch {
    canonical = undefined;
  }
  if (canonical === undefined) {
    throw new HttpError(400, 'lang: must be a language tag such as "da" or "en-GB"', [
      { path: 'lang', message: 'must be a language tag such as "da" or "en-GB"' },
    ]);
  }
  return canonical;
}

/** If-None-Match wins over If-Modified-Since (RFC 9110, section 13.2.2). */
function notModified(context: RouteContext, cached: CachedFeed): boolean {
  const { headers } = context.req;
  const match = headers['if-none-match'];
  if (match !== undefined) return etagMatches(match, cached.etag);
  const since = headers['if-modified-since'];
  if (since === undefined) return false;
  const time = Date.parse(since);
  return !Number.isNaN(time) && Date.parse(cached.lastModified) <= time;
}
