import type { IncidentImpact, Status, StatusLevel } from './types.js';

/**
 * Severity for comparison. `unknown` sits between `operational` and `degraded`: without data we
 * cannot claim a service works, but we also do not claim it is broken. So an `unknown` dependency
 * turns an operational service `unknown`, and never makes it look worse than `degraded`.
 */
const SEVERITY: Readonly<Record<Status, number>> = {
  operational: 0,
  unknown: 1,
  degraded: 2,
  partial_outage: 3,
  maintenance: 4,
  major_outage: 5,
};

export function severity(status: Status): number {
  return SEVERITY[status];
}

/** The worse of two statuses. */
export function worse(a: Status, b: Status): Status {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/** Whether `a` is strictly worse than `b`. */
export function isWorse(a: Status, b: Status): boolean {
  return SEVERITY[a] > SEVERITY[b];
}

const IMPACT_STATUS: Readonly<Record<IncidentImpact, StatusLevel>> = {
  minor: 'degraded',
  major: 'partial_outage',
  critical: 'major_outage',
};

export function impactStatus(impact: IncidentImpact): StatusLevel {
  return IMPACT_STATUS[impact];
}

/** What an optional dependency passes on: its status, but never worse than `degraded`. */
export function capOptional(status: Status): Status {
  return isWorse(status, 'degraded') ? 'degraded' : status;
}
