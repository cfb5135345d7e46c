/**
 * The status document: the one shape the feed serves, the client holds and the elements render.
 * See `shared/DESIGN.md` and this package's README. Everything is plain JSON.
 */

/** BCP 47 language tag → plain text (never HTML), e.g. `{ "da": "Log ind", "en": "Log in" }`. */
export type LocalizedText = Readonly<Record<string, string>>;

/** Known status levels, from best to worst. */
export const STATUS_LEVELS = [
  'operational',
  'degraded',
  'partial_outage',
  'maintenance',
  'major_outage',
] as const;
export type StatusLevel = (typeof STATUS_LEVELS)[number];

/** A status level, or `unknown` when no fresh data exists. */
export type Status = StatusLevel | 'unknown';
export const STATUSES: readonly Status[] = [...STATUS_LEVELS, 'unknown'];

/** Who set a service's own status last (see `Service.statusOrigin`). */
export type StatusOrigin = 'probe' | 'operator';
export const STATUS_ORIGINS: readonly StatusOrigin[] = ['probe', 'operator'];

export const INCIDENT_IMPACTS = ['minor', 'major', 'critical'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

export const INCIDENT_STATES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export const MAINTENANCE_STATES = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export type MaintenanceState = (typeof MAINTENANCE_STATES)[number];

/** Listed in the order users should meet them on every page (WCAG 3.2.6 consistent help). */
export const ALTERNATIVE_KINDS = [
  'phone',
  'in_person',
  'paper',
  'web',
  'email',
  'deadline',
  'other',
] as const;
export type AlternativeKind = (typeof ALTERNATIVE_KINDS)[number];

/** ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`). */
export type Timestamp = string;

/** Another way to finish the task while the service is unavailable. */
export interface Alternative {
  readonly kind: AlternativeKind;
  readonly label: LocalizedText;
  readonly detail?: LocalizedText;
  /** `https:`, `tel:` (E.164 number) or `mailto:` only. */
  readonly href?: string;
  /** Opening hours, e.g. "Mon–Fri 8.00–16.00, closed on public holidays". */
  readonly hours?: LocalizedText;
}

/** Declared service levels (the Danish reform's comparable SLA declaration). */
export interface SlaDeclaration {
  /** Availability target in percent, e.g. 99.5. */
  readonly availabilityTarget: number;
  readonly supportHours?: LocalizedText;
  /** Longest acceptable single outage, in minutes. */
  readonly maxOutageMinutes?: number;
  /** How many days ahead planned work is announced; also the banner's notice window. */
  readonly noticePeriodDays?: number;
}

/** A dependency on another service: a plain id is a required dependency. */
export type DependencyRef = string | { readonly service: string; readonly optional?: boolean };

export interface Service {
  /** Slug: `[a-z0-9][a-z0-9-]{0,63}`. */
  readonly id: string;
  readonly name: LocalizedText;
  /** Id of the authority responsible for this service's status data. */
  readonly owner: string;
  readonly url?: string;
  /** IANA zone for displaying this service's times; defaults to the document's. */
  readonly timeZone?: string;
  readonly dependsOn?: readonly DependencyRef[];
  /** The service's own reported status. */
  readonly status: Status;
  readonly statusMessage?: LocalizedText;
  /** When the own status last changed. */
  readonly statusSince?: Timestamp;
  /**
   * Who set the own status last: `operator` (an admin write; the service's probes then leave it
   * alone until the operator clears it) or `probe` (the feed's own HTTP checks). Absent: the
   * status is the config's, and a probe may take it over.
   */
  readonly statusOrigin?: StatusOrigin;
  readonly sla?: SlaDeclaration;
  readonly alternatives?: readonly Alternative[];
}

export interface IncidentUpdate {
  readonly time: Timestamp;
  readonly state: IncidentState;
  readonly message: LocalizedText;
}

export interface Incident {
  readonly id: string;
  readonly services: readonly string[];
  readonly impact: IncidentImpact;
  readonly title: LocalizedText;
  readonly message: LocalizedText;
  readonly state: IncidentState;
  readonly startedAt: Timestamp;
  readonly resolvedAt?: Timestamp;
  readonly updates: readonly IncidentUpdate[];
  readonly alternatives?: readonly Alternative[];
  /** Whether answers and drafts the user has entered are kept. */
  readonly keepsWork?: boolean;
}

export interface Maintenance {
  readonly id: string;
  readonly services: readonly string[];
  readonly title: LocalizedText;
  readonly message: LocalizedText;
  readonly scheduledStart: Timestamp;
  readonly scheduledEnd: Timestamp;
  readonly announcedAt: Timestamp;
  readonly actualStart?: Timestamp;
  readonly actualEnd?: Timestamp;
  readonly state: MaintenanceState;
  readonly alternatives?: readonly Alternative[];
  /** Whether answers and drafts the user has entered are kept. */
  readonly keepsWork?: boolean;
}

/** An authority responsible for some services (public part: never tokens). */
export interface Authority {
  readonly id: string;
  readonly name: LocalizedText;
}

export interface StatusDocument {
  readonly defaultLocale: string;
  /** IANA zone, e.g. `Europe/Copenhagen`. */
  readonly timeZone: string;
  readonly authorities?: readonly Authority[];
  readonly services: readonly Service[];
  readonly incidents: readonly Incident[];
  readonly maintenance: readonly Maintenance[];
}
