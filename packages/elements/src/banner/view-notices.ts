import type { ServiceView, ViewNotice } from '@statuskit/model';
import { baseLanguage } from '../language/languages.js';
import type { Translate } from '../language/translator.js';
import { localSentences } from './local-sentences.js';

/**
 * What each notice of a service view is to the user, which decides its visible title and icon:
 * - `outage`: the service is blocked now (`major_outage` reaches it);
 * - `disruption`: an incident or status problem that does not block it;
 * - `maintenance`: planned work going on now;
 * - `planned`: planned work coming up inside the notice window;
 * - `soon`: planned work starting within the `warn-before` minutes (WCAG 2.2.1 asks for a warning
 *   in time before a time limit: here the moment unsaved answers may be lost).
 *
 * The feed has derived and worded the notices; this only decides, at the reader's `now`, which
 * of the feed's sentences apply. Types only from `@statuskit/model`: no model code in the banner.
 */
export type NoticeType = 'outage' | 'disruption' | 'maintenance' | 'planned' | 'soon';

/** `error` only when the user's task is blocked; planned work is never styled as an error. */
export type BannerVariant = 'error' | 'warning' | 'neutral';

export interface BannerNotice {
  /** As in the view; its `sentences` worded locally when the feed could not (`wording`). */
  readonly notice: ViewNotice;
  /** The language of `notice.sentences`. */
  readonly sentencesLang: string;
  readonly type: NoticeType;
  /** The version a dismissal is remembered under: a `soon` warning is news of its own. */
  readonly dismissVersion: string;
  /** Planned and minor notices only (ACCESSIBILITY.md: never hide what blocks the task). */
  readonly dismissible: boolean;
  /** When the maintenance starts (epoch ms), for `planned` and `soon`. */
  readonly startsAt?: number;
}

export const DEFAULT_WARN_BEFORE_MINUTES = 15;

function typeOf(notice: ViewNotice, startsAt: number | undefined, now: number, warnMs: number) {
  if (notice.kind === 'maintenance' && notice.phase === 'upcoming' && startsAt !== undefined) {
    return startsAt - now <= warnMs ? 'soon' : 'planned';
  }
  if (notice.kind === 'maintenance') return 'maintenance';
  return notice.status === 'major_outage' ? 'outage' : 'disruption';
}

/** The element's own language and strings, for wording what the feed could not. */
export interface LocalWording {
  readonly language: string;
  readonly t: Translate;
}

/**
 * Every notice of `view` as the banner shows it at `now`, most urgent first (the feed's order).
 * The feed's sentences when it answered in the element's language; else (a language added with
 * `addLanguage`, which the feed does not have) worded here from the same keys.
 */
export function viewNotices(
  view: ServiceView,
  now: number,
  warnBeforeMinutes: number,
  wording?: LocalWording,
): BannerNotice[] {
  const warnMs = Math.max(0, warnBeforeMinutes) * 60_000;
  const local =
    wording !== undefined && baseLanguage(wording.language) !== baseLanguage(view.lang)
      ? wording
      : undefined;
  return view.notices.map((original) => {
    const notice = local ? { ...original, sentences: localSentences(original, local.t) } : original;
    const start = notice.startsAt === undefined ? Number.NaN : Date.parse(notice.startsAt);
    const startsAt = notice.phase === 'upcoming' && !Number.isNaN(start) ? start : undefined;
    const type: NoticeType = typeOf(notice, startsAt, now, warnMs);
    return {
      notice,
      sentencesLang: local ? local.language : view.lang,
      type,
      dismissVersion: type === 'soon' ? `${notice.version}:soon` : notice.version,
      dismissible:
        type === 'planned' ||
        type === 'soon' ||
        (type !== 'outage' && notice.status === 'degraded'),
      ...(startsAt !== undefined && { startsAt }),
    };
  });
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

/** The feed's heading for the first notice, the `soon` one once planned work is about to start. */
export function headingSentence({ notice, type }: BannerNotice): string {
  return type === 'soon'
    ? (notice.sentences.headingSoon ?? notice.sentences.heading)
    : notice.sentences.heading;
}

/** The feed's short label ("Outage", "Starting soon"). */
export function typeSentence({ notice, type }: BannerNotice): string {
  return type === 'soon'
    ? (notice.sentences.typeSoon ?? notice.sentences.type)
    : notice.sentences.type;
}

/** Why the service is affected, with the dependency path when it passes through others. */
export function causeSentence({ notice }: BannerNotice): string | undefined {
  const { cause, path } = notice.sentences;
  if (cause === undefined) return undefined;
  return path === undefined ? cause : `${cause} ${path}`;
}
