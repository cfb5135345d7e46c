import type { ServiceView } from '@statuskit/model';

/**
 * The first view of a service the feed confirmed on this page: what the page showed "at load".
 * The script-tag entry notes it while the page is quiet (the rendering code loads only once there
 * is news); the banner then announces the news rather than taking it as what was already there.
 * Kept on a global, so a second copy of the bundle sees it too.
 */
export interface ViewBaseline {
  readonly view: ServiceView;
  readonly at: number;
}

const KEY = Symbol.for('statuskit.view-baselines');

function baselines(): Map<string, ViewBaseline> {
  const scope = globalThis as unknown as Record<symbol, Map<string, ViewBaseline> | undefined>;
  let known = scope[KEY];
  if (!known) {
    known = new Map();
    scope[KEY] = known;
  }
  return known;
}

/** Notes `view` as the page's view at load of `service` on `feed`, unless one is noted already. */
export function noteViewAtLoad(feed: string, view: ServiceView, at = Date.now()): void {
  const key = `${feed}\n${view.service}`;
  const known = baselines();
  if (!known.has(key)) known.set(key, { view, at });
}

export function viewBaseline(feed: string, service: string): ViewBaseline | undefined {
  return baselines().get(`${feed}\n${service}`);
}
