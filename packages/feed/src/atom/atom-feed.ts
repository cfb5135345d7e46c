import { Feed } from 'feed';
import type { HistoryEntry } from './history-entries.js';

export interface AtomFeedOptions {
  /** The feed's public address without a trailing slash (`publicUrl`, or a reserved fallback). */
  readonly base: string;
  /** Host of the feed's tag URIs: stable, never from the request (see `calendarDomain`). */
  readonly domain: string;
  /** This feed's own address (`rel="self"`), with its query. */
  readonly self: string;
  readonly title: string;
  readonly locale: string;
  /** The services named in `?services=`, which make it a feed of its own (own id). */
  readonly filter: readonly string[] | undefined;
  /** When nothing in the feed is newer (no entries): the time of the last change. */
  readonly fallbackUpdated: Date;
}

/**
 * `tag:` URIs (RFC 4151) from the feed's host: ids depend only on the configured address and
 * the entity's id, so they are the same across restarts, compaction and languages. The date is
 * the year this scheme was minted, the same for every id.
 */
function tagUri(domain: string, path: string): string {
  return `tag:${domain},2026:${path}`;
}

/**
 * Renders the entries as Atom 1.0 (RFC 4287) with the `feed` library. It marks titles and
 * content `type="html"`, so the feed's plain text is HTML-escaped here first: a reader shows it
 * as typed and never interprets it (feed text is data, never markup).
 */
export function atomFeed(entries: readonly HistoryEntry[], options: AtomFeedOptions): string {
  const newest = entries[0];
  const feed = new Feed({
    id: tagUri(options.domain, options.filter ? `history/${options.filter.join(',')}` : 'history'),
    title: options.title,
    updated: newest ? new Date(newest.updated) : options.fallbackUpdated,
    language: options.locale,
    link: options.base,
    feed: options.self,
    author: { name: options.domain },
    generator: 'Statuskit',
  });
  for (const entry of entries) {
    feed.addItem({
      id: tagUri(options.domain, entry.key),
      title: escapeHtml(entry.title),
      link: `${options.base}/v1/status.json?services=${entry.services.map(encodeURIComponent).join(',')}`,
      date: new Date(entry.updated),
      published: new Date(entry.published),
      content: entry.lines.map(escapeHtml).join('<br>'),
      author: entry.authors.map((name) => ({ name: xmlText(name) })),
    });
  }
  return feed.atom1();
}

/** Characters XML 1.0 cannot carry at all (section 2.2), even escaped: dropped. */
// eslint-disable-next-line no-control-regex -- these control characters are what is removed
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function xmlText(text: string): string {
  return text.replace(NOT_XML, '');
}

function escapeHtml(text: string): string {
  return xmlText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
