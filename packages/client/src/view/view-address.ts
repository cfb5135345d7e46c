import { absolute, withQuery } from '../url.js';

/**
 * Where a view client connects and under which name it shares: one feed, one service, one
 * language. Spellings that mean the same (`https://status.example/v1/`, `da_DK`) get one key, so
 * they share one client, one cache entry and one cross-tab connection.
 */
export interface ViewAddress {
  /** The feed's base URL without a trailing slash. */
  readonly url: string;
  readonly service: string;
  /** Lower case, `-` between subtags; `''` lets the feed answer in its default language. */
  readonly lang: string;
  /** The key of the shared client, the cache entry, the lock and the channel. */
  readonly key: string;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/;

export function viewAddress(feed: string, service: string, language: string): ViewAddress {
  const url = absolute(text(feed)).replace(/\/+$/, '');
  const id = text(service).trim();
  const tag = text(language).trim().replaceAll('_', '-').toLowerCase();
  // The feed refuses (400) what is not a language tag; a page's odd `lang` (`i-klingon`) must not
  // stop the client, so it is left out and the feed answers in its default language.
  const lang = LANGUAGE_TAG.test(tag) ? tag : '';
  const params = viewParams(id, lang);
  return { url, service: id, lang, key: withQuery(url, params) };
}

/** `GET /stream?view=…&lang=…`; `lastEventId` in the query where a header would need a preflight. */
export function viewStreamUrl(
  address: ViewAddress,
  lastEventId: string | undefined,
  inQuery: boolean,
): string {
  const params = viewParams(address.service, address.lang);
  if (lastEventId !== undefined && inQuery) params.set('lastEventId', lastEventId);
  return withQuery(`${address.url}/stream`, params);
}

/** `GET /status.json?view=…&lang=…`, polled while the stream cannot get through. */
export function viewStatusUrl(address: ViewAddress): string {
  return withQuery(`${address.url}/status.json`, viewParams(address.service, address.lang));
}

function viewParams(service: string, lang: string): URLSearchParams {
  const params = new URLSearchParams({ view: service });
  if (lang !== '') params.set('lang', lang);
  return params;
}

/** Called from plain JavaScript too: anything but a string reads as empty. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
