/**
 * The banner as HTML, rendered on the server (`@statuskit/elements/banner/server`): the same
 * template the element renders, as Declarative Shadow DOM, so a page shows the banner before any
 * script runs, and with JavaScript off. The feed serves it as `GET /v1/services/{id}/banner.html`;
 * a site may also call `renderBannerHtml` itself with a view from `status.json?view=`.
 *
 * Runs anywhere (Node, workers, browsers): no DOM, no feed client, no model code, no Node
 * built-ins; every shipped language is loaded up front.
 */
import type { ServiceView } from '@statuskit/model';
import { baseStyles } from '../base.styles.js';
import { intlLocale } from '../format/time.js';
import {
  baseLanguage,
  resolveLanguage,
  SHIPPED_FALLBACKS,
  SHIPPED_LANGUAGES,
} from '../language/languages.js';
import da from '../language/locales/da.js';
import en from '../language/locales/en.js';
import fi from '../language/locales/fi.js';
import is from '../language/locales/is.js';
import nb from '../language/locales/nb.js';
import nn from '../language/locales/nn.js';
import sv from '../language/locales/sv.js';
import { StringTable } from '../language/strings.js';
import type { Translate } from '../language/translator.js';
import { escapeAttribute, renderHtml } from '../server/template-html.js';
import { bannerStyles } from './banner.styles.js';
import { bannerTemplate } from './banner-template.js';
import { DEFAULT_WARN_BEFORE_MINUTES, viewNotices } from './view-notices.js';

export interface BannerHtmlOptions {
  /** The page's language (BCP 47), for the banner's own strings and dates; default `view.lang`. */
  readonly lang?: string;
  /**
   * The moment to render for (epoch ms), shown as "Last updated": default now, for a view just
   * fetched; pass when you fetched it if you render from a kept copy.
   */
  readonly now?: number;
  /** As the element's `warn-before`; default 15. */
  readonly warnBeforeMinutes?: number;
  /** The feed's base URL, set as the element's `feed` so it takes over from the same feed. */
  readonly feed?: string;
  /**
   * Where "What you can do instead" links to, set as the element's `alternatives-href` too.
   * Default `#statuskit-alternatives`: give the page's alternatives (or its
   * `<status-alternatives>`) that id, so the link works with JavaScript off too.
   */
  readonly alternativesHref?: string;
  /** As the element's `heading-level`; default 2. */
  readonly headingLevel?: number;
  /**
   * A stylesheet URL (e.g. the feed's `banner.css`) to link instead of the inline `<style>`. The
   * inline one is allowed by a CSP hash (`bannerStyleHash()`) and shows without a network round
   * trip; a linked one needs only `style-src` for its origin but may show unstyled for a moment.
   */
  readonly stylesheet?: string;
  /**
   * The reader's time zone, if known; default the service's, where most readers are. Times in
   * another zone are shown with its name, as the element does for its reader.
   */
  readonly readerTimeZone?: string;
}

/** The banner's CSS: inline in the server-rendered banner, or served as a stylesheet. */
export const BANNER_CSS = `${baseStyles.cssText}\n${bannerStyles.cssText}`;

/**
 * The CSP source that allows the inline style, `'sha256-…'`, for `style-src` instead of
 * `'unsafe-inline'`. Constant for a release: compute it once at start-up.
 */
export async function bannerStyleHash(): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(BANNER_CSS));
  let binary = '';
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return `'sha256-${btoa(binary)}'`;
}

const strings = new StringTable((code) => [...(SHIPPED_FALLBACKS.get(code) ?? []), 'en']);
for (const [code, resources] of Object.entries({ da, en, fi, is, nb, nn, sv })) {
  strings.add(code, resources, true);
}

/**
 * The HTML of `<status-banner>` for `view` as it is at `now`, with its content in a declarative
 * shadow root, or `''` when the banner would show nothing. Every text is escaped.
 */
export function renderBannerHtml(view: ServiceView, options: BannerHtmlOptions = {}): string {
  const now = options.now ?? Date.now();
  const warnBeforeMinutes = options.warnBeforeMinutes ?? DEFAULT_WARN_BEFORE_MINUTES;
  const requested = options.lang ?? view.lang;
  const language = resolveLanguage(requested, SHIPPED_LANGUAGES);
  const t: Translate = (key, values) => strings.translate(language, key, values);
  const notices = viewNotices(view, now, warnBeforeMinutes, { language, t });
  if (notices.length === 0) return '';
  const regional =
    requested.includes('-') && baseLanguage(requested) === baseLanguage(language)
      ? requested
      : undefined;
  const alternativesHref = options.alternativesHref ?? '#statuskit-alternatives';
  const content = bannerTemplate({
    view,
    notices,
    now,
    language,
    t,
    intlLocale: intlLocale([regional, t('format.intlLocale'), language]),
    userTimeZone: options.readerTimeZone ?? view.timeZone,
    headingLevel: options.headingLevel ?? 2,
    alternativesHref: view.alternatives.length > 0 ? alternativesHref : undefined,
    // "Last updated": when the view was known to be current, which is the moment of rendering.
    updates: { lastUpdated: now, stale: view.fresh === false },
    onClose: undefined,
  });
  const attributes: [string, string | number | undefined][] = [
    ['service', view.service],
    ['lang', requested],
    ['feed', options.feed],
    ['warn-before', options.warnBeforeMinutes],
    ['heading-level', options.headingLevel],
    // The element keeps the server's link when it takes over, so the two render the same.
    ['alternatives-href', alternativesHref],
  ];
  const attributeHtml = attributes
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
  const style =
    options.stylesheet === undefined
      ? `<style>${BANNER_CSS}</style>`
      : `<link rel="stylesheet" href="${escapeAttribute(options.stylesheet)}">`;
  return `<status-banner${attributeHtml}><template shadowrootmode="open">${style}${renderHtml(content)}</template></status-banner>`;
}
