import {
  epochMs,
  isIncidentActive,
  isMaintenanceInProgress,
  isMaintenanceUpcoming,
} from './active.js';
import { dependencyGraph } from './dependencies.js';
import type { DependencyGraph } from './dependencies.js';
import { effectiveStatus } from './effective-status.js';
import type { EffectiveStatus } from './effective-status.js';
import { noticeVersion } from './notice-version.js';
import type { NoticeSubject } from './notice-version.js';
import { chainOf, Origins, propagate, sortReaches } from './propagation.js';
import type { Reach } from './propagation.js';
import { severity } from './status.js';
import type { Maintenance, Status, StatusDocument, Timestamp } from './types.js';

/**
 * `active`: an open incident or a non-operational own status; `in_progress`: maintenance going
 * on now; `upcoming`: scheduled maintenance that starts within the notice window.
 */
export type NoticePhase = 'active' | 'in_progress' | 'upcoming';

export interface NoticeBase {
  /** `incident:<id>`, `maintenance:<id>` or `status:<serviceId>`; unique in one list. */
  readonly key: string;
  /** Changes when what the user sees changes (`noticeVersion`). */
  readonly version: string;
  readonly phase: NoticePhase;
  /**
   * The effect on the service the notices are for; for upcoming maintenance the effect it will
   * have (`maintenance`, or `degraded` when it comes through an optional dependency).
   */
  readonly status: Status;
  /** `[this service, …, the service the incident, maintenance or status is on]`. */
  readonly chain: readonly string[];
  /** Whether any edge on the chain is an optional dependency. */
  readonly optional: boolean;
  /**
   * Incident: `startedAt`. Maintenance: `actualStart`, else `scheduledStart`. Status: the
   * service's `statusSince`, or `''` when the document does not say (such notices sort after
   * dated ones of the same severity).
   */
  readonly since: Timestamp;
  /** Maintenance only: `scheduledEnd` (in the past while an overrun lasts). */
  readonly until?: Timestamp;
}

export type Notice = NoticeBase & NoticeSubject;

export interface NoticeOptions {
  /** How many days ahead to announce maintenance; overrides the service's `sla.noticePeriodDays`. */
  readonly windowDays?: number;
  /** `effectiveStatus(document, now)`, when the caller already has it. */
  readonly effective?: Readonly<Record<string, EffectiveStatus>>;
}

/** Used when neither the caller nor the service's SLA declaration sets a notice window. */
export const DEFAULT_NOTICE_WINDOW_DAYS = 7;

const DAY_MS = 86_400_000;

function isWindowDays(days: number | undefined): days is number {
  return days !== undefined && Number.isFinite(days) && days >= 0;
}

function firstById<T extends { readonly id: string }>(
  items: readonly T[],
  keep: (item: T) => boolean,
): Map<string, T> {
  const byId = new Map<string, T>();
  for (const item of items) if (keep(item) && !byId.has(item.id)) byId.set(item.id, item);
  return byId;
}

/** What does not depend on the time or the banner's service: built once per document. */
interface Plan {
  readonly graph: DependencyGraph;
  /**
   * Per graph position, each `scheduled` maintenance that will affect the service, by the path
   * that passes on the most (as for causes), worst first. Whether it is upcoming is left to
   * `noticesFor`, which knows the time and the notice window.
   */
  readonly scheduled: readonly (readonly Reach[])[];
  readonly maintenanceById: ReadonlyMap<string, Maintenance>;
}

/**
 * Documents are immutable values everywhere in the model (`applyChange` returns a new one), so
 * a plan can be kept per document object. A feed asking for the notices of every service then
 * walks the dependency graph once, not once per service.
 */
const plans = new WeakMap<StatusDocument, Plan>();

function planOf(document: StatusDocument): Plan {
  const known = plans.get(document);
  if (known !== undefined) return known;
  const graph = dependencyGraph(document);
  const origins = new Origins(graph);
  const isScheduled = (window: Maintenance): boolean => window.state === 'scheduled';
  const maintenanceById = firstById(document.maintenance, isScheduled);
  for (const window of maintenanceById.values()) {
    for (const serviceId of window.services) {
      origins.add('maintenance', window.id, serviceId, 'maintenance', undefined);
    }
  }
  const scheduled = propagate(graph, origins).map(sortReaches);
  const plan: Plan = { graph, scheduled, maintenanceById };
  plans.set(document, plan);
  return plan;
}

const PHASE_RANK: Readonly<Record<NoticePhase, number>> = {
  active: 0,
  in_progress: 0,
  upcoming: 1,
};

/** Instants compared as numbers; a missing or unparsable time sorts last. */
function sinceMs(since: Timestamp): number {
  const ms = Date.parse(since);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

function sortNotices(notices: readonly Notice[]): Notice[] {
  const decorated = notices.map((notice) => ({ notice, since: sinceMs(notice.since) }));
  decorated.sort(
    ({ notice: a, since: sinceA }, { notice: b, since: sinceB }) =>
      PHASE_RANK[a.phase] - PHASE_RANK[b.phase] ||
      severity(b.status) - severity(a.status) ||
      (sinceA < sinceB ? -1 : sinceA > sinceB ? 1 : 0) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return decorated.map(({ notice }) => notice);
}

/**
 * What a banner for `serviceId` should show at `now`, most urgent first:
 *
 * - each open incident affecting it, directly or through dependencies (phase `active`);
 * - each maintenance in progress affecting it, likewise (`in_progress`);
 * - each `scheduled` maintenance on it or on a service it depends on, transitively, that starts
 *   after `now` and within the notice window (`upcoming`). The window is `options.windowDays`,
 *   else the banner service's `sla.noticePeriodDays` (the page decides how far ahead its users
 *   want warning), else `DEFAULT_NOTICE_WINDOW_DAYS`;
 * - a `status` notice for the service itself or a dependency whose own status is a known
 *   non-operational level, unless an open incident or maintenance in progress lists that service
 *   directly (that notice already explains it). `unknown` never makes a notice.
 *
 * One notice per incident or maintenance, even when it arrives along several paths: the path
 * passing on the worst status, then the shortest. Order: active and in progress before upcoming,
 * then severity (worst first), then `since` (earliest first), then key. An unknown `serviceId`
 * gives `[]`. Never throws on a structurally typed document.
 */
export function noticesFor(
  document: StatusDocument,
  serviceId: string,
  now: Date | number,
  options: NoticeOptions = {},
): Notice[] {
  const plan = planOf(document);
  const { services, positions } = plan.graph;
  const position = positions.get(serviceId);
  const service = position === undefined ? undefined : services[position];
  if (position === undefined || service === undefined) return [];
  const nowMs = epochMs(now);

  const precomputed =
    options.effective !== undefined && Object.hasOwn(options.effective, serviceId)
      ? options.effective[serviceId]
      : undefined;
  const effective = precomputed ?? effectiveStatus(document, nowMs)[serviceId];

  const openIncidents = firstById(document.incidents, isIncidentActive);
  const runningMaintenance = firstById(document.maintenance, (window) =>
    isMaintenanceInProgress(window, nowMs),
  );
  const explained = new Set<string>();
  for (const incident of openIncidents.values()) {
    for (const id of incident.services) explained.add(id);
  }
  for (const window of runningMaintenance.values()) {
    for (const id of window.services) explained.add(id);
  }

  const notices: Notice[] = [];
  const seen = new Set<string>();
  /** One notice per key: the first, which is the worst and shortest. */
  const fresh = (key: string): boolean => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };

  // Causes come worst first, then shortest: the first per incident or maintenance is the one.
  for (const cause of effective?.causes ?? []) {
    const { status, chain, optional } = cause;
    switch (cause.kind) {
      case 'incident': {
        const incident = openIncidents.get(cause.incidentId);
        const key = `incident:${cause.incidentId}`;
        if (incident === undefined || !fresh(key)) break;
        notices.push({
          kind: 'incident',
          incident,
          key,
          version: noticeVersion({ kind: 'incident', incident }, 'active'),
          phase: 'active',
          status,
          chain,
          optional,
          since: incident.startedAt,
        });
        break;
      }
      case 'maintenance': {
        const maintenance = runningMaintenance.get(cause.maintenanceId);
        const key = `maintenance:${cause.maintenanceId}`;
        if (maintenance === undefined || !fresh(key)) break;
        notices.push(maintenanceNotice(maintenance, key, 'in_progress', status, chain, optional));
        break;
      }
      case 'own': {
        const originId = chain.at(-1) ?? serviceId;
        const originPosition = positions.get(originId);
        const origin = originPosition === undefined ? undefined : services[originPosition];
        if (origin === undefined || explained.has(originId)) break;
        if (cause.originStatus === 'unknown' || cause.originStatus === 'operational') break;
        const key = `status:${originId}`;
        if (!fresh(key)) break;
        notices.push({
          kind: 'status',
          service: origin,
          key,
          version: noticeVersion({ kind: 'status', service: origin }, 'active'),
          phase: 'active',
          status,
          chain,
          optional,
          since: origin.statusSince ?? '',
        });
        break;
      }
    }
  }

  const windowDays = isWindowDays(options.windowDays)
    ? options.windowDays
    : isWindowDays(service.sla?.noticePeriodDays)
      ? service.sla.noticePeriodDays
      : DEFAULT_NOTICE_WINDOW_DAYS;
  const windowMs = windowDays * DAY_MS;
  for (const reach of plan.scheduled[position] ?? []) {
    const maintenance = plan.maintenanceById.get(reach.origin.id);
    if (maintenance === undefined || !isMaintenanceUpcoming(maintenance, nowMs, windowMs)) continue;
    const key = `maintenance:${maintenance.id}`;
    if (!fresh(key)) continue;
    notices.push(
      maintenanceNotice(maintenance, key, 'upcoming', reach.status, chainOf(reach), reach.optional),
    );
  }

  return sortNotices(notices);
}

function maintenanceNotice(
  maintenance: Maintenance,
  key: string,
  phase: NoticePhase,
  status: Status,
  chain: readonly string[],
  optional: boolean,
): Notice {
  return {
    kind: 'maintenance',
    maintenance,
    key,
    version: noticeVersion({ kind: 'maintenance', maintenance }, phase),
    phase,
    status,
    chain,
    optional,
    since: maintenance.actualStart ?? maintenance.scheduledStart,
    until: maintenance.scheduledEnd,
  };
}
