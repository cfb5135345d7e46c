import { createHash } from 'node:crypto';
import { resolveText, type LocalizedText } from '@statuskit/model';
import type { OutageRecord } from './outage-record.js';
import { RECORD_WORDS, type RecordWords } from './record-words.js';

/**
 * The printable record page: static HTML, no script, one stylesheet allowed by its hash, so the
 * Content-Security-Policy can forbid everything else. Every text from the feed is escaped: it is
 * plain text, never HTML.
 */

const STYLE = `body{font:1rem/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111;background:#fff}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
code{overflow-wrap:anywhere}.provisional{border:2px solid;padding:.5rem 1rem}
@media print{body{margin:0;max-width:none}a{color:inherit}}`;

export const RECORD_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The page's language: its words and the tag used for feed texts and dates. */
export interface PageLanguage {
  readonly tag: string;
  readonly words: RecordWords;
}

/**
 * Whether `tag` is a BCP 47 tag `Intl` accepts: it names the page's language, its dates and its
 * `Content-Language` header, so anything else must not get that far.
 */
export function isLanguageTag(tag: string): boolean {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return false;
  try {
    Intl.getCanonicalLocales(tag);
    return true;
  } catch {
    return false;
  }
}

/**
 * `?lang=` first (checked by the caller with `isLanguageTag`), then `Accept-Language` in order,
 * then the feed's default language.
 */
export function pageLanguage(
  lang: string | null,
  acceptLanguage: string | undefined,
  defaultLocale: string,
): PageLanguage {
  const wanted = [
    ...(lang ? [lang] : []),
    ...(acceptLanguage ?? '')
      .split(',')
      .map((part) => part.split(';')[0]?.trim() ?? '')
      .filter(isLanguageTag),
    defaultLocale,
  ];
  for (const tag of wanted) {
    const words = RECORD_WORDS[tag.split('-')[0]?.toLowerCase() ?? ''];
    if (words) return { tag, words };
  }
  return { tag: 'en', words: RECORD_WORDS.en };
}

export function recordPage(
  record: OutageRecord,
  kid: string,
  language: PageLanguage,
  defaultLocale: string,
  timeZone: string,
  jsonHref: string,
): string {
  const { tag, words } = language;
  const text = (value: LocalizedText): string => escapeHtml(resolveText(value, tag, defaultLocale));
  const dates = new Intl.DateTimeFormat(tag, {
    dateStyle: 'long',
    timeStyle: 'long',
    timeZone,
  });
  const time = (iso: string | null): string =>
    iso === null
      ? escapeHtml(words.notYet)
      : `<time datetime="${escapeHtml(iso)}">${escapeHtml(dates.format(new Date(iso)))}</time>`;
  const row = (term: string, detail: string): string =>
    `<dt>${escapeHtml(term)}</dt><dd>${detail}</dd>`;
  const title = text(record.title);
  return `<!doctype html>
<html lang="${escapeHtml(tag)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(words.heading)}: ${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(words.heading)}: ${title}</h1>
${record.final ? '' : `<p class="provisional"><strong>${escapeHtml(words.provisional)}</strong></p>`}
<dl>
${row(words.kind[record.kind], `<code>${escapeHtml(record.id)}</code>`)}
${record.feed === null ? '' : row(words.feed, escapeHtml(record.feed))}
${row(words.authority, `${text(record.authority.name)} (<code>${escapeHtml(record.authority.id)}</code>)`)}
${row(words.reportedBy, `<code>${escapeHtml(record.reportedBy)}</code>`)}
${row(words.services, record.services.map((service) => `${text(service.name)} (<code>${escapeHtml(service.id)}</code>)`).join(', '))}
${row(words.impact, escapeHtml(words.impacts[record.impact]))}
${row(words.state, `<code>${escapeHtml(record.state)}</code>`)}
${row(words.start, time(record.start))}
${row(words.end, time(record.end))}
${record.scheduled ? row(words.scheduled, `${time(record.scheduled.start)} – ${time(record.scheduled.end)}`) : ''}
${row(words.revisions, `${record.revisions.first} – ${record.revisions.last}`)}
${row(words.chainHash, `<code>${escapeHtml(record.chainHash)}</code>`)}
</dl>
<h2>${escapeHtml(words.timeline)}</h2>
<ol>
${record.timeline.map((step) => `<li>${time(step.time)}: <code>${escapeHtml(step.state)}</code></li>`).join('\n')}
</ol>
<h2>${escapeHtml(words.signature)}</h2>
<p>${escapeHtml(words.signedBy)} <code>${escapeHtml(kid)}</code>.</p>
<h2>${escapeHtml(words.verifyHeading)}</h2>
<p>${escapeHtml(words.verifyText)}</p>
<p><a href="${escapeHtml(jsonHref)}">${escapeHtml(words.jsonLink)}</a></p>
</main>
</body>
</html>
`;
}
