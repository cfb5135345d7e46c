import { absolute, withQuery } from './url.js';

/**
 * Where a client connects and under which names it shares: one feed URL plus one service filter.
 * Equal filters written differently (`['b', 'a']`, `['a', 'b', 'a']`) get the same address, so
 * they share one client, one cache entry and one cross-tab connection.
 */
export interface FeedAddress {
  /** The feed's base URL without a trailing slash, e.g. `https://status.example/v1`. */
  readonly url: string;
  /** Sorted, deduplicated service ids; `undefined` for everything. */
  readonly services: readonly string[] | undefined;
  /** `url` plus filter: the key of the shared client, the cache entry, the lock and the channel. */
  readonly key: string;
}

export function feedAddress(url: string, services: readonly string[] | undefined): FeedAddress {
  const given: unknown = url;
  const base = absolute(typeof given === 'string' ? given : String(given)).replace(/\/+$/, '');
  // Called from plain JavaScript too: anything but an array of strings means "no filter".
  const list: unknown[] = Array.isArray(services) ? services : [];
  const ids = [...new Set(list.filter((id) => typeof id === 'string').map((id) => id.trim()))];
  const filter = ids.filter((id) => id !== '').sort();
  const normalized = filter.length === 0 ? undefined : filter;
  return {
    url: base,
    services: normalized,
    key: normalized ? `${base}?services=${normalized.join(',')}` : base,
  };
}

/** `GET /stream`; `lastEventId` goes in the query string where a header would need a preflight. */
export function streamUrl(
  address: FeedAddress,
  lastEventId: number | undefined,
  inQuery: boolean,
): string {
  const params = new URLSearchParams();
  if (address.services) params.set('services', address.services.join(','));
  if (lastEventId !== undefined && inQuery) params.set('lastEventId', String(lastEventId));
  return withQuery(`${address.url}/stream`, params);
}

export function statusUrl(address: FeedAddress): string {
  const params = new URLSearchParams();
  if (address.services) params.set('services', address.services.join(','));
  return withQuery(`${address.url}/status.json`, params);
}
