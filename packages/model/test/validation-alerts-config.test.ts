import { describe, expect, it } from 'vitest';
import { ALERT_DEFAULTS, validateFeedConfig } from '../src/validation/index.js';

const config = (alerts?: unknown): Record<string, unknown> => ({
  defaultLocale: 'da',
  timeZone: 'Europe/Copenhagen',
  authorities: [{ id: 'digst', name: { da: 'Digst' }, tokens: [`sha256:${'a'.repeat(64)}`] }],
  services: [{ id: 'eid', name: { da: 'MitID' }, owner: 'digst' }],
  ...(alerts !== undefined && { alerts }),
});

const problems = (input: unknown): string[] => {
  const result = validateFeedConfig(input);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('alerts settings in the feed config', () => {
  it('are optional; the service label defaults to statuskit_service', () => {
    const result = validateFeedConfig(config());
    expect(result.ok && result.value.alerts).toBeUndefined();
    expect(ALERT_DEFAULTS.serviceLabel).toBe('statuskit_service');
  });

  it('keep a configured label and Grafana secret', () => {
    const result = validateFeedConfig(
      config({ serviceLabel: 'service', grafanaSecret: 'a-long-shared-secret-0123' }),
    );
    expect(result.ok && result.value.alerts).toEqual({
      serviceLabel: 'service',
      grafanaSecret: 'a-long-shared-secret-0123',
    });
  });

  it('fill in the label when only a secret is given', () => {
    const result = validateFeedConfig(config({ grafanaSecret: 'a-long-shared-secret-0123' }));
    expect(result.ok && result.value.alerts?.serviceLabel).toBe('statuskit_service');
  });

  it('name the field and the reason for a bad label, a short secret and unknown keys', () => {
    expect(problems(config({ serviceLabel: 'statuskit-service' }))).toEqual([
      'alerts.serviceLabel: "statuskit-service" is not a Prometheus label name: use letters, digits and underscores, not starting with a digit',
    ]);
    expect(problems(config({ grafanaSecret: 'short' }))).toEqual([
      'alerts.grafanaSecret: must be at least 16 characters (a long random string; Grafana signs each request with it)',
    ]);
    expect(problems(config({ serviceLable: 'x' }))[0]).toMatch(/^alerts\.serviceLable: /);
    expect(problems(config('yes'))).toEqual(['alerts: must be an object']);
  });
});
