import { nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import type { ViewClient } from '@statuskit/client/view';
import type { ServiceView } from '@statuskit/model';
import { announce, prepareAnnouncer } from '../announcer.js';
import { baseStyles } from '../base.styles.js';
import { firstView, wasPresentAtLoad } from '../feed/present-at-load.js';
import { ViewController } from '../feed/view-controller.js';
import { pageHref } from '../format/links.js';
import { userTimeZone } from '../format/time.js';
import { requestedLanguage, resolveLanguage } from '../language/languages.js';
import { availableLanguages } from '../language/translator.js';
import type { Translate } from '../language/translator.js';
import { LocalizedElement } from '../localized-element.js';
import { bannerStyles } from './banner.styles.js';
import { bannerTemplate, noticeTimes, noticeTitle, timeStyle } from './banner-template.js';
import type { BannerInput } from './banner-template.js';
import { isDismissed, rememberDismissal } from './dismissals.js';
import { releaseBannerSpace, rememberBannerSpace } from './reserve-space.js';
import {
  announcementToken,
  blocksTask,
  causeSentence,
  DEFAULT_WARN_BEFORE_MINUTES,
  typeSentence,
  viewNotices,
} from './view-notices.js';
import type { BannerNotice } from './view-notices.js';

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

/** What the banner renders from, decided in `willUpdate`. */
interface Current {
  readonly view: ServiceView;
  /** Dismissals are kept per feed; `''` for a view set without a feed. */
  readonly feed: string;
  readonly now: number;
  /** Shown: without the notices the user hid. */
  readonly notices: readonly BannerNotice[];
  /** Everything current, hidden or not: for what has been announced. */
  readonly all: readonly BannerNotice[];
  readonly updates: BannerInput['updates'];
  /** Confirmed by the feed (not a cached copy): what the user sees now. */
  readonly confirmed: boolean;
}

/**
 * Tells people at the top of the page that the service is, or will soon be, unavailable: what
 * is affected and why, since when, when it should work again, whether their answers are kept,
 * and where to find another way. Renders nothing while all is well.
 *
 * It renders one service's view, derived and worded by the feed (`status.json?view=`), and loads
 * neither the status model nor the document client. Several notices are combined into one banner
 * with a list. A banner present when the page loads takes no focus and is not an alert; changes
 * after load are announced through the page's live region (polite, assertive only when the task
 * has just become blocked). Markup rendered by the feed (`banner.html`) stays on screen until the
 * element has a view of its own, then is replaced in place.
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
export class StatusBanner extends LocalizedElement {
  static override styles = [baseStyles, bannerStyles];

  static override properties = {
    ...LocalizedElement.properties,
    warnBefore: { type: Number, attribute: 'warn-before' },
    alternativesHref: { type: String, attribute: 'alternatives-href' },
    view: { attribute: false },
    viewClient: { attribute: false },
  };

  /** Minutes before planned work starts when the banner warns it is about to. Default 15. */
  declare warnBefore: number;
  /** Where the "What you can do instead" link goes; default: a `<status-alternatives>` on the page. */
  declare alternativesHref: string | undefined;
  /**
   * A service view to render instead of connecting to the feed (server-side rendering, tests,
   * apps with their own client). While set, the element connects to nothing.
   */
  declare view: ServiceView | undefined;
  /** A `ViewClient` to use instead of the page's shared one (tests, apps that manage their own). */
  declare viewClient: ViewClient | undefined;

  private current: Current | undefined;
  /** Announcement tokens the user has been told about (or saw at load). */
  private known: Set<string> | undefined;
  private shownCount = 0;
  private lastChange = '[]';
  /** Server-rendered markup (Declarative Shadow DOM), kept until the element has its own view. */
  private serverRendered: ChildNode[] | undefined;
  private readonly source = new ViewController(this);

  constructor() {
    super();
    this.warnBefore = DEFAULT_WARN_BEFORE_MINUTES;
    this.alternativesHref = undefined;
    this.view = undefined;
    this.viewClient = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The live region must exist before its first change to be heard.
    prepareAnnouncer();
  }

  /** The language to ask the feed for: the one the element speaks. */
  viewLanguage(): string | undefined {
    return resolveLanguage(requestedLanguage(this), availableLanguages());
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    // lit reuses a declarative shadow root as it is; remember what the server put there.
    const server = [...(this.shadowRoot?.childNodes ?? [])];
    const root = super.createRenderRoot();
    if (server.length > 0) {
      this.serverRendered = server;
      // lit renders before the root's first node, which is the server's and goes at takeover.
      this.renderOptions.renderBefore = null;
    }
    return root;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.source.sync(this.view === undefined);
    this.current = this.decide();
    if (this.current) this.scheduleWakeUps(this.current.all, this.current.now);
  }

  override render(): TemplateResult | typeof nothing {
    const current = this.current;
    const wording = this.wording;
    // Over server-rendered markup only a view the feed confirmed is news (a cached copy may be older).
    if (!current || !wording || (this.serverRendered && !current.confirmed)) return nothing;
    return bannerTemplate({
      view: current.view,
      notices: current.notices,
      now: current.now,
      language: wording.language,
      t: wording.t,
      intlLocale: wording.intlLocale,
      userTimeZone: userTimeZone(),
      headingLevel: this.headingLevel,
      alternativesHref: this.alternativesTarget(current.view),
      updates: current.updates,
      onClose: this.onClose,
    });
  }

  protected override update(changed: PropertyValues): void {
    // The server's markup goes in the same task as the element's own is rendered: no frame shows
    // neither, so nothing on the page moves.
    if (this.serverRendered && this.current?.confirmed && this.wording) {
      for (const node of this.serverRendered) node.remove();
      this.serverRendered = undefined;
    }
    super.update(changed);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    try {
      this.keepSpace();
      this.announceChanges();
      this.reportChange();
    } catch {
      // Announcing is a service to the user, never a reason to break the page.
    }
  }

  /**
   * Script-only pages: gives back room reserved before the page painted, now that the content is
   * there (same frame, so nothing moves), and remembers the room for the next page view.
   */
  private keepSpace(): void {
    const current = this.current;
    if (!current || !this.wording || this.serverRendered) return;
    releaseBannerSpace(this);
    if (current.feed !== '') {
      rememberBannerSpace(this, current.feed, current.view, current.notices.length > 0);
    }
  }

  private decide(): Current | undefined {
    const service = this.serviceId();
    const now = Date.now();
    const warn = this.warnMinutes();
    let view: ServiceView | undefined;
    let updates: Current['updates'];
    let confirmed: boolean;
    if (this.view !== undefined) {
      view = this.view;
      // A view handed over is as current as the feed made it.
      updates = { lastUpdated: Date.parse(view.generatedAt), stale: view.fresh === false };
      confirmed = true;
    } else {
      const state = this.source.state;
      view = state?.view;
      updates = { lastUpdated: state?.lastUpdated, stale: state?.stale ?? false };
      confirmed = state?.source === 'feed';
    }
    if (view === undefined || (service !== undefined && view.service !== service)) return undefined;
    const feed = this.feedUrl() ?? '';
    const all = viewNotices(view, now, warn, this.wording);
    const notices = all.filter(
      ({ notice, dismissVersion }) => !isDismissed(feed, notice.key, dismissVersion),
    );
    if (Number.isNaN(updates.lastUpdated)) updates = { ...updates, lastUpdated: undefined };
    return { view, feed, now, notices, all, updates, confirmed };
  }

  /**
   * The "What you can do instead" link: `alternatives-href`, else a `<status-alternatives>` on the
   * page (given an id if it has none). Only when there are alternatives to show.
   */
  private alternativesTarget(view: ServiceView): string | undefined {
    if (view.alternatives.length === 0) return undefined;
    const own = pageHref(this.alternativesHref);
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
   * news (ARIA APG alert pattern), so the first confirmed view only sets what is known.
   */
  private announceChanges(): void {
    const current = this.current;
    const wording = this.wording;
    if (!current || !wording) return;
    if (!this.known) {
      const baseline = this.seedTokens(current);
      if (!baseline) return;
      this.known = baseline;
    }
    const visible = new Set(current.notices.map(({ notice }) => notice.key));
    for (const item of current.all) {
      const token = announcementToken(item);
      if (this.known.has(token)) continue;
      this.known.add(token);
      if (!visible.has(item.notice.key)) continue;
      announce(this.announcement(item, current, wording.t, wording.intlLocale), {
        assertive: blocksTask(item),
      });
    }
    if (this.shownCount > 0 && current.all.length === 0) {
      announce(wording.t('banner.resolved', { service: current.view.name.text }));
    }
    this.shownCount = current.all.length;
  }

  /** "Outage: MitID is down. You may not be able to use …", plus the countdown when it is close. */
  private announcement(item: BannerNotice, current: Current, t: Translate, locale: string): string {
    const { notice, type } = item;
    const parts = [
      t('banner.announce', {
        type: typeSentence(item),
        title: noticeTitle(item).text,
      }),
      causeSentence(item),
    ];
    if (type === 'soon') {
      const style = timeStyle(
        { intlLocale: locale, userTimeZone: userTimeZone(), t, view: current.view },
        notice.timeZone,
      );
      parts.push(noticeTimes(item, style, current.now));
      if (notice.keepsWork !== undefined)
        parts.push(t(notice.keepsWork ? 'work.kept' : 'work.saveNow'));
    }
    return parts
      .filter((part): part is string => part !== undefined && part !== '')
      .map((part) => (/[.!?…]$/.test(part) ? part : `${part}.`))
      .join(' ');
  }

  /**
   * What the user already saw: the first view the script tag's loader noted while it watched the
   * quiet page (the rendering code loads only once there is news, which must still be told), else
   * the first view the feed confirmed.
   */
  private seedTokens(current: Current): Set<string> | undefined {
    const first = this.view === undefined && wasPresentAtLoad(this) ? firstView(this) : undefined;
    if (first) {
      const seen = viewNotices(first.view, first.at, this.warnMinutes());
      this.shownCount = seen.length;
      return new Set(seen.map(announcementToken));
    }
    if (!current.confirmed) return undefined;
    this.shownCount = current.all.length;
    return new Set(current.all.map(announcementToken));
  }

  private reportChange(): void {
    const current = this.current;
    if (!current) return;
    const notices = current.notices.map(({ notice, type }) => ({
      key: notice.key,
      version: notice.version,
      type,
    }));
    const signature = JSON.stringify(notices);
    if (signature === this.lastChange) return;
    this.lastChange = signature;
    this.dispatchEvent(
      new CustomEvent<BannerChangeDetail>('statuskit-change', {
        detail: { service: current.view.service, notices },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private readonly onClose = (): void => {
    try {
      const current = this.current;
      if (!current) return;
      const detail: DismissDetail = {
        service: current.view.service,
        notices: current.notices.map(({ notice, dismissVersion }) => ({
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
      rememberDismissal(current.feed, detail.notices);
      this.requestUpdate();
    } catch {
      // Never throw into the host page.
    }
  };
}
