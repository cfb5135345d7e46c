/**
 * What the overview warns of (issue #14): a window announced inside a service's notice period,
 * one longer than its declared maximum single outage (the SLA fields `maintenanceWarnings`
 * checks on writes), and a published text lacking one of the languages the feed publishes in.
 */
import {
  feedLanguages,
  type Alternative,
  type Incident,
  type LocalizedText,
  type Maintenance,
  type StatusDocument,
} from '@statuskit/model';

/** The wire shape (packages/console/src/api/contract.ts, `OverviewWarning`). */
export type OverviewWarning =
  | {
      readonly kind: 'notice-period';
      readonly maintenance: string;
      readonly service: string;
      readonly requiredDays: number;
      readonly givenDays: number;
    }
  | {
      readonly kind: 'max-outage';
      readonly maintenance: string;
      readonly service: string;
      readonly maxMinutes: number;
      readonly plannedMinutes: number;
    }
  | {
      readonly kind: 'missing-translation';
      readonly entity: 'incident' | 'maintenance';
      readonly id: string;
      readonly field: string;
      readonly languages: readonly string[];
    };

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Windows still ahead or running: the ones whose service levels can still be kept. */
function stillPlanned(window: Maintenance, nowMs: number): boolean {
  if (window.state === 'in_progress') return true;
  return window.state === 'scheduled' && Date.parse(window.scheduledEnd) > nowMs;
}

function serviceLevelWarnings(document: StatusDocument, nowMs: number): OverviewWarning[] {
  return document.maintenance
    .filter((window) => stillPlanned(window, nowMs))
    .flatMap((window) => windowServiceLevelWarnings(window, document));
}

/** A window that misses a service's declared notice period or maximum single outage. */
export type ServiceLevelWarning = Extract<
  OverviewWarning,
  { kind: 'notice-period' | 'max-outage' }
>;

/** How one window measures up to the service levels of each of its services. */
export function windowServiceLevelWarnings(
  window: Maintenance,
  document: StatusDocument,
): ServiceLevelWarning[] {
  const warnings: ServiceLevelWarning[] = [];
  const start = Date.parse(window.scheduledStart);
  const plannedMinutes = Math.round((Date.parse(window.scheduledEnd) - start) / MINUTE_MS);
  // As `maintenanceWarnings` words it: whole tenths of a day, never below zero.
  const givenDays = Math.max(
    0,
    Math.floor(((start - Date.parse(window.announcedAt)) / DAY_MS) * 10) / 10,
  );
  for (const id of window.services) {
    const sla = document.services.find((service) => service.id === id)?.sla;
    const requiredDays = sla?.noticePeriodDays;
    if (requiredDays !== undefined && window.state === 'scheduled' && givenDays < requiredDays) {
      warnings.push({
        kind: 'notice-period',
        maintenance: window.id,
        service: id,
        requiredDays,
        givenDays,
      });
    }
    const maxMinutes = sla?.maxOutageMinutes;
    if (maxMinutes !== undefined && plannedMinutes > maxMinutes) {
      warnings.push({
        kind: 'max-outage',
        maintenance: window.id,
        service: id,
        maxMinutes,
        plannedMinutes,
      });
    }
  }
  return warnings;
}

/** The published texts of an incident or window, by field path. */
function textsOf(entity: Incident | Maintenance): [string, LocalizedText | undefined][] {
  const texts: [string, LocalizedText | undefined][] = [
    ['title', entity.title],
    ['message', entity.message],
  ];
  if ('updates' in entity) {
    entity.updates.forEach((update, index) => {
      texts.push([`updates[${index}].message`, update.message]);
    });
  }
  (entity.alternatives ?? []).forEach((alternative: Alternative, index) => {
    texts.push([`alternatives[${index}].label`, alternative.label]);
    texts.push([`alternatives[${index}].detail`, alternative.detail]);
    texts.push([`alternatives[${index}].hours`, alternative.hours]);
  });
  return texts;
}

function translationWarnings(document: StatusDocument): OverviewWarning[] {
  const languages = feedLanguages(document);
  const warnings: OverviewWarning[] = [];
  const check = (entity: 'incident' | 'maintenance', item: Incident | Maintenance): void => {
    for (const [field, text] of textsOf(item)) {
      // An optional text left out is not missing; one given in some languages only is.
      if (text === undefined || Object.keys(text).length === 0) continue;
      const missing = languages.filter((language) => !text[language]?.trim());
      if (missing.length > 0) {
        warnings.push({
          kind: 'missing-translation',
          entity,
          id: item.id,
          field,
          languages: missing,
        });
      }
    }
  };
  for (const incident of document.incidents) {
    if (incident.state !== 'resolved') check('incident', incident);
  }
  for (const window of document.maintenance) {
    if (window.state === 'scheduled' || window.state === 'in_progress')
      check('maintenance', window);
  }
  return warnings;
}

/** Every warning for the document at `nowMs`: service levels first, then translations. */
export function overviewWarnings(document: StatusDocument, nowMs: number): OverviewWarning[] {
  return [...serviceLevelWarnings(document, nowMs), ...translationWarnings(document)];
}
