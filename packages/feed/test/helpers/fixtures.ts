import { hashToken } from '../../src/tokens.js';

/** Tokens of the test authorities: the national agency and a municipality-like tax agency. */
export const TOKENS = {
  digst: 'digst-token-0123456789abcdef',
  tax: 'tax-agency-token-0123456789abcdef',
} as const;

/** A small believable catalogue: tax-return ← login ← eid, with optional digital post. */
export function configJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    defaultLocale: 'da',
    timeZone: 'Europe/Copenhagen',
    authorities: [
      {
        id: 'digst',
        name: { da: 'Digitaliseringsstyrelsen', en: 'Agency for Digital Government' },
        tokens: [hashToken(TOKENS.digst)],
      },
      {
        id: 'tax',
        name: { da: 'Skattestyrelsen', en: 'Danish Tax Agency' },
        tokens: [hashToken(TOKENS.tax)],
      },
    ],
    services: [
      { id: 'eid', name: { da: 'MitID', en: 'MitID' }, owner: 'digst' },
      { id: 'login', name: { da: 'Log ind', en: 'Login' }, owner: 'digst', dependsOn: ['eid'] },
      { id: 'digital-post', name: { da: 'Digital Post', en: 'Digital Post' }, owner: 'digst' },
      {
        id: 'tax-return',
        name: { da: 'Selvangivelse', en: 'Tax return' },
        owner: 'tax',
        dependsOn: ['login', { service: 'digital-post', optional: true }],
        sla: { availabilityTarget: 99.5, noticePeriodDays: 5 },
        alternatives: [
          { kind: 'phone', label: { da: 'Ring til os', en: 'Call us' }, href: 'tel:+4572222828' },
        ],
      },
      { id: 'permits', name: { da: 'Byggetilladelse', en: 'Building permit' }, owner: 'tax' },
    ],
    heartbeatSeconds: 15,
    historySize: 1000,
    ...overrides,
  };
}

export const incidentBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  services: ['eid'],
  impact: 'critical',
  title: { da: 'MitID er nede', en: 'MitID is down' },
  message: { da: 'Vi undersøger sagen.', en: 'We are investigating.' },
  ...overrides,
});

export const maintenanceBody = (
  overrides: Record<string, unknown> = {},
): Record<string, unknown> => ({
  services: ['tax-return'],
  title: { da: 'Planlagt vedligeholdelse', en: 'Planned maintenance' },
  message: { da: 'Selvangivelsen er lukket.', en: 'The tax return is closed.' },
  scheduledStart: '2030-03-14T22:00:00+01:00',
  scheduledEnd: '2030-03-15T02:00:00+01:00',
  ...overrides,
});
