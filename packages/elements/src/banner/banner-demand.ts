import type { ServiceView } from '@statuskit/model';
import { isDismissed } from './dismissals.js';
import { DEFAULT_WARN_BEFORE_MINUTES, viewNotices } from './view-notices.js';

/**
 * Whether a `<status-banner>` would show anything for `view` at `now`: a notice the reader has not
 * hidden. For the script-tag entry, which loads the rendering code only then; it needs neither lit
 * nor the strings (dismissals are remembered per feed, key and version, as the banner does).
 */
export function bannerWouldShow(
  view: ServiceView,
  feed: string,
  now: number,
  warnBeforeMinutes = DEFAULT_WARN_BEFORE_MINUTES,
): boolean {
  return viewNotices(view, now, warnBeforeMinutes).some(
    ({ notice, dismissVersion }) => !isDismissed(feed, notice.key, dismissVersion),
  );
}
