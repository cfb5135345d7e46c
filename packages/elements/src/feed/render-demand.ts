import type { ServiceView } from '@statuskit/client/view';
import { requestedLanguage, resolveLanguage, SHIPPED_LANGUAGES } from '../language/languages.js';
import { resolveFeedUrl } from './feed-url.js';
import { pageConfig } from './page-config.js';

/**
 * What the script-tag loader decides before any rendering code is loaded: which element needs
 * its code, and when. Nothing here imports the model or the document client.
 */

/** The tags of Statuskit's elements. */
export const TAGS = [
  'status-banner',
  'status-dependencies',
  'status-alternatives',
  'status-maintenance',
  'status-availability',
] as const;
export type StatuskitTag = (typeof TAGS)[number];

export const TAG_SELECTOR = TAGS.join(',');

/**
 * How the loader learns whether an element has something to show:
 * - `always`: it renders whatever the state, so its code is needed at once;
 * - `view`: from the service's view (the banner: the feed has decided what applies);
 * - `document`: from the status document, as the element itself decides (its rule needs more
 *   than a view holds, such as every announced maintenance window).
 */
export type Demand = 'always' | 'view' | 'document';

export function isStatuskitTag(tag: string): tag is StatuskitTag {
  return (TAGS as readonly string[]).includes(tag);
}

/** The feed and service an element in the page is for: its attributes, else the page's. */
export function elementTarget(element: Element): { feed?: string; service?: string } {
  const page = pageConfig();
  const feed = resolveFeedUrl(element.getAttribute('feed') ?? page.feed);
  const service = element.getAttribute('service') ?? page.service;
  return { ...(feed !== undefined && { feed }), ...(service ? { service } : {}) };
}

/**
 * Elements that render whatever the state: their code is needed at once. `<status-availability>`
 * shows history that is not in the live document, so the document cannot say it is quiet.
 */
export function alwaysRenders(element: Element): boolean {
  const tag = element.localName;
  return (
    tag === 'status-dependencies' ||
    tag === 'status-availability' ||
    (tag === 'status-alternatives' && element.getAttribute('mode') === 'always')
  );
}

/**
 * The language the element will speak, and so asks the feed for: its `lang`, the nearest `lang`
 * around it, else the browser's, resolved among the shipped languages as the elements resolve it.
 * The view client is keyed by it, so the element, once loaded, shares the loader's connection.
 * (A language added with `addLanguage` is not known here yet: such a page opens a second view.)
 */
export function pageLanguage(element: Element): string {
  return resolveLanguage(requestedLanguage(element), SHIPPED_LANGUAGES);
}

export function demandOf(element: Element): Demand {
  if (alwaysRenders(element)) return 'always';
  return element.localName === 'status-banner' ? 'view' : 'document';
}

/**
 * Whether a banner (not yet upgraded) would show anything with this view: any notice at all. The
 * feed puts an upcoming window in the view only once it is inside the service's notice window,
 * and sends a new view when time alone changes what applies, so nothing is rechecked here.
 */
export function viewWantsRendering(view: ServiceView | undefined): boolean {
  return view !== undefined && view.notices.length > 0;
}
