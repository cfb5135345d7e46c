/** URLs of the feed, shared by the document and the view client. */

/** Resolves a relative URL against the page (browsers); elsewhere the URL is used as given. */
export function absolute(url: string): string {
  const location = (globalThis as { location?: { href?: unknown } }).location;
  try {
    if (typeof location?.href === 'string') return new URL(url, location.href).href;
    return new URL(url).href;
  } catch {
    return url;
  }
}

export function withQuery(url: string, params: URLSearchParams): string {
  // Commas stay readable (`services=a,b`); URLSearchParams would write `%2C`.
  const query = params.toString().replace(/%2C/g, ',');
  return query === '' ? url : `${url}?${query}`;
}
