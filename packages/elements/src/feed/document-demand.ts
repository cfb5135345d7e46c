import { noticesFor } from '@statuskit/model';
import type { FeedState } from '@statuskit/client';
import { alternativesFor } from '../alternatives/alternative-list.js';
import { maintenanceFor } from '../maintenance/maintenance-windows.js';
import { watchFeed } from './feed-clients.js';
import { elementTarget } from './render-demand.js';

/**
 * The loader's rule for `<status-alternatives>` and `<status-maintenance>`: they show more than a
 * service view holds (every announced window, the alternatives of upcoming work), so whether they
 * have anything to show is decided from the document, as they decide it themselves. Loaded with
 * `import()` only by pages that use them: a banner page never pays for the document client.
 */

/** Upcoming maintenance enters its window as time passes, without any feed event. */
const RECHECK_MS = 60_000;

/** Whether the element (not yet upgraded) would show anything in `state` at `now`. */
export function wantsRendering(element: Element, state: FeedState, now: number): boolean {
  const { service } = elementTarget(element);
  const { document } = state;
  if (!document || service === undefined) return false;
  switch (element.localName) {
    case 'status-alternatives':
      return (
        noticesFor(document, service, now).length > 0 &&
        alternativesFor(document, state.effective, service, now).length > 0
      );
    case 'status-maintenance':
      return maintenanceFor(document, service, now).length > 0;
    default:
      return false;
  }
}

/**
 * Calls `wanted` (at most once) when the element has something to show; returns the function
 * that stops watching. `now`: also check the state the client already holds (false after a
 * failed load, which waits for news).
 */
export function watchDocumentDemand(
  element: Element,
  wanted: () => void,
  now: boolean,
): () => void {
  const { feed, service } = elementTarget(element);
  if (feed === undefined) return () => undefined;
  let state: FeedState | undefined;
  let done = false;
  let armed = now;
  const check = (): void => {
    if (!armed) {
      armed = true;
      return;
    }
    if (done || !state || !wantsRendering(element, state, Date.now())) return;
    stop();
    wanted();
  };
  const unwatch = watchFeed(feed, service, (next) => {
    state = next;
    check();
  });
  const timer = setInterval(check, RECHECK_MS);
  function stop(): void {
    done = true;
    unwatch();
    clearInterval(timer);
  }
  return stop;
}
