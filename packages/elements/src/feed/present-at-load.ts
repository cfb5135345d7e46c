import type { ServiceView } from '@statuskit/model';

/**
 * The elements that were in the page's HTML when the script tag ran, and the first view the feed
 * confirmed for each. Its own module, holding no client code, so the quiet loader can mark them
 * and the lazily loaded elements read the marks.
 */
const presentAtLoad = new WeakSet<Element>();
const firstViews = new WeakMap<Element, { readonly view: ServiceView; readonly at: number }>();

/**
 * Marks an element as present when the page loaded: the script-tag entry does this for the
 * elements in the HTML, so that rendering them later (the rendering code loads lazily) does not
 * count what the page already showed at load as news.
 */
export function markPresentAtLoad(element: Element): void {
  presentAtLoad.add(element);
}

export function wasPresentAtLoad(element: Element): boolean {
  return presentAtLoad.has(element);
}

/**
 * Notes the first view the feed confirmed while the loader watched `element` (at `at`, epoch
 * ms): what it would have shown then. The banner, loaded later because of news, announces what
 * is new since; without the note it would take the news for what was already there.
 */
export function noteFirstView(element: Element, view: ServiceView, at: number): void {
  if (!firstViews.has(element)) firstViews.set(element, { view, at });
}

export function firstView(
  element: Element,
): { readonly view: ServiceView; readonly at: number } | undefined {
  return firstViews.get(element);
}
