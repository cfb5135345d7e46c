import type { ServiceView } from '@statuskit/model';

/**
 * Script-only pages without layout shift. A banner that appears after the page has painted pushes
 * the content down (Cumulative Layout Shift). The banner remembers, per feed and service, which
 * notices it showed and how much room it took at which width; on the next page view the
 * script-tag entry, reading the cached view before the page paints, reserves that room when the
 * view still shows the same notices. The banner then renders into the room it already has, and
 * releases the reservation in the same frame. Quiet pages reserve nothing; a notice the reader has
 * not seen yet still moves the page once, which is news worth the move.
 *
 * Plain DOM and `localStorage`, no dependencies: it belongs in the script-tag entry's chunk.
 */

const STORAGE_KEY = 'statuskit:banner-space';
const RESERVED = 'data-statuskit-reserved';
/** Entries kept, so the stored record cannot grow without bound. */
const MAX_ENTRIES = 20;

interface Space {
  /** The notices shown, `key@version` in order. */
  readonly notices: string;
  /** The banner's box, in CSS px, at `width`. */
  readonly height: number;
  /** Its bottom margin, which collapses with the next element's as the banner's own does. */
  readonly margin: number;
  readonly width: number;
}

function load(): Map<string, Space> {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage.getItem(STORAGE_KEY) ?? '{}');
    return new Map<string, Space>(
      parsed !== null && typeof parsed === 'object'
        ? Object.entries(parsed as Record<string, Space>)
        : [],
    );
  } catch {
    return new Map<string, Space>();
  }
}

/** What the banner shows for a view, as one string: the same notices at the same versions. */
export function noticeSignature(view: Pick<ServiceView, 'notices'>): string {
  return view.notices.map(({ key, version }) => `${key}@${version}`).join(' ');
}

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
    const record = load();
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

/**
 * Reserves the room `element` (a `<status-banner>` not yet rendered) took the last time it showed
 * the notices `view` shows, at the same width. Returns whether it did. Styled through CSSOM, which
 * a strict `style-src` allows.
 */
export function reserveBannerSpace(
  element: HTMLElement,
  feed: string,
  view: ServiceView | undefined,
): boolean {
  try {
    if (!view || view.notices.length === 0) return false;
    const space = load().get(`${feed} ${view.service}`);
    if (!space || space.height <= 0 || space.notices !== noticeSignature(view)) return false;
    if (Math.round(element.getBoundingClientRect().width) !== space.width) return false;
    // Before its code loads the element is an unknown, inline one: a block takes the room.
    element.style.display = 'block';
    element.style.minBlockSize = `${space.height}px`;
    element.style.marginBlockEnd = `${space.margin}px`;
    element.setAttribute(RESERVED, '');
    return true;
  } catch {
    return false;
  }
}

/** Gives the reserved room back; the banner calls it in the frame it renders its content. */
export function releaseBannerSpace(element: HTMLElement): void {
  if (!element.hasAttribute(RESERVED)) return;
  element.removeAttribute(RESERVED);
  element.style.removeProperty('display');
  element.style.removeProperty('min-block-size');
  element.style.removeProperty('margin-block-end');
}
