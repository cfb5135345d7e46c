import { noticesFor } from '@statuskit/model';
import type { FeedState } from '@statuskit/client';
import { alternativesFor } from '../alternatives/alternative-list.js';
import { bannerNotices, DEFAULT_WARN_BEFORE_MINUTES } from '../banner/banner-notices.js';
import { maintenanceFor } from '../maintenance/maintenance-windows.js';
import { pageConfig } from './page-config.js';
import { resolveFeedUrl } from './feed-clients.js';

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
 * Whether an element (not yet upgraded) would show anything in `state` at `now`. A quiet page
 * answers "no" for every element and never loads the rendering code.
 */
export function wantsRendering(element: Element, state: FeedState, now: number): boolean {
  if (alwaysRenders(element)) return true;
  const { service } = elementTarget(element);
  const { document, url: feed } = state;
  if (!document || service === undefined) return false;
  switch (element.localName) {
    case 'status-banner': {
      const minutes = Number(element.getAttribute('warn-before') ?? DEFAULT_WARN_BEFORE_MINUTES);
      const warnBeforeMinutes = Number.isFinite(minutes) ? minutes : DEFAULT_WARN_BEFORE_MINUTES;
      return bannerNotices(document, service, now, { warnBeforeMinutes, feed }).length > 0;
    }
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
