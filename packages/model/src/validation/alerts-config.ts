/**
 * The `alerts` group of the feed config: how alerts from Alertmanager and Grafana name the
 * service they concern, and the secret Grafana signs its webhook requests with.
 */
import { string } from './primitives.js';
import { definedOnly, quote, readObject, type Reader } from './reader.js';

export interface AlertSettings {
  /** The alert label whose value is a service id (default `statuskit_service`). */
  readonly serviceLabel: string;
  /**
   * Grafana's HMAC secret: when set, a request to `/v1/integrations/grafana` needs a valid
   * `X-Grafana-Alerting-Signature`. Kept in clear text, since the feed must compute the HMAC.
   */
  readonly grafanaSecret?: string;
}

export const ALERT_DEFAULTS = { serviceLabel: 'statuskit_service' } as const;

/** Shorter secrets can be guessed offline from one signed request. */
const SECRET_MIN = 16;

// https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const labelName: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined || LABEL_NAME.test(text)) return text;
  issues.push({
    path,
    message: `${quote(text)} is not a Prometheus label name: use letters, digits and underscores, not starting with a digit`,
  });
  return undefined;
};

const secret: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined || text.length >= SECRET_MIN) return text;
  issues.push({
    path,
    message: `must be at least ${SECRET_MIN} characters (a long random string; Grafana signs each request with it)`,
  });
  return undefined;
};

export const alertSettings: Reader<AlertSettings> = (value, path, issues) =>
  readObject(value, path, issues, (fields) => ({
    serviceLabel: fields.optional('serviceLabel', labelName) ?? ALERT_DEFAULTS.serviceLabel,
    ...definedOnly({ grafanaSecret: fields.optional('grafanaSecret', secret) }),
  }));
