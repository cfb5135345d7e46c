import type { FeedConfig } from '@statuskit/model';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';
import type { OutageLedger } from '../records/outage-ledger.js';
import { isFinished, outageRecord } from '../records/outage-record.js';
import {
  isLanguageTag,
  pageLanguage,
  RECORD_PAGE_CSP,
  recordPage,
} from '../records/record-page.js';
import { signRecord } from '../records/record-signature.js';
import { publishedJwks } from '../signing/jwks.js';
import type { SigningKeys } from '../signing/signing-keys.js';

export interface RecordDependencies {
  readonly config: FeedConfig;
  /** Absent: the feed has no key (Redis without `--signing-key`); both routes answer 503. */
  readonly keys: SigningKeys | undefined;
  readonly ledger: OutageLedger;
  /** Resolves once the ledger has read the journal (rejects with an HttpError when it could not). */
  readonly ready: () => Promise<unknown>;
}

const NO_KEY = 'this feed has no signing key (serve --signing-key FILE; see statuskit-feed keygen)';

/**
 * `GET /v1/keys` (the public keys as a JWKS) and `GET /v1/records/{id}`: a signed record of an
 * incident or maintenance, `{ record, jws }`, or `?format=html` for people. An event still open
 * answers 409 unless `?provisional=1` asks for a record marked `"final": false`.
 */
export function registerRecordRoutes(router: Router, deps: RecordDependencies): void {
  const requireKeys = (): SigningKeys => {
    if (!deps.keys) throw new HttpError(503, NO_KEY);
    return deps.keys;
  };

  router.on('GET', '/v1/keys', ({ res }) => {
    sendJson(res, 200, publishedJwks(requireKeys()), {
      'content-type': 'application/jwk-set+json; charset=utf-8',
      'cache-control': 'public, max-age=300',
    });
  });

  router.on('GET', '/v1/records/{id}', async ({ req, res, url, params }) => {
    const id = params['id'] ?? '';
    const format = url.searchParams.get('format') ?? 'json';
    if (format !== 'json' && format !== 'html')
      throw new HttpError(400, `format: must be "json" or "html", not "${format}"`);
    const lang = url.searchParams.get('lang');
    if (lang !== null && lang !== '' && !isLanguageTag(lang))
      throw new HttpError(400, `lang: must be a language tag like "da" or "en-GB", not "${lang}"`);
    const provisional = url.searchParams.get('provisional');
    if (provisional !== null && provisional !== '1' && provisional !== '0')
      throw new HttpError(400, `provisional: must be 1 or 0, not "${provisional}"`);
    const keys = requireKeys();
    await deps.ready();
    const entry = deps.ledger.get(id);
    if (!entry && deps.ledger.predates(id))
      throw new HttpError(
        404,
        `"${id}" began before this feed process started, and its earlier changes are not in the history it holds; ask a process that ran then, or use the file journal`,
      );
    if (!entry)
      throw new HttpError(404, `no incident or maintenance "${id}" in this feed's journal`);
    const finished = isFinished(entry);
    if (!finished && provisional !== '1') {
      const state = entry.kind === 'incident' ? entry.incident.state : entry.maintenance.state;
      throw new HttpError(
        409,
        `${entry.kind} "${id}" is still ${state}: its record is issued when it ends; ask with ?provisional=1 for a provisional one`,
      );
    }
    const record = outageRecord(entry, deps.config);
    // A provisional record changes with the event; a finished one never does.
    const cache = finished ? 'public, max-age=300' : 'no-store';
    if (format === 'html') {
      const language = pageLanguage(
        lang,
        req.headers['accept-language'],
        deps.config.defaultLocale,
      );
      const jsonHref = `${encodeURIComponent(id)}${finished ? '' : '?provisional=1'}`;
      const body = Buffer.from(
        recordPage(
          record,
          keys.current.kid,
          language,
          deps.config.defaultLocale,
          deps.config.timeZone,
          jsonHref,
        ),
      );
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': String(body.length),
        'content-security-policy': RECORD_PAGE_CSP,
        'x-content-type-options': 'nosniff',
        'content-language': language.tag,
        vary: 'Accept-Language',
        'cache-control': cache,
      });
      res.end(body);
      return;
    }
    sendJson(
      res,
      200,
      { record, jws: await signRecord(record, keys.current) },
      {
        'cache-control': cache,
      },
    );
  });
}
