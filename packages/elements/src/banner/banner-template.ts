import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { ServiceView, ViewText } from '@statuskit/model';
import { heading, updatesNote } from '../fragments.js';
import { feedHref } from '../format/links.js';
import {
  formatClock,
  formatDateTime,
  formatEnd,
  formatRange,
  formatRelative,
  formatStartsIn,
  isTimeZone,
} from '../format/time.js';
import type { TimeStyle } from '../format/time.js';
import { closeIcon, outageIcon, plannedIcon, problemIcon } from '../icons.js';
import { baseLanguage } from '../language/languages.js';
import type { Translate } from '../language/translator.js';
import { bannerVariant, causeSentence, headingSentence, typeSentence } from './view-notices.js';
import type { BannerNotice, BannerVariant } from './view-notices.js';

/**
 * The banner's markup as one pure function of a service view, used by the element's `render()`
 * and, through the string renderer, by `renderBannerHtml` on the server: the two cannot drift
 * apart. No DOM, no feed client, no model code.
 */
export interface BannerInput {
  readonly view: ServiceView;
  /** The notices to show (without those the user hid), most urgent first; empty: nothing. */
  readonly notices: readonly BannerNotice[];
  readonly now: number;
  /** The language of the element's own strings. */
  readonly language: string;
  readonly t: Translate;
  /** A locale `Intl` has data for. */
  readonly intlLocale: string;
  /** The reader's zone: times in another zone are shown with its name. */
  readonly userTimeZone: string;
  readonly headingLevel: number;
  /** Where "What you can do instead" goes; `undefined`: no link. */
  readonly alternativesHref: string | undefined;
  /** "Last updated" and whether the view may be out of date. */
  readonly updates: { readonly lastUpdated: number | undefined; readonly stale: boolean };
  /**
   * Hides the notices. `undefined` on the server: an empty box of the button's size stands in its
   * place, so nothing moves when the element takes over, and no button that does nothing shows
   * when JavaScript is off.
   */
  readonly onClose: (() => void) | undefined;
}

export function bannerTemplate(input: BannerInput): TemplateResult | typeof nothing {
  const { notices, t } = input;
  const first = notices[0];
  if (first === undefined) return nothing;
  const variant = bannerVariant(notices);
  const closable = notices.every(({ dismissible }) => dismissible);
  const single = notices.length === 1;
  return html`
    <section part="base" class="base ${variant}" aria-labelledby="heading" lang=${input.language}>
      <span class="icon" part="icon">${variantIcon(variant)}</span>
      <div class="content stack">
        ${heading(input.headingLevel, 'heading', sentence(input, headingSentence(first), first.sentencesLang))}
        ${
          single
            ? html`<div part="message" class="stack">${noticeTemplate(input, first)}</div>`
            : html`<ul part="message" class="notices">
                ${notices.map(
                  (notice) =>
                    html`<li part="notice" class="stack">${noticeTemplate(input, notice)}</li>`,
                )}
              </ul>`
        }
        ${
          input.alternativesHref === undefined
            ? nothing
            : html`<p part="actions">
                <a href=${input.alternativesHref}>${t('banner.alternatives')}</a>
              </p>`
        }
        ${updatesNote(input.updates, timeStyle(input, input.view.timeZone), input.now)}
      </div>
      ${closable ? closeControl(input) : nothing}
    </section>
  `;
}

function closeControl({ onClose, t }: BannerInput): TemplateResult {
  return onClose
    ? html`<button
        part="close-button"
        class="close"
        type="button"
        aria-label=${t('banner.hide')}
        @click=${onClose}
      >
        <span class="icon">${closeIcon}</span>
      </button>`
    : html`<span class="close" aria-hidden="true"><span class="icon"></span></span>`;
}

/** One notice: its type and title, the cause, the feed's message, times, work and where to read more. */
function noticeTemplate(input: BannerInput, item: BannerNotice): TemplateResult {
  const { t, view } = input;
  const { notice, type } = item;
  const cause = causeSentence(item);
  const ahead = type === 'planned' || type === 'soon';
  const origin = notice.chain.at(-1);
  const more = origin === undefined ? undefined : feedHref(serviceUrl(view, origin.id));
  return html`
    <p class="title">
      <span class="type">${sentence(input, typeSentence(item), item.sentencesLang)}:</span>
      ${text(input, noticeTitle(item))}
    </p>
    ${cause === undefined ? nothing : html`<p>${sentence(input, cause, item.sentencesLang)}</p>`}
    ${notice.message.text === '' ? nothing : html`<p>${text(input, notice.message)}</p>`}
    <p>${noticeTimes(item, timeStyle(input, notice.timeZone), input.now)}</p>
    ${
      notice.keepsWork === undefined
        ? nothing
        : html`<p>${t(notice.keepsWork ? 'work.kept' : ahead ? 'work.saveNow' : 'work.lost')}</p>`
    }
    ${
      more === undefined || origin === undefined
        ? nothing
        : html`<p>
            <a href=${more}>${t('dependencies.link', { name: origin.name.text })}</a>
          </p>`
    }
  `;
}

/** The title: the incident's or maintenance's own, or "MitID is down" for a status problem. */
export function noticeTitle({ notice, sentencesLang }: BannerNotice): ViewText {
  return notice.kind === 'status'
    ? { text: notice.sentences.problem, lang: sentencesLang }
    : notice.title;
}

/** Since when, until when (or that nobody knows yet), or when planned work starts. */
export function noticeTimes(
  { notice, type, startsAt }: BannerNotice,
  style: TimeStyle,
  now: number,
): string {
  const { t } = style;
  const at = (time: string | undefined): number =>
    time === undefined || time === '' ? Number.NaN : Date.parse(time);
  if ((type === 'planned' || type === 'soon') && startsAt !== undefined) {
    if (type === 'soon') {
      return t('banner.soon', {
        relative: formatRelative(startsAt, now, style),
        time: formatClock(startsAt, style),
      });
    }
    const range = formatRange(startsAt, at(notice.until), style, now);
    const relative = formatStartsIn(startsAt, now, style);
    return relative === undefined
      ? t('banner.whenNear', { range })
      : t('banner.when', { range, relative });
  }
  const parts: string[] = [];
  const since = at(notice.since);
  if (!Number.isNaN(since)) {
    parts.push(
      t(notice.kind === 'maintenance' ? 'banner.started' : 'banner.since', {
        time: formatDateTime(since, style, now),
      }),
    );
  }
  const until = at(notice.until);
  parts.push(
    Number.isNaN(until) || until <= now
      ? t('banner.backUnknown')
      : t('banner.backAt', { time: formatEnd(until, style, now) }),
  );
  return parts.join(' ');
}

/** Times in `zone` (the notice's), else the view's, else UTC, for the reader's language. */
export function timeStyle(
  {
    intlLocale,
    userTimeZone,
    t,
    view,
  }: Pick<BannerInput, 'intlLocale' | 'userTimeZone' | 't' | 'view'>,
  zone: string,
): TimeStyle {
  const timeZone = [zone, view.timeZone].find(isTimeZone) ?? 'UTC';
  return { locale: intlLocale, timeZone, userTimeZone, t };
}

/** The news page of a service in the view: its own, or a dependency's. */
function serviceUrl(view: ServiceView, id: string): string | undefined {
  if (id === view.service) return view.url;
  return view.dependencies.find((dependency) => dependency.id === id)?.url;
}

/** Feed text, marked with its language when it is not the element's (WCAG 3.1.2). */
function text(input: BannerInput, { text: content, lang }: ViewText): TemplateResult | string {
  return sentence(input, content, lang ?? input.view.lang);
}

function sentence(input: BannerInput, content: string, lang: string): TemplateResult | string {
  return baseLanguage(lang) === baseLanguage(input.language)
    ? content
    : html`<span lang=${lang}>${content}</span>`;
}

function variantIcon(variant: BannerVariant): TemplateResult {
  switch (variant) {
    case 'error':
      return outageIcon;
    case 'warning':
      return problemIcon;
    case 'neutral':
      return plannedIcon;
  }
}
