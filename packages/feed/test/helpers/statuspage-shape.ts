import { readFileSync } from 'node:fs';

/** A saved real Statuspage response (see test/fixtures/statuspage/README.md). */
export function statuspageFixture(
  name: 'summary.json' | 'components.json',
): Record<string, unknown> {
  const url = new URL(`../fixtures/statuspage/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * Where `actual` differs in shape from `expected`, a real Statuspage object: missing or extra
 * keys, and values of another JSON type. A `null` on either side matches a string (Statuspage's
 * nullable fields: `resolved_at`, `description`, …). Arrays are compared item by item against
 * the expected array's first item; an empty array on either side says nothing.
 */
export function shapeDifferences(expected: unknown, actual: unknown, path = '$'): string[] {
  const want = kind(expected);
  const got = kind(actual);
  if (want !== got) {
    const nullable =
      (want === 'null' && (got === 'string' || got === 'array')) ||
      (got === 'null' && (want === 'string' || want === 'array'));
    return nullable ? [] : [`${path}: ${got}, expected ${want}`];
  }
  if (want === 'array') {
    const model = (expected as unknown[])[0];
    if (model === undefined) return [];
    return (actual as unknown[]).flatMap((item, index) =>
      shapeDifferences(model, item, `${path}[${index}]`),
    );
  }
  if (want !== 'object') return [];
  const wantObject = expected as Record<string, unknown>;
  const gotObject = actual as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(wantObject)) {
    if (!(key in gotObject)) problems.push(`${path}.${key}: missing`);
    else problems.push(...shapeDifferences(wantObject[key], gotObject[key], `${path}.${key}`));
  }
  for (const key of Object.keys(gotObject)) {
    if (!(key in wantObject)) problems.push(`${path}.${key}: not in Statuspage's object`);
  }
  return problems;
}

/** Statuspage's public API v2 enumerations. */
export const STATUSPAGE_ENUMS = {
  indicator: ['none', 'minor', 'major', 'critical'],
  componentStatus: [
    'operational',
    'degraded_performance',
    'partial_outage',
    'major_outage',
    'under_maintenance',
  ],
  incidentStatus: ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'],
  incidentImpact: ['none', 'minor', 'major', 'critical'],
  maintenanceStatus: ['scheduled', 'in_progress', 'verifying', 'completed'],
} as const;
