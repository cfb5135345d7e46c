import type { ProbeSettings } from '@statuskit/model';

/**
 * A probe for `service` whose checks a test records itself (`feed.probeChecks.record`): it checks
 * once a day, at an address nothing answers, so its runner adds no check while a test runs.
 */
export function recordedProbe(service: string): ProbeSettings {
  return {
    id: service,
    service,
    url: 'http://127.0.0.1:9/health',
    intervalSeconds: 86_400,
    timeoutSeconds: 10,
    expect: { status: [{ from: 200, to: 299 }] },
    failuresBeforeDown: 3,
    successesBeforeUp: 2,
  };
}
