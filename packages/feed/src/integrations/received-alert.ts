/**
 * One alert as Alertmanager (webhook payload version 4) and Grafana (webhook contact point) send
 * it, read from an untrusted body. Both put the same fields on each entry of `alerts[]`; fields
 * this reader does not know are ignored, so newer senders keep working.
 */
import type { ValidationIssue } from '@statuskit/model';
import { badRequest } from '../http/http-error.js';

export type AlertSource = 'alertmanager' | 'grafana';

export interface ReceivedAlert {
  /** Where the alert is in the payload (`alerts[2]`), for error messages. */
  readonly path: string;
  readonly firing: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Lowercase hex: the sender's identity of the alert across notifications. */
  readonly fingerprint: string;
  readonly startsAt: Date;
  /** When a resolved alert stopped firing; absent on firing alerts. */
  readonly endsAt?: Date;
}

/** Far more than one group should hold; Alertmanager's `max_alerts` can cap what it sends. */
export const MAX_ALERTS_PER_REQUEST = 2000;

const FINGERPRINT = /^[0-9a-fA-F]{1,32}$/;

/** Go's zero time, which Alertmanager sends as `endsAt` of an alert without an end. */
const ZERO_TIME_BEFORE = Date.UTC(1970, 0, 1);

/** Per-alert status; Grafana's group state names (`alerting`, `ok`) are accepted too. */
const STATUSES: Readonly<Record<string, boolean>> = {
  firing: true,
  alerting: true,
  resolved: false,
  ok: false,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `alerts[]`; 400 naming every malformed field, so nothing is written for such a body. */
export function readAlerts(body: unknown, source: AlertSource): ReceivedAlert[] {
  const issues: ValidationIssue[] = [];
  if (!isRecord(body)) throw badRequest([{ path: '', message: 'must be a JSON object' }]);
  if (source === 'alertmanager') checkVersion(body['version'], issues);
  const alerts = body['alerts'];
  if (!Array.isArray(alerts)) {
    throw badRequest([{ path: 'alerts', message: 'must be an array of alerts' }]);
  }
  if (alerts.length > MAX_ALERTS_PER_REQUEST) {
    throw badRequest([
      {
        path: 'alerts',
        message: `has ${alerts.length} alerts, over the ${MAX_ALERTS_PER_REQUEST} one request may carry; set max_alerts in the webhook config`,
      },
    ]);
  }
  const read = (alerts as readonly unknown[]).flatMap((entry, index) => {
    const alert = readAlert(entry, `alerts[${index}]`, issues);
    return alert ? [alert] : [];
  });
  if (issues.length > 0) throw badRequest(issues);
  return read;
}

function checkVersion(version: unknown, issues: ValidationIssue[]): void {
  if (version === undefined) return;
  const number = typeof version === 'string' ? Number(version) : Number.NaN;
  if (Number.isFinite(number) && number >= 4) return;
  issues.push({
    path: 'version',
    message: `${JSON.stringify(version)} is not a webhook payload version this feed reads: it needs "4" or newer (Alertmanager 0.16 and later)`,
  });
}

function readAlert(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): ReceivedAlert | undefined {
  if (!isRecord(value)) {
    issues.push({ path, message: 'must be an object' });
    return undefined;
  }
  const before = issues.length;
  const status = value['status'];
  const firing = typeof status === 'string' ? STATUSES[status] : undefined;
  if (firing === undefined) {
    issues.push({ path: `${path}.status`, message: 'must be "firing" or "resolved"' });
  }
  const labels = stringMap(value['labels'], `${path}.labels`, issues, true);
  const annotations = stringMap(value['annotations'], `${path}.annotations`, issues, false);
  const fingerprint = value['fingerprint'];
  if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) {
    issues.push({
      path: `${path}.fingerprint`,
      message: 'must be the alert fingerprint: 1 to 32 hex digits',
    });
  }
  const startsAt = time(value['startsAt'], `${path}.startsAt`, issues, true);
  const endsAt = time(value['endsAt'], `${path}.endsAt`, issues, false);
  if (issues.length > before || firing === undefined || !labels || !annotations || !startsAt) {
    return undefined;
  }
  return {
    path,
    firing,
    labels,
    annotations,
    fingerprint: (fingerprint as string).toLowerCase(),
    startsAt,
    ...(!firing && endsAt && { endsAt }),
  };
}

function stringMap(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
  required: boolean,
): Record<string, string> | undefined {
  if (value === undefined && !required) return {};
  if (!isRecord(value)) {
    issues.push({ path, message: 'must be an object of names to text' });
    return undefined;
  }
  const map: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') map[key] = entry;
    else issues.push({ path: `${path}.${key}`, message: 'must be a string' });
  }
  return map;
}

function time(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
  required: boolean,
): Date | undefined {
  if (value === undefined && !required) return undefined;
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    issues.push({ path, message: 'must be an RFC 3339 time, e.g. "2026-03-14T09:30:00Z"' });
    return undefined;
  }
  if (ms < ZERO_TIME_BEFORE) {
    if (!required) return undefined;
    issues.push({ path, message: 'must be a real time, not the zero time' });
    return undefined;
  }
  return new Date(ms);
}
