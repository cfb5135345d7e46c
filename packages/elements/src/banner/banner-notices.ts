import { impactStatus, noticesFor } from '@statuskit/model';
import type { Notice, Status, StatusDocument } from '@statuskit/model';
import { isDismissed } from './dismissals.js';

/**
 * What each notice is to the user, which decides its visible title and icon:
 * - `outage`: the service is blocked now (`major_outage` reaches it);
 * - `disruption`: an incident or status problem that does not block it;
 * - `maintenance`: planned work going on now;
 * - `planned`: planned work coming up inside the notice window;
 * - `soon`: planned work starting within the `warn-before` minutes (WCAG 2.2.1 asks for a warning
 *   in time before a time limit: here the moment unsaved answers may be lost).
 */
export type NoticeType = 'outage' | 'disruption' | 'maintenance' | 'planned' | 'soon';

/** `error` only when the user's task is blocked; planned work is never styled as an error. */
export type BannerVariant = 'error' | 'warning' | 'neutral';

export interface BannerNotice {
  readonly notice: Notice;
  readonly type: NoticeType;
  /** The version a dismissal is remembered under: a `soon` warning is news of its own. */
  readonly dismissVersion: string;
  /** Planned and minor notices only (ACCESSIBILITY.md: never hide what blocks the task). */
  readonly dismissible: boolean;
  /** When the maintenance starts (epoch ms), for `planned` and `soon`. */
  readonly startsAt?: number;
}

export interface BannerOptions {
  /** Minutes before planned work starts when the banner warns that it is about to. */
  readonly warnBeforeMinutes: number;
  /** The feed's URL: dismissals are remembered per feed. */
  readonly feed: string;
}

export const DEFAULT_WARN_BEFORE_MINUTES = 15;

/** The status where the problem starts, which is what the cause sentence talks about. */
export function originStatus(notice: Notice): Status {
  switch (notice.kind) {
    case 'incident':
      return impactStatus(notice.incident.impact);
    case 'maintenance':
      return 'maintenance';
    case 'status':
      return notice.service.status;
  }
}

function typeOf(notice: Notice, now: number, warnBeforeMs: number): NoticeType {
  if (notice.kind === 'maintenance') {
    if (notice.phase !== 'upcoming') return 'maintenance';
    const start = Date.parse(notice.maintenance.scheduledStart);
    return start - now <= warnBeforeMs ? 'soon' : 'planned';
  }
  return notice.status === 'major_outage' ? 'outage' : 'disruption';
}

/**
 * The notices a banner for `service` shows at `now`, most urgent first, without those the user
 * hid (unless `includeDismissed`).
 */
export function bannerNotices(
  document: StatusDocument,
  service: string,
  now: number,
  options: BannerOptions,
  includeDismissed = false,
): BannerNotice[] {
  const warnBeforeMs = Math.max(0, options.warnBeforeMinutes) * 60_000;
  const result: BannerNotice[] = [];
  for (const notice of noticesFor(document, service, now)) {
    const type = typeOf(notice, now, warnBeforeMs);
    const dismissVersion = type === 'soon' ? `${notice.version}:soon` : notice.version;
    if (!includeDismissed && isDismissed(options.feed, notice.key, dismissVersion)) continue;
    const dismissible =
      type === 'planned' || type === 'soon' || (type !== 'outage' && notice.status === 'degraded');
    const startsAt =
      notice.kind === 'maintenance' && notice.phase === 'upcoming'
        ? Date.parse(notice.maintenance.scheduledStart)
        : undefined;
    result.push({
      notice,
      type,
      dismissVersion,
      dismissible,
      ...(startsAt !== undefined && { startsAt }),
    });
  }
  return result;
}

/** The banner's colour and icon: the worst of its notices. */
export function bannerVariant(notices: readonly BannerNotice[]): BannerVariant {
  if (notices.some(({ type }) => type === 'outage')) return 'error';
  if (notices.some(({ type }) => type === 'disruption' || type === 'soon')) return 'warning';
  return 'neutral';
}

/**
 * Whether a notice, appearing after load, means the user's task has just become blocked: the only
 * case announced assertively (WCAG 4.1.3; polite otherwise).
 */
export function blocksTask({ type, notice }: BannerNotice): boolean {
  return type === 'outage' || (type === 'maintenance' && notice.status !== 'degraded');
}

/** Tokens for what the user has been told: a notice at a version, and a `soon` warning. */
export function announcementToken({ notice, type }: BannerNotice): string {
  return `${notice.key}@${notice.version}${type === 'soon' ? ':soon' : ''}`;
}
