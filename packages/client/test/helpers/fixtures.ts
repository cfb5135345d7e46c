import { hashToken } from '@statuskit/feed';

/** Admin tokens of the test authorities. */
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
      { id: 'digst', name: { da: 'Digitaliseringsstyrelsen' }, tokens: [hashToken(TOKENS.digst)] },
      { id: 'tax', name: { da: 'Skattestyrelsen' }, tokens: [hashToken(TOKENS.tax)] },
    ],
    services: [
      { id: 'eid', name: { da: 'MitID', en: 'MitID' }, owner: 'digst' },
      { id: 'login', name: { da: 'Log ind', en: 'Login' }, owner: 'digst', dependsOn: ['eid'] },
      { id: 'digital-post', name: { da: 'Digital Post' }, owner: 'digst' },
      {
        id: 'tax-return',
        name: { da: 'Selvangivelse', en: 'Tax return' },
        owner: 'tax',
        dependsOn: ['login', { service: 'digital-post', optional: true }],
      },
      { id: 'permits', name: { da: 'Byggetilladelse' }, owner: 'tax' },
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
