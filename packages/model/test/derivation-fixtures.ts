// Small builders for hand-made documents in the derivation tests (effective status, notices).
import type { Incident, Maintenance, Service, StatusDocument } from '../src/types.js';

/** A fixed "now" for tests that do not care about time: Monday 4 May 2026, 12.00 in Copenhagen. */
export const NOW = Date.parse('2026-05-04T10:00:00Z');

const HOUR_MS = 3_600_000;

/** `NOW` plus `hours`, as an ISO timestamp with `Z`. */
export function at(hours: number): string {
  return new Date(NOW + hours * HOUR_MS).toISOString();
}

export function service(id: string, fields: Partial<Omit<Service, 'id'>> = {}): Service {
  return { id, name: { en: id }, owner: 'agency', status: 'operational', ...fields };
}

export function incident(
  id: string,
  services: readonly string[],
  fields: Partial<Omit<Incident, 'id' | 'services'>> = {},
): Incident {
  return {
    id,
    services,
    impact: 'critical',
    title: { en: `Incident ${id}` },
    message: { en: 'We are looking into it.' },
    state: 'investigating',
    startedAt: at(-1),
    updates: [],
    ...fields,
  };
}

export function maintenance(
  id: string,
  services: readonly string[],
  fields: Partial<Omit<Maintenance, 'id' | 'services'>> = {},
): Maintenance {
  return {
    id,
    services,
    title: { en: `Maintenance ${id}` },
    message: { en: 'Planned work.' },
    scheduledStart: at(-1),
    scheduledEnd: at(1),
    announcedAt: at(-24 * 14),
    state: 'scheduled',
    ...fields,
  };
}

export function documentOf(parts: Partial<StatusDocument> = {}): StatusDocument {
  return {
    defaultLocale: 'da',
    timeZone: 'Europe/Copenhagen',
    services: [],
    incidents: [],
    maintenance: [],
    ...parts,
  };
}
