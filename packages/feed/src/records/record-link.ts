/**
 * Where the signed record of an incident or maintenance is served: on the feed's public address
 * when it is known, else the path on the feed.
 */
export function recordLink(feedUrl: string | undefined, id: string): string {
  const base = feedUrl === undefined ? '' : feedUrl.replace(/\/+$/, '');
  return `${base}/v1/records/${encodeURIComponent(id)}`;
}
