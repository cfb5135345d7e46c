/**
 * Grafana's webhook HMAC: `X-Grafana-Alerting-Signature` carries the lowercase hex HMAC-SHA256
 * of the raw body, keyed with the contact point's secret (Grafana 12 and later, "HMAC
 * Signature" in the webhook settings, no timestamp header).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from '../http/http-error.js';

export const GRAFANA_SIGNATURE_HEADER = 'x-grafana-alerting-signature';

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

export function grafanaSignature(body: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** 401 unless the request carries the body's signature under `secret`. */
export function checkGrafanaSignature(
  headers: IncomingHttpHeaders,
  body: Buffer,
  secret: string,
): void {
  const header = headers[GRAFANA_SIGNATURE_HEADER];
  const given = typeof header === 'string' ? header.trim() : undefined;
  if (given === undefined || given === '') {
    throw new HttpError(
      401,
      'send the X-Grafana-Alerting-Signature header: set the same HMAC secret in the contact point as in the feed config (alerts.grafanaSecret)',
    );
  }
  const expected = Buffer.from(grafanaSignature(body, secret), 'hex');
  // Same length before the constant-time compare; a malformed header is simply not valid.
  const valid =
    HEX_SHA256.test(given) && timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), expected);
  if (!valid) {
    throw new HttpError(
      401,
      'the X-Grafana-Alerting-Signature does not match the body: the contact point and the feed config (alerts.grafanaSecret) must have the same HMAC secret',
    );
  }
}
