import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import type { FeedState } from '@statuskit/client';
import type { StatusDocument } from '@statuskit/model';
import { alternativesFor } from '../alternatives/alternative-list.js';
import { announce, prepareAnnouncer } from '../announcer.js';
import { baseStyles } from '../base.styles.js';
import { feedBaseline, wasPresentAtLoad } from '../feed/feed-clients.js';
import { causeSentence, problemTitle } from '../format/causes.js';
import { feedHref, pageHref } from '../format/links.js';
import {
  formatClock,
  formatDateTime,
  formatEnd,
  formatRange,
  formatRelative,
  formatStartsIn,
} from '../format/time.js';
import type { TimeStyle } from '../format/time.js';
import type { Translate } from '../language/translator.js';
import { feedText, heading, updatesNote } from '../fragments.js';
import { closeIcon, outageIcon, plannedIcon, problemIcon } from '../icons.js';
import { StatuskitElement } from '../statuskit-element.js';
import type { FeedText } from '../statuskit-element.js';
import { bannerStyles } from './banner.styles.js';
import {
  announcementToken,
  bannerNotices,
  bannerVariant,
  blocksTask,
  DEFAULT_WARN_BEFORE_MINUTES,
  originStatus,
} from './banner-notices.js';
import type { BannerNotice, BannerVariant } from './banner-notices.js';
import { isDismissed, rememberDismissal } from './dismissals.js';

/** `detail` of `statuskit-dismiss`. */
export interface DismissDetail {
  readonly service: string;
  /** The notices being hidden, each remembered under this key and version. */
  readonly notices: readonly { readonly key: string; readonly version: string }[];
}

/** `detail` of `statuskit-change`. */
export interface BannerChangeDetail {
  readonly service: string;
  /** What the banner shows now, most urgent first; empty when it shows nothing. */
  readonly notices: readonly {
    readonly key: string;
    readonly version: string;
    readonly type: string;
  }[];
}

interface BannerView {
  readonly state: FeedState;
  readonly document: StatusDocument;
  readonly service: string;
  readonly now: number;
  /** Shown: without the notices the user hid. */
  readonly notices: readonly BannerNotice[];
  /** Everything current, hidden or not: for what has been announced. */
  readonly all: readonly BannerNotice[];
}

/**
 * Tells people at the top of the page that the service is, or will soon be, unavailable: what
 * is affected and why, since when, when it should work again, whether their answers are kept,
 * and where to find another way. Renders nothing while all is well.
 *
 * Several notices are combined into one banner with a list. A banner present when the page loads
 * takes no focus and is not an alert; changes after load are announced through the page's
 * live region (polite, assertive only when the task has just become blocked).
 *
 * @csspart base - The labelled region (`<section>`).
 * @csspart icon - The variant's icon.
 * @csspart heading - The heading.
 * @csspart message - The notice, or the list of notices.
 * @csspart notice - One notice in a list.
 * @csspart actions - The paragraph with the link to the alternatives.
 * @csspart updates - "Last updated" and the note when the data may be out of date.
 * @csspart close-button - The button that hides planned and minor notices.
 *
 * @cssprop [--statuskit-info-color=light-dark(#1d5fa8, #8cc4ff)] - Accent of planned work.
 * @cssprop [--statuskit-info-background=light-dark(#eef4fb, #14283d)] - Background of planned work.
 * @cssprop [--statuskit-warning-color=light-dark(#8a5300, #ffc65c)] - Accent of disruptions.
 * @cssprop [--statuskit-warning-background=light-dark(#fff5e1, #33270c)] - Background of disruptions.
 * @cssprop [--statuskit-error-color=light-dark(#b3261e, #ff8a80)] - Accent when the task is blocked.
 * @cssprop [--statuskit-error-background=light-dark(#fdeceb, #3d1715)] - Background when blocked.
 * @cssprop [--statuskit-banner-text-color=light-dark(#1b1b1b, #f2f4f7)] - Text colour.
 * @cssprop [--statuskit-banner-margin=1.5rem] - Space below the banner.
 * @cssprop [--statuskit-space=1rem] - Spacing unit.
 * @cssprop [--statuskit-border-radius=0.25rem] - Corner radius.
 * @cssprop [--statuskit-focus-color=currentColor] - Focus outline.
 * @cssprop [--statuskit-heading-font-size=1.125em] - Heading size.
 *
 * @tagname status-banner
 *
 * @fires {CustomEvent<DismissDetail>} statuskit-dismiss - Before notices are hidden; cancelable (`preventDefault()` keeps them).
 * @fires {CustomEvent<BannerChangeDetail>} statuskit-change - When what the banner shows changes.
 */
export class StatusBanner extends StatuskitElement {
  static override styles = [baseStyles, bannerStyles];

  static override properties = {
    ...StatuskitElement.properties,
    warnBefore: { type: Number, attribute: 'warn-before' },
    alternativesHref: { type: String, attribute: 'alternatives-href' },
  };

  /** Minutes before planned work starts when the banner warns it is about to. Default 15. */
  declare warnBefore: number;
  /** Where the "What you can do instead" link goes; default: a `<status-alternatives>` on the page. */
  declare alternativesHref: string | undefined;

  private view: BannerView | undefined;
  /** Announcement tokens the user has been told about (or saw at load). */
  private known: Set<string> | undefined;
  private shownCount = 0;
  private lastChange = '[]';

  constructor() {
    super();
    this.warnBefore = DEFAULT_WARN_BEFORE_MINUTES;
    this.alternativesHref = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The live region must exist before its first change to be heard.
    prepareAnnouncer();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.view = undefined;
    const state = this.feedController.state;
    const service = this.serviceId();
    if (!state?.document || service === undefined) return;
    const now = Date.now();
    const options = { warnBeforeMinutes: this.warnMinutes(), feed: state.url };
    const all = bannerNotices(state.document, service, now, options, true);
    const notices = all.filter(
      ({ notice, dismissVersion }) => !isDismissed(state.url, notice.key, dismissVersion),
    );
    this.view = { state, document: state.document, service, now, notices, all };
    this.scheduleWakeUps(all, now);
  }

  override render(): TemplateResult | typeof nothing {
    const view = this.view;
    const wording = this.wording;
    if (!view || !wording || view.notices.length === 0) return nothing;
    const { t } = wording;
    const { document, service, notices, now } = view;
    const style = this.timeStyle(document, service, t);
    const variant = bannerVariant(notices);
    const first = notices[0];
    const name = this.serviceName(document, service);
    const single = notices.length === 1 && first !== undefined;
    const closable = notices.every(({ dismissible }) => dismissible);
    const alternatives = this.alternativesTarget(view);
    return html`
      <section
        part="base"
        class="base ${variant}"
        aria-labelledby="heading"
        lang=${wording.language}
      >
        <span class="icon" part="icon">${variantIcon(variant)}</span>
        <div class="content stack">
          ${heading(this.headingLevel, 'heading', t(`banner.heading.${first?.type ?? 'disruption'}`, { service: name }))}
          ${
            single
              ? html`<div part="message" class="stack">
                  ${this.renderNotice(first, view, style)}
                </div>`
              : html`<ul part="message" class="notices">
                  ${notices.map(
                    (notice) =>
                      html`<li part="notice" class="stack">
                        ${this.renderNotice(notice, view, style)}
                      </li>`,
                  )}
                </ul>`
          }
          ${
            alternatives === undefined
              ? nothing
              : html`<p part="actions"><a href=${alternatives}>${t('banner.alternatives')}</a></p>`
          }
          ${updatesNote(view.state, style, now)}
        </div>
        ${
          closable
            ? html`<button
                part="close-button"
                class="close"
                type="button"
                aria-label=${t('banner.hide')}
                @click=${this.onClose}
              >
                <span class="icon">${closeIcon}</span>
              </button>`
            : nothing
        }
      </section>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    try {
      this.announceChanges();
      this.reportChange();
    } catch {
      // Announcing is a service to the user, never a reason to break the page.
    }
  }

  /** One notice: its type and title, the cause, the feed's message, times and work. */
  private renderNotice(item: BannerNotice, view: BannerView, style: TimeStyle): TemplateResult {
    const { t } = style;
    const { notice, type } = item;
    const { document, now } = view;
    const title = this.noticeTitle(item, document, t);
    const cause = causeSentence(
      { ...notice, originStatus: originStatus(notice) },
      (id) => this.serviceName(document, id),
      t,
    );
    const message = this.noticeMessage(item, document);
    const keepsWork =
      notice.kind === 'incident'
        ? notice.incident.keepsWork
        : notice.kind === 'maintenance'
          ? notice.maintenance.keepsWork
          : undefined;
    const ahead = type === 'planned' || type === 'soon';
    // Where to read more: the news page of the service where the problem is, if it has one.
    const originId = notice.chain.at(-1);
    const origin = document.services.find((service) => service.id === originId);
    const more = feedHref(origin?.url);
    return html`
      <p class="title"><span class="type">${t(`banner.type.${type}`)}:</span> ${feedText(title)}</p>
      ${cause === undefined ? nothing : html`<p>${cause}</p>`}
      ${message.text === '' ? nothing : html`<p>${feedText(message)}</p>`}
      <p>${this.timesText(item, style, now)}</p>
      ${
        keepsWork === undefined
          ? nothing
          : html`<p>${t(keepsWork ? 'work.kept' : ahead ? 'work.saveNow' : 'work.lost')}</p>`
      }
      ${
        more === undefined || origin === undefined
          ? nothing
          : html`<p>
              <a href=${more}
                >${t('dependencies.link', { name: this.serviceName(document, origin.id) })}</a
              >
            </p>`
      }
    `;
  }

  private noticeTitle({ notice }: BannerNotice, document: StatusDocument, t: Translate): FeedText {
    switch (notice.kind) {
      case 'incident':
        return this.feedText(notice.incident.title, document);
      case 'maintenance':
        return this.feedText(notice.maintenance.title, document);
      case 'status':
        return {
          text: problemTitle(
            this.serviceName(document, notice.service.id),
            notice.service.status,
            t,
          ),
          lang: undefined,
        };
    }
  }

  private noticeMessage({ notice }: BannerNotice, document: StatusDocument): FeedText {
    switch (notice.kind) {
      case 'incident': {
        // The latest update says most about where things stand now.
        const latest = notice.incident.updates.at(-1);
        return this.feedText(latest?.message ?? notice.incident.message, document);
      }
      case 'maintenance':
        return this.feedText(notice.maintenance.message, document);
      case 'status':
        return this.feedText(notice.service.statusMessage, document);
    }
  }

  /** Since when, until when (or that nobody knows yet), or when planned work starts. */
  private timesText(
    { notice, type, startsAt }: BannerNotice,
    style: TimeStyle,
    now: number,
  ): string {
    const { t } = style;
    if ((type === 'planned' || type === 'soon') && notice.kind === 'maintenance') {
      const start = startsAt ?? Date.parse(notice.maintenance.scheduledStart);
      const end = Date.parse(notice.maintenance.scheduledEnd);
      if (type === 'soon') {
        return t('banner.soon', {
          relative: formatRelative(start, now, style),
          time: formatClock(start, style),
        });
      }
      const range = formatRange(start, end, style, now);
      const relative = formatStartsIn(start, now, style);
      return relative === undefined
        ? t('banner.whenNear', { range })
        : t('banner.when', { range, relative });
    }
    const parts: string[] = [];
    const since = notice.since === '' ? Number.NaN : Date.parse(notice.since);
    if (!Number.isNaN(since)) {
      parts.push(
        t(notice.kind === 'maintenance' ? 'banner.started' : 'banner.since', {
          time: formatDateTime(since, style, now),
        }),
      );
    }
    const until = notice.until === undefined ? Number.NaN : Date.parse(notice.until);
    parts.push(
      Number.isNaN(until) || until <= now
        ? t('banner.backUnknown')
        : t('banner.backAt', { time: formatEnd(until, style, now) }),
    );
    return parts.join(' ');
  }

  /**
   * The "What you can do instead" link: `alternatives-href`, else a `<status-alternatives>` on the
   * page (given an id if it has none). Only when there are alternatives to show.
   */
  private alternativesTarget(view: BannerView): string | undefined {
    const own = pageHref(this.alternativesHref);
    const alternatives = alternativesFor(
      view.document,
      view.state.effective,
      view.service,
      view.now,
    );
    if (alternatives.length === 0) return undefined;
    if (own !== undefined) return own;
    const candidates = [...document.querySelectorAll('status-alternatives')];
    const target =
      candidates.find((element) => element.getAttribute('service') === view.service) ??
      candidates.find((element) => !element.hasAttribute('service'));
    if (!target) return undefined;
    if (!target.id) {
      let id = 'statuskit-alternatives';
      for (let n = 2; document.getElementById(id); n += 1) id = `statuskit-alternatives-${n}`;
      target.id = id;
    }
    return `#${target.id}`;
  }

  private warnMinutes(): number {
    return Number.isFinite(this.warnBefore) && this.warnBefore >= 0
      ? this.warnBefore
      : DEFAULT_WARN_BEFORE_MINUTES;
  }

  /** Wake for the warning before planned work, and keep countdowns current. */
  private scheduleWakeUps(notices: readonly BannerNotice[], now: number): void {
    const warnMs = this.warnMinutes() * 60_000;
    for (const { type, startsAt } of notices) {
      if (startsAt === undefined) continue;
      if (type === 'planned') this.clock.wakeAt(startsAt - warnMs);
      if (type === 'soon') this.clock.wakeIn(30_000);
      this.clock.wakeAt(startsAt);
    }
    if (notices.length > 0) this.clock.wakeIn(Math.max(60_000, 3_600_000 - (now % 3_600_000)));
  }

  /**
   * Tells screen reader users what changed after load, once. What was on screen at load is not
   * news (ARIA APG alert pattern), so the first confirmed state only sets what is known.
   */
  private announceChanges(): void {
    const view = this.view;
    const wording = this.wording;
    if (!view || !wording) return;
    const tokens = new Map(view.all.map((notice) => [announcementToken(notice), notice]));
    if (!this.known) {
      const baseline = this.seedTokens(view);
      if (!baseline) return;
      this.known = baseline;
    }
    const visible = new Set(view.notices.map(({ notice }) => notice.key));
    const { t } = wording;
    for (const [token, notice] of tokens) {
      if (this.known.has(token)) continue;
      this.known.add(token);
      if (!visible.has(notice.notice.key)) continue;
      announce(this.announcement(notice, view, t), { assertive: blocksTask(notice) });
    }
    if (this.shownCount > 0 && view.all.length === 0) {
      announce(t('banner.resolved', { service: this.serviceName(view.document, view.service) }));
    }
    this.shownCount = view.all.length;
  }

  /** "Outage: MitID is down. You may not be able to use …", plus the countdown when it is close. */
  private announcement(item: BannerNotice, view: BannerView, t: Translate): string {
    const { notice, type } = item;
    const title = this.noticeTitle(item, view.document, t).text;
    const parts = [
      t('banner.announce', { type: t(`banner.type.${type}`), title }),
      causeSentence(
        { ...notice, originStatus: originStatus(notice) },
        (id) => this.serviceName(view.document, id),
        t,
      ),
    ];
    if (type === 'soon' && notice.kind === 'maintenance') {
      parts.push(this.timesText(item, this.timeStyle(view.document, view.service, t), view.now));
      const keepsWork = notice.maintenance.keepsWork;
      if (keepsWork !== undefined) parts.push(t(keepsWork ? 'work.kept' : 'work.saveNow'));
    }
    return parts
      .filter((part): part is string => part !== undefined && part !== '')
      .map((part) => (/[.!?…]$/.test(part) ? part : `${part}.`))
      .join(' ');
  }

  private seedTokens(view: BannerView): Set<string> | undefined {
    const feedUrl = this.client ? undefined : this.feedUrl();
    const baseline = feedUrl === undefined ? undefined : feedBaseline(feedUrl);
    const options = { warnBeforeMinutes: this.warnMinutes(), feed: view.state.url };
    if (baseline && wasPresentAtLoad(this)) {
      this.shownCount = bannerNotices(
        baseline.document,
        view.service,
        baseline.at,
        options,
        true,
      ).length;
      return new Set(
        bannerNotices(baseline.document, view.service, baseline.at, options, true).map(
          announcementToken,
        ),
      );
    }
    if (view.state.source !== 'feed') return undefined;
    this.shownCount = view.all.length;
    return new Set(view.all.map(announcementToken));
  }

  private reportChange(): void {
    const view = this.view;
    if (!view) return;
    const notices = view.notices.map(({ notice, type }) => ({
      key: notice.key,
      version: notice.version,
      type,
    }));
    const signature = JSON.stringify(notices);
    if (signature === this.lastChange) return;
    this.lastChange = signature;
    this.dispatchEvent(
      new CustomEvent<BannerChangeDetail>('statuskit-change', {
        detail: { service: view.service, notices },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private readonly onClose = (): void => {
    try {
      const view = this.view;
      if (!view) return;
      const detail: DismissDetail = {
        service: view.service,
        notices: view.notices.map(({ notice, dismissVersion }) => ({
          key: notice.key,
          version: dismissVersion,
        })),
      };
      // The page may veto (cancelable); the default, hiding and remembering, runs only if not.
      const event = new CustomEvent<DismissDetail>('statuskit-dismiss', {
        detail,
        bubbles: true,
        composed: true,
        cancelable: true,
      });
      if (!this.dispatchEvent(event)) return;
      rememberDismissal(view.state.url, detail.notices);
      this.requestUpdate();
    } catch {
      // Never throw into the host page.
    }
  };
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
