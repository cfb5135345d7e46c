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

export const STORAGE_KEY = 'statuskit:banner-space';
const RESERVED = 'data-statuskit-reserved';
export interface Space {
  /** The notices shown, `key@version` in order. */
  readonly notices: string;
  /** The banner's box, in CSS px, at `width`. */
  readonly height: number;
  /** Its bottom margin, which collapses with the next element's as the banner's own does. */
  readonly margin: number;
  readonly width: number;
}

export function loadBannerSpaces(): Map<string, Space> {
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
    const space = loadBannerSpaces().get(`${feed} ${view.service}`);
    if (!space || space.height <= 0 || space.notices !== noticeSignature(view)) return false;
    // Before its code loads the element is an unknown, inline one (no width of its own): as a
    // block it has the width the banner will have.
    const display = element.style.display;
    element.style.display = 'block';
    if (Math.round(element.getBoundingClientRect().width) !== space.width) {
      element.style.display = display;
      return false;
    }
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
