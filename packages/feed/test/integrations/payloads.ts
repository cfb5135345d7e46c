/** Alert notifications as Alertmanager (webhook payload version 4) and Grafana send them. */

export interface TestAlert {
  readonly status?: 'firing' | 'resolved';
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly fingerprint?: string;
  readonly startsAt?: string;
  readonly endsAt?: string;
}

export const STARTS_AT = '2030-03-10T08:55:00.123456789Z';

/** One alert: MitID down, critical, firing since 08:55. */
export function alert(overrides: TestAlert = {}): Record<string, unknown> {
  const status = overrides.status ?? 'firing';
  return {
    status,
    labels: {
      alertname: 'MitIDDown',
      statuskit_service: 'eid',
      severity: 'critical',
      ...overrides.labels,
    },
    annotations: {
      summary: 'MitID svarer ikke',
      summary_en: 'MitID does not answer',
      description: 'Login med MitID fejler for alle.',
      description_en: 'Logging in with MitID fails for everyone.',
      ...overrides.annotations,
    },
    startsAt: overrides.startsAt ?? STARTS_AT,
    endsAt:
      overrides.endsAt ?? (status === 'firing' ? '0001-01-01T00:00:00Z' : '2030-03-10T08:58:00Z'),
    generatorURL: 'http://prometheus.example/graph?g0.expr=up',
    fingerprint: overrides.fingerprint ?? '3f2a9c1d0b7e6a54',
  };
}

export function alertmanagerPayload(
  alerts: readonly Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const firing = alerts.some((entry) => entry['status'] === 'firing');
  return {
    version: '4',
    groupKey: '{}:{alertname="MitIDDown"}',
    truncatedAlerts: 0,
    status: firing ? 'firing' : 'resolved',
    receiver: 'statuskit',
    groupLabels: { alertname: 'MitIDDown' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    alerts,
    ...extra,
  };
}

/** Grafana's webhook contact point payload (its own fields beside Alertmanager's). */
export function grafanaPayload(
  alerts: readonly Record<string, unknown>[],
): Record<string, unknown> {
  const firing = alerts.some((entry) => entry['status'] === 'firing');
  return {
    receiver: 'statuskit',
    status: firing ? 'firing' : 'resolved',
    orgId: 1,
    alerts: alerts.map((entry) => ({
      ...entry,
      values: { A: 0 },
      silenceURL: 'http://grafana.example/alerting/silence/new',
      dashboardURL: '',
      panelURL: '',
      valueString: "[ var='A' labels={} value=0 ]",
    })),
    groupLabels: { alertname: 'MitIDDown' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://grafana.example/',
    version: '1',
    groupKey: '{}/{}:{alertname="MitIDDown"}',
    truncatedAlerts: 0,
    title: '[FIRING:1] MitIDDown',
    state: firing ? 'alerting' : 'ok',
    message: 'Alert summary',
  };
}
