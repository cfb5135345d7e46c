import type { StatusDocument } from '@statuskit/model';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The model's notice window when a service declares none (`noticesFor`). */
const DEFAULT_NOTICE_DAYS = 7;

/**
 * The next instant after `now` at which what a page shows can change without any event: a
 * scheduled maintenance window opens or closes (effective statuses change), or enters a notice
 * window (banners start announcing it). Mirrors `nextTransition` in the feed's status view.
 * `undefined` when nothing is scheduled.
 */
export function nextTransition(document: StatusDocument, now: number): number | undefined {
  const noticeDays = new Set([DEFAULT_NOTICE_DAYS]);
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
