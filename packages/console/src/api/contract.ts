/**
 * The feed's admin endpoints the console uses, as the console reads them. The feed README
 * ("Operator console" and "Admin API") is the reference; the end-to-end tests hold both sides to
 * it. All paths are under `/v1`, same origin; writes carry the session's CSRF token.
 */
import type {
  Alternative,
  Incident,
  LocalizedText,
  Maintenance,
  Service,
  ServiceView,
  Status,
} from '@statuskit/model';

/** `GET|POST|DELETE /v1/admin/session`: who is signed in, until when. */
export interface SessionInfo {
  /** The authority the token belonged to; it may change only its own services. */
  readonly authority: string;
  readonly authorityName: LocalizedText;
  /** The session's public id, as the journal records it with every write (`s_…`). */
  readonly session: string;
  /** Sent back as `X-CSRF-Token` with every write. */
  readonly csrfToken: string;
  /** When the session ends unless used again (ISO 8601); never later than `maxExpiresAt`. */
  readonly expiresAt: string;
  readonly maxExpiresAt: string;
  /** The languages the feed publishes in, its default first: every text is asked for in each. */
  readonly languages: readonly string[];
  readonly defaultLocale: string;
  readonly timeZone: string;
}

/** A warning the overview shows, worded by the console from its `kind` and fields. */
export type OverviewWarning =
  | {
      readonly kind: 'notice-period';
      readonly maintenance: string;
      readonly service: string;
      readonly requiredDays: number;
      readonly givenDays: number;
    }
  | {
      readonly kind: 'max-outage';
      readonly maintenance: string;
      readonly service: string;
      readonly maxMinutes: number;
      readonly plannedMinutes: number;
    }
  | {
      readonly kind: 'missing-translation';
      readonly entity: 'incident' | 'maintenance';
      readonly id: string;
      /** The field lacking them: `title`, `message`, `alternatives[0].label`, … */
      readonly field: string;
      readonly languages: readonly string[];
    };

/** One link of a cause chain: the service, and its status then. */
export interface CauseLink {
  readonly service: string;
  readonly status: Status;
}

/** `GET /v1/admin/overview`: what the operator must know now. */
export interface Overview {
  readonly generatedAt: string;
  readonly revision: number;
  readonly services: readonly OverviewService[];
  readonly incidents: readonly OverviewIncident[];
  readonly maintenance: readonly OverviewMaintenance[];
  readonly scheduledAnnouncements: readonly ScheduledAnnouncement[];
  readonly warnings: readonly OverviewWarning[];
}

export interface OverviewService {
  readonly service: Service;
  /** Whether the signed-in authority owns it (may change it). */
  readonly editable: boolean;
  readonly ownStatus: Status;
  /** What users experience: the own status, or worse through a dependency. */
  readonly experiencedStatus: Status;
  /** Why the experienced status is worse than the own one: from this service to the cause. */
  readonly causes: readonly (readonly CauseLink[])[];
}

export interface OverviewIncident {
  readonly incident: Incident;
  readonly editable: boolean;
  /** Opened by monitoring (an alert), not by a person. */
  readonly automatic: boolean;
}

export interface OverviewMaintenance {
  readonly maintenance: Maintenance;
  readonly editable: boolean;
  readonly phase: 'upcoming' | 'running' | 'ended';
}

/** A maintenance announcement the feed will publish at `at` (`/v1/admin/scheduled-announcements`). */
export interface ScheduledAnnouncement {
  readonly id: string;
  readonly at: string;
  readonly authority: string;
  /** The body `POST /v1/admin/maintenance` will get then. */
  readonly maintenance: Readonly<Record<string, unknown>>;
  /** When it was scheduled (ISO 8601). */
  readonly scheduledAt?: string;
  /** Why publishing was refused when its time came: kept and shown, never retried. */
  readonly failure?: {
    readonly at: string;
    readonly message: string;
    readonly problems?: readonly { readonly path: string; readonly message: string }[];
  };
}

/** `POST /v1/admin/preview`: what users would see if the draft were published now. */
export interface PreviewRequest {
  readonly service: string;
  readonly draft:
    | { readonly kind: 'new-incident'; readonly body: unknown }
    | { readonly kind: 'incident-update'; readonly id: string; readonly body: unknown }
    | { readonly kind: 'new-maintenance'; readonly body: unknown }
    | { readonly kind: 'maintenance-change'; readonly id: string; readonly body: unknown };
  /** Show the page as at this time (ISO 8601), e.g. during the planned window; default now. */
  readonly at?: string;
}

export interface PreviewAnswer {
  /** The service's view in each feed language, as its stream would send it. */
  readonly views: Readonly<Record<string, ServiceView>>;
  /**
   * For maintenance: the warnings the write would be accepted with (service levels), with the
   * figures to word them and the feed's own sentence (English, for scripts).
   */
  readonly warnings: readonly (Extract<
    OverviewWarning,
    { kind: 'notice-period' | 'max-outage' }
  > & { readonly message: string })[];
}

/** `GET /v1/admin/services/{id}/maintenance`: earlier windows of a service, newest first. */
export interface EarlierMaintenance {
  readonly maintenance: readonly Maintenance[];
}

/** Texts and alternatives taken over from an earlier window. */
export interface ReusableTexts {
  readonly title: LocalizedText;
  readonly message: LocalizedText;
  readonly alternatives: readonly Alternative[];
  readonly keepsWork?: boolean;
}
