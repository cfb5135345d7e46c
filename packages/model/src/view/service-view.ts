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

/** A maintenance window `<status-maintenance>` lists: announced, going on now or still to come. */
export interface ViewMaintenance {
  readonly id: string;
  readonly phase: 'in_progress' | 'upcoming';
  /** `[the view's service, …, the service the work is on]`: length 1 when it is on the service itself. */
  readonly chain: readonly ViewServiceRef[];
  /** Whether the shortest path to the work has an optional edge. */
  readonly optional: boolean;
  /** When it starts or started: the actual start of work begun early, else the scheduled start. */
  readonly start: Timestamp;
  /** The scheduled end. */
  readonly end: Timestamp;
  readonly title: ViewText;
  /** `text` may be `''`. */
  readonly message: ViewText;
  readonly keepsWork?: boolean;
}

/** The service levels the service declares (`sla` in the document), its texts in the view's language. */
export interface ViewSla {
  /** Availability target in percent, e.g. 99.5. */
  readonly availabilityTarget: number;
  readonly supportHours?: ViewText;
  /** Longest acceptable single outage, in minutes. */
  readonly maxOutageMinutes?: number;
  /** How many days ahead planned work is announced. */
  readonly noticePeriodDays?: number;
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
  /**
   * `alternatives` plus those of maintenance coming up inside the notice window, so people can
   * prepare: without duplicates, in `ALTERNATIVE_KINDS` order. Absent when it would equal
   * `alternatives` (and from feeds older than this field).
   */
  readonly alternativesWithPlanned?: readonly ViewAlternative[];
  /**
   * Every announced maintenance window in progress or still to come on the service or anything
   * it depends on, earliest first (unlike `notices`, not only those inside the notice window).
   * Absent when there is none.
   */
  readonly maintenance?: readonly ViewMaintenance[];
  /** The service's declared service levels; absent when it declares none. */
  readonly sla?: ViewSla;
}
