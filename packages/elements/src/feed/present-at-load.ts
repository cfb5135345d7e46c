/**
 * Which elements were in the page's HTML when it loaded. The script-tag entry marks them, so that
 * rendering them later (the rendering code loads lazily) does not count what the page already
 * showed at load as news. On its own so the banner can ask without loading the document client.
 */
const presentAtLoad = new WeakSet<Element>();

export function markPresentAtLoad(element: Element): void {
  presentAtLoad.add(element);
}

export function wasPresentAtLoad(element: Element): boolean {
  return presentAtLoad.has(element);
}
