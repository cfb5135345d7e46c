/** Feed URLs and service ids as the page writes them. No client code: the quiet loader uses these. */

const SERVICE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Whether `id` can be sent in a `?services=` filter (the feed rejects anything else). */
export function isServiceId(id: string | undefined): id is string {
  return id !== undefined && SERVICE_ID.test(id);
}

/**
 * The absolute base URL of a feed (`https://status.example/v1`, no trailing slash), or
 * `undefined` when `feed` is empty or not an http(s) URL.
 */
export function resolveFeedUrl(feed: string | undefined): string | undefined {
  if (feed === undefined || feed.trim() === '') return undefined;
  try {
    const base = typeof document === 'undefined' ? undefined : document.baseURI;
    const url = new URL(feed.trim(), base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    url.hash = '';
    return url.href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}
