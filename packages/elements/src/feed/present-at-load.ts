/**
 * The elements that were in the page's HTML when the script tag ran. Its own module, holding no
 * client code, so the quiet loader can mark them and the lazily loaded elements read the marks.
 */
const presentAtLoad = new WeakSet<Element>();

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
