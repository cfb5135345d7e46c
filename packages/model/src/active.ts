import type { Incident, Maintenance } from './types.js';

/** Milliseconds since the epoch; the model's functions accept either form of "now". */
export function epochMs(now: Date | number): number {
  return typeof now === 'number' ? now : now.getTime();
}

/** An incident is open, and affects its services, until it is resolved. */
export function isIncidentActive(incident: Incident): boolean {
  return incident.state !== 'resolved';
}

/**
 * Whether maintenance affects its services at `nowMs`: it has been started (`in_progress`, even
 * past `scheduledEnd`: an overrun), or it is `scheduled` and `scheduledStart <= now <
 * scheduledEnd` (an announced window counts even if nobody pressed start). `completed` and
 * `cancelled` never count.
 *
 * Times are compared as instants, never as strings: `2026-10-25T02:30:00+02:00` is before
 * `2026-10-25T02:15:00+01:00`, which matters on daylight-saving nights. An unparsable time makes
 * a `scheduled` window not count.
 */
export function isMaintenanceInProgress(maintenance: Maintenance, nowMs: number): boolean {
  if (maintenance.state === 'in_progress') return true;
  if (maintenance.state !== 'scheduled') return false;
  return (
    Date.parse(maintenance.scheduledStart) <= nowMs && nowMs < Date.parse(maintenance.scheduledEnd)
  );
}

/**
 * Whether `scheduled` maintenance has not started yet at `nowMs` but starts within `windowMs`
 * (inclusive): the period in which users should be warned of it.
 */
export function isMaintenanceUpcoming(
  maintenance: Maintenance,
  nowMs: number,
  windowMs: number,
): boolean {
  if (maintenance.state !== 'scheduled') return false;
  const start = Date.parse(maintenance.scheduledStart);
  return start > nowMs && start - nowMs <= windowMs;
}
