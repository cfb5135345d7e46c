/**
 * Link checks at render time. The feed validates links when they are written, but a page must
 * not trust that: a link from the feed is rendered only when it is `https:`, `tel:` or `mailto:`
 * (never `javascript:`, `data:` or anything else that could run code or mislead).
 */
const FEED_PROTOCOLS = new Set(['https:', 'tel:', 'mailto:']);

/** No spaces or control characters: such "links" are not what the feed meant. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is rejected
const SUSPICIOUS = /[\s\u0000-\u001f\u007f]/;

/** `href` if it is a safe feed link, else `undefined` (render the text without a link). */
export function feedHref(href: string | undefined): string | undefined {
  if (href === undefined || href === '' || SUSPICIOUS.test(href)) return undefined;
  try {
    const url = new URL(href);
    return FEED_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The number of a `tel:` link, for showing next to its label. */
export function phoneNumber(href: string): string | undefined {
  return href.startsWith('tel:') ? decodeURIComponent(href.slice(4)) : undefined;
}

/**
 * A link the page author configured (`alternatives-href`, the feed URL): a fragment, a relative
 * or `https:` URL, or `http:` on the page's own origin (local development). Anything else is
 * dropped.
 */
export function pageHref(href: string | undefined): string | undefined {
  if (href === undefined || href.trim() === '' || SUSPICIOUS.test(href.trim())) return undefined;
  const trimmed = href.trim();
  if (trimmed.startsWith('#')) return trimmed;
  try {
    const base = typeof document === 'undefined' ? undefined : document.baseURI;
    const url = new URL(trimmed, base);
    if (url.protocol === 'https:') return url.href;
    if (url.protocol === 'http:' && base !== undefined && url.origin === new URL(base).origin) {
      return url.href;
    }
    return undefined;
  } catch {
    return undefined;
  }
}
