import type { ServiceView } from '@statuskit/model';
import { loadBannerSpaces, noticeSignature, STORAGE_KEY } from './reserve-space.js';

/**
 * The banner's half of `reserve-space.ts`: it records the room it took, in its own chunk, so the
 * script-tag entry carries only the reading half.
 */

/** Entries kept, so the stored record cannot grow without bound. */
const MAX_ENTRIES = 20;

/** Called by the banner after it rendered `view`: its room now, for the next page view. */
export function rememberBannerSpace(
  element: HTMLElement,
  feed: string,
  view: ServiceView,
  shown: boolean,
): void {
  try {
    const box = element.getBoundingClientRect();
    const base = element.shadowRoot?.querySelector('.base');
    const margin = base ? parseFloat(getComputedStyle(base).marginBlockEnd) || 0 : 0;
    const record = loadBannerSpaces();
    const key = `${feed} ${view.service}`;
    record.delete(key);
    if (view.notices.length > 0) {
      record.set(key, {
        notices: noticeSignature(view),
        height: shown ? box.height : 0,
        margin,
        width: Math.round(box.width),
      });
    }
    const kept = [...record].slice(-MAX_ENTRIES);
    globalThis.localStorage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // No storage: the next page view reserves nothing, as before.
  }
}
