/**
 * `GET /v1/admin/overview`: what an operator must know now, derived from the live document with
 * the model's derivation (the same effective status and cause chains the views carry).
 */
import {
  effectiveStatus,
  isMaintenanceInProgress,
  type Incident,
  type Maintenance,
  type Service,
  type Status,
  type StatusDocument,
} from '@statuskit/model';
import { overviewWarnings, type OverviewWarning } from './overview-warnings.js';

/** The wire shapes (packages/console/src/api/contract.ts). */
export interface CauseLink {
  readonly service: string;
  readonly status: Status;
}

export interface ScheduledAnnouncement {
  readonly id: string;
  readonly at: string;
  readonly authority: string;
  readonly maintenance: Readonly<Record<string, unknown>>;
}

export interface Overview {
  readonly generatedAt: string;
  readonly revision: number;
  readonly services: readonly {
    readonly service: Service;
    readonly editable: boolean;
    readonly ownStatus: Status;
    readonly experiencedStatus: Status;
    readonly causes: readonly (readonly CauseLink[])[];
  }[];
  readonly incidents: readonly {
    readonly incident: Incident;
    readonly editable: boolean;
    readonly automatic: boolean;
  }[];
  readonly maintenance: readonly {
    readonly maintenance: Maintenance;
    readonly editable: boolean;
    readonly phase: 'upcoming' | 'running' | 'ended';
  }[];
  readonly scheduledAnnouncements: readonly ScheduledAnnouncement[];
  readonly warnings: readonly OverviewWarning[];
}

/** Incidents the alert receivers open carry this prefix (src/integrations/reconcile.ts). */
const AUTOMATIC_PREFIX = 'alert-';
const PHASE_ORDER = { running: 0, upcoming: 1, ended: 2 } as const;

export interface OverviewInput {
  readonly document: StatusDocument;
  readonly revision: number;
  readonly authority: string;
  readonly now: Date;
  readonly scheduledAnnouncements: readonly ScheduledAnnouncement[];
}

export function buildOverview(input: OverviewInput): Overview {
  const { document, authority, now } = input;
  const nowMs = now.getTime();
  const effective = effectiveStatus(document, nowMs);
  const owned = new Set(
    document.services.filter((service) => service.owner === authority).map(({ id }) => id),
  );
  const ownsAll = (ids: readonly string[]): boolean =>
    ids.length > 0 && ids.every((id) => owned.has(id));
  const statusOf = (id: string): Status => effective[id]?.status ?? 'unknown';

  const services = document.services.map((service) => ({
    service,
    editable: owned.has(service.id),
    ownStatus: service.status,
    experiencedStatus: statusOf(service.id),
    // The service's own status is shown as such; every other cause is a chain to explain.
    causes: (effective[service.id]?.causes ?? [])
      .filter((cause) => cause.kind !== 'own' || cause.chain.length > 1)
      .map((cause) =>
        // The first link gets what reaches it, the last the origin's status, those between
        // their own experienced status.
        cause.chain.map((id, at) => ({
          service: id,
          status:
            at === cause.chain.length - 1
              ? cause.originStatus
              : at === 0
                ? cause.status
                : statusOf(id),
        })),
      ),
  }));
  const incidents = document.incidents
    .filter((incident) => incident.state !== 'resolved')
    .map((incident) => ({
      incident,
      editable: ownsAll(incident.services),
      automatic: incident.id.startsWith(AUTOMATIC_PREFIX),
    }));
  const maintenance = document.maintenance
    .map((window) => ({
      maintenance: window,
      editable: ownsAll(window.services),
      phase: phaseOf(window, nowMs),
    }))
    .sort(
      (a, b) =>
        PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] ||
        Date.parse(a.maintenance.scheduledStart) - Date.parse(b.maintenance.scheduledStart),
    );
  return {
    generatedAt: now.toISOString(),
    revision: input.revision,
    services,
    incidents,
    maintenance,
    scheduledAnnouncements: input.scheduledAnnouncements,
    warnings: overviewWarnings(document, nowMs),
  };
}

function phaseOf(window: Maintenance, nowMs: number): 'upcoming' | 'running' | 'ended' {
  if (isMaintenanceInProgress(window, nowMs)) return 'running';
  if (window.state === 'scheduled' && Date.parse(window.scheduledStart) > nowMs) return 'upcoming';
  return 'ended';
}
