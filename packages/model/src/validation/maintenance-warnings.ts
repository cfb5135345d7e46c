/**
 * What a feed accepts but should say out loud about a maintenance window: announced later than
 * a service's declared notice period, or planned longer than its declared maximum single outage.
 * The window is still published; the warnings go back to whoever wrote it.
 */
import type { Maintenance, StatusDocument } from '../types.js';

export interface MaintenanceWarning {
  /** `notice_period` or `max_outage`: stable, for scripts. */
  readonly code: 'notice_period' | 'max_outage';
  /** The field of the window the warning is about. */
  readonly path: string;
  readonly message: string;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Whether the write changed what the declarations judge (new, rescheduled, other services). */
function scheduleChanged(before: Maintenance | undefined, after: Maintenance): boolean {
  return (
    before === undefined ||
    before.scheduledStart !== after.scheduledStart ||
    before.scheduledEnd !== after.scheduledEnd ||
    before.services.join('\n') !== after.services.join('\n')
  );
}

/**
 * Warnings for `after`, the window as a write leaves it (`before` is how it was, `undefined`
 * when new). Only a window still scheduled, and only when the write touched its schedule or
 * services: starting or completing a window does not repeat what was said when it was announced.
 */
export function maintenanceWarnings(
  before: Maintenance | undefined,
  after: Maintenance,
  document: StatusDocument,
  now: Date,
): MaintenanceWarning[] {
  if (after.state !== 'scheduled' || !scheduleChanged(before, after)) return [];
  const start = Date.parse(after.scheduledStart);
  const minutes = (Date.parse(after.scheduledEnd) - start) / MINUTE_MS;
  const lead = start - now.getTime();
  const warnings: MaintenanceWarning[] = [];
  for (const id of after.services) {
    const sla = document.services.find((service) => service.id === id)?.sla;
    const days = sla?.noticePeriodDays;
    if (days !== undefined && lead < days * DAY_MS) {
      const leadDays = Math.max(0, Math.floor((lead / DAY_MS) * 10) / 10);
      warnings.push({
        code: 'notice_period',
        path: 'scheduledStart',
        message:
          `announced ${leadDays} days ahead, but "${id}" declares a notice period of ` +
          `${days} days (sla.noticePeriodDays)`,
      });
    }
    const longest = sla?.maxOutageMinutes;
    if (longest !== undefined && minutes > longest) {
      warnings.push({
        code: 'max_outage',
        path: 'scheduledEnd',
        message:
          `the window lasts ${Math.round(minutes)} minutes, but "${id}" declares a maximum ` +
          `single outage of ${longest} minutes (sla.maxOutageMinutes)`,
      });
    }
  }
  return warnings;
}
