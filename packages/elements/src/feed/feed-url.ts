/**
 * The absolute base URL of a feed (`https://status.example/v1`, no trailing slash), or
 * `undefined` when `feed` is empty or not an http(s) URL. On its own so that elements fed by a
 * service view resolve their feed without loading the document client.
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
