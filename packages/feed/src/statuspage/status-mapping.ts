/**
 * Our status levels in Statuspage's public API v2 vocabulary. Statuspage has no `unknown`: a
 * service without fresh data is shown as `degraded_performance` (the mildest status that does
 * not claim it works), matching the model, where `unknown` ranks just below `degraded`.
 * Statuspage's page indicator has four values; our `maintenance` (worse than a partial outage)
 * becomes `major`.
 */
import { severity, type Status } from '@statuskit/model';

export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export type Indicator = 'none' | 'minor' | 'major' | 'critical';

const COMPONENT_STATUS: Readonly<Record<Status, ComponentStatus>> = {
  operational: 'operational',
  unknown: 'degraded_performance',
  degraded: 'degraded_performance',
  partial_outage: 'partial_outage',
  maintenance: 'under_maintenance',
  major_outage: 'major_outage',
};

/** Statuspage's own descriptions where one exists, so tools that show them read naturally. */
const PAGE_STATUS: Readonly<Record<Status, { indicator: Indicator; description: string }>> = {
  operational: { indicator: 'none', description: 'All Systems Operational' },
  unknown: { indicator: 'minor', description: 'Status Unknown' },
  degraded: { indicator: 'minor', description: 'Partially Degraded Service' },
  partial_outage: { indicator: 'major', description: 'Partial System Outage' },
  maintenance: { indicator: 'major', description: 'Service Under Maintenance' },
  major_outage: { indicator: 'critical', description: 'Major System Outage' },
};

export function componentStatus(status: Status): ComponentStatus {
  return COMPONENT_STATUS[status];
}

/** The page's `status` object: from the worst experienced status of all services. */
export function pageStatus(statuses: Iterable<Status>): {
  indicator: Indicator;
  description: string;
} {
  let worst: Status = 'operational';
  for (const status of statuses) if (severity(status) > severity(worst)) worst = status;
  return { ...PAGE_STATUS[worst] };
}

/** The way back, for `import-statuspage`. */
export const STATUS_OF_COMPONENT: Readonly<Record<ComponentStatus, Status>> = {
  operational: 'operational',
  degraded_performance: 'degraded',
  partial_outage: 'partial_outage',
  major_outage: 'major_outage',
  under_maintenance: 'maintenance',
};
