import { feedAddress, withQuery } from '../feed-address.js';

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

export function viewAddress(feed: string, service: string, lang: string): ViewAddress {
  const url = feedAddress(text(feed), undefined).url;
  const id = text(service).trim();
  const tag = text(lang).trim().replaceAll('_', '-').toLowerCase();
  const params = viewParams(id, tag);
  return { url, service: id, lang: tag, key: withQuery(url, params) };
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
