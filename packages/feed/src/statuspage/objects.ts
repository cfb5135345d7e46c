/** Statuspage public API v2 objects, with the field names and order Statuspage uses. */
import type { ComponentStatus, Indicator } from './status-mapping.js';

export interface StatuspagePage {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly time_zone: string;
  /** ISO 8601 with the page time zone's offset. */
  readonly updated_at: string;
}

export interface StatuspageStatus {
  readonly indicator: Indicator;
  readonly description: string;
}

export interface StatuspageComponent {
  readonly id: string;
  readonly name: string;
  readonly status: ComponentStatus;
  readonly created_at: string;
  readonly updated_at: string;
  readonly position: number;
  readonly description: string | null;
  readonly showcase: boolean;
  readonly start_date: string | null;
  readonly group_id: string | null;
  readonly page_id: string;
  readonly group: boolean;
  readonly only_show_if_degraded: boolean;
}

export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';
export type MaintenanceStatus = 'scheduled' | 'in_progress' | 'completed';

export interface StatuspageUpdate<S extends string> {
  readonly id: string;
  readonly status: S;
  readonly body: string;
  readonly incident_id: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly display_at: string;
  readonly affected_components: null;
  readonly deliver_notifications: boolean;
  readonly custom_tweet: null;
  readonly tweet_id: null;
}

export interface StatuspageIncident<S extends string = IncidentStatus> {
  readonly id: string;
  readonly name: string;
  readonly status: S;
  readonly created_at: string;
  readonly updated_at: string;
  readonly monitoring_at: string | null;
  readonly resolved_at: string | null;
  readonly impact: 'none' | 'minor' | 'major' | 'critical' | 'maintenance';
  readonly shortlink: string;
  readonly started_at: string;
  readonly page_id: string;
  readonly incident_updates: readonly StatuspageUpdate<S>[];
  readonly components: readonly StatuspageComponent[];
}

export interface StatuspageMaintenance extends StatuspageIncident<MaintenanceStatus> {
  readonly scheduled_for: string;
  readonly scheduled_until: string;
}
