import { DEFAULT_NOTICE_WINDOW_DAYS } from './notices.js';
import type { StatusDocument } from './types.js';

const DAY_MS = 86_400_000;

/**
 * The next instant after `now` at which what `effectiveStatus` or `noticesFor` says can change
 * without any change to the document: a scheduled maintenance window opens or closes, or enters
 * a service's notice window. `undefined` when nothing is scheduled. Only `scheduled` windows
 * count: the others change state only through a new document.
 */
export function nextTransition(document: StatusDocument, now: number): number | undefined {
  const noticeDays = new Set([DEFAULT_NOTICE_WINDOW_DAYS]);
  for (const service of document.services) {
    if (service.sla?.noticePeriodDays !== undefined) noticeDays.add(service.sla.noticePeriodDays);
  }
  let next: number | undefined;
  for (const window of document.maintenance) {
    if (window.state !== 'scheduled') continue;
    const start = Date.parse(window.scheduledStart);
    const instants = [start, Date.parse(window.scheduledEnd)];
    for (const days of noticeDays) instants.push(start - days * DAY_MS);
    for (const instant of instants) {
      if (instant > now && (next === undefined || instant < next)) next = instant;
    }
  }
  return next;
}
