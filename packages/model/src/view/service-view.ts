/**
 * A service view: everything the elements of one service's page show, derived from the status
 * document and worded on the feed, in one language. The feed serves it as `status.json?view=<id>`
 * and as `view` events on `stream?view=<id>` (see the feed README, "Service views"), so a browser
 * neither validates nor derives a document: it keeps the connection and renders.
 *
 * Plain JSON. Times are instants (`Timestamp`); wording that depends on the reader's clock
 * ("tomorrow, 22:00") is left to the renderer, which formats `since`, `until` and `startsAt` in
 * `timeZone` with `Intl`.
 */
import type { NoticePhase } from '../notices.js';
import type { AlternativeKind, Status, Timestamp } from '../types.js';

/** The version of this shape; a client refuses views of another format. */
export const SERVICE_VIEW_FORMAT = 1;

/**
 * A text from the document in the view's language, or in the fallback it was written in: `lang`
 * is then that language, for the element's `lang` attribute (WCAG 3.1.2). Absent: `view.lang`.
 */
export interface ViewText {
  readonly text: string;
  readonly lang?: string;
}

export interface ViewServiceRef {
  readonly id: string;
  readonly name: ViewText;
}

/** Sentences the feed renders with i18next from the elements' own resources (`banner.*`, `cause.*`). */
export interface NoticeSentences {
  /** The banner heading for this notice now: `banner.heading.<outage|disruption|maintenance|planned>`. */
  readonly heading: string;
  /** Upcoming maintenance only: the heading once it is about to start (`banner.heading.soon`). */
  readonly headingSoon?: string;
  /** The short label, `banner.type.*` (announcements, lists). */
  readonly type: string;
  /** Upcoming maintenance only: `banner.type.soon`. */
  readonly typeSoon?: string;
  /** "MitID is down" (`cause.title`): the problem where it starts. */
  readonly problem: string;
  /** Why the service is affected, when the problem comes through a dependency (`cause.via…`, `cause.planned…`). */
  readonly cause?: string;
  /** The dependency path, when it passes through a service in between (`cause.path`). */
  readonly path?: string;
}

/** One thing the banner tells about the service: as `noticesFor` in `@statuskit/model`, worded. */
export interface ViewNotice {
  /** `incident:<id>`, `maintenance:<id>` or `status:<serviceId>`. */
  readonly key: string;
  /** Changes when what the user sees changes (dismissals are kept per version). */
  readonly version: string;
  readonly kind: 'incident' | 'maintenance' | 'status';
  /** The incident's, maintenance's or service's id. */
  readonly id: string;
  readonly phase: NoticePhase;
  /** The effect on the view's service. */
  readonly status: Status;
  /** The status where the problem starts. */
  readonly originStatus: Status;
  /** `[the view's service, …, the service the problem is on]`. */
  readonly chain: readonly ViewServiceRef[];
  readonly optional: boolean;
  /** As `Notice.since`; `''` when unknown. */
  readonly since: Timestamp;
  /** Maintenance: the scheduled end. */
  readonly until?: Timestamp;
  /** Upcoming maintenance: the scheduled start. */
  readonly startsAt?: Timestamp;
  /** The zone the origin service shows its times in. */
  readonly timeZone: string;
  /** The incident's or maintenance's title; for a status notice the service's name. */
  readonly title: ViewText;
  /** The incident's latest message, the maintenance's message, or the service's status message; `text` may be `''`. */
  readonly message: ViewText;
  readonly keepsWork?: boolean;
  readonly sentences: NoticeSentences;
}

export interface ViewAlternative {
  readonly kind: AlternativeKind;
  readonly label: ViewText;
  readonly detail?: ViewText;
  readonly href?: string;
  readonly hours?: ViewText;
}

/** A service the view's service depends on, directly or through others. */
export interface ViewDependency {
  readonly id: string;
  readonly name: ViewText;
  /** Its experienced status. */
  readonly status: Status;
  /** Whether the view's service can partly work without it (every edge to it optional). */
  readonly optional: boolean;
  /** The services in between, nearest first; empty for a direct dependency. */
  readonly via: readonly ViewServiceRef[];
  readonly since?: Timestamp;
  /** When it is expected to work again (an in-progress maintenance's scheduled end). */
  readonly until?: Timestamp;
  readonly url?: string;
  readonly statusMessage?: ViewText;
}

export interface ServiceView {
  readonly format: typeof SERVICE_VIEW_FORMAT;
  readonly service: string;
  /** The language of every text and sentence (the asked one if the feed has it, else its default). */
  readonly lang: string;
  /** The document revision the view was derived from. */
  readonly revision: number;
  readonly generatedAt: Timestamp;
  /** When time alone will change this view (a window opens or closes); the feed sends a new one then. */
  readonly nextChangeAt?: Timestamp;
  /** The feed cannot reach its store: this may be out of date (as in `status.json`). */
  readonly fresh?: false;
  readonly staleSince?: Timestamp;
  readonly name: ViewText;
  readonly url?: string;
  /** The zone the service shows its times in. */
  readonly timeZone: string;
  /** The status the user experiences (`effectiveStatus`). */
  readonly status: Status;
  /** The service's own reported status. */
  readonly ownStatus: Status;
  /** Most urgent first, as `noticesFor`; empty when nothing affects the service. */
  readonly notices: readonly ViewNotice[];
  /** Ways to get the task done meanwhile, in `ALTERNATIVE_KINDS` order (`effectiveStatus`). */
  readonly alternatives: readonly ViewAlternative[];
  /** Every service in its dependency closure but itself, worst status first. */
  readonly dependencies: readonly ViewDependency[];
}
