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
 * - `view`: from the service's view, which the element itself renders (the feed has decided
 *   what applies, every announced maintenance window and the alternatives of upcoming work
 *   included).
 */
export type Demand = 'always' | 'view';

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
  return alwaysRenders(element) ? 'always' : 'view';
}

/**
 * Whether an element (not yet upgraded) would show anything with this view, as it decides
 * itself: the banner any notice (the feed puts an upcoming window in the view only once it is
 * inside the notice window); `<status-maintenance>` any announced window; `<status-alternatives>`
 * (mode `auto`) alternatives while there is a notice. The feed sends a new view when time alone
 * changes what applies, so nothing is rechecked here.
 */
export function viewWantsRendering(
  view: ServiceView | undefined,
  tag: string = 'status-banner',
): boolean {
  if (view === undefined) return false;
  switch (tag) {
    case 'status-maintenance':
      return (view.maintenance?.length ?? 0) > 0;
    case 'status-alternatives':
      return (
        view.notices.length > 0 && (view.alternativesWithPlanned ?? view.alternatives).length > 0
      );
    default:
      return view.notices.length > 0;
  }
}
