import type { IncomingMessage } from 'node:http';
import { readBodyBytes } from '../http/body.js';

export { parseJsonBody as parseJson } from '../http/body.js';

/**
 * Bytes one alert notification may carry: a group of a thousand alerts with their labels and
 * annotations fits; admin writes keep their own, smaller limit.
 */
export const WEBHOOK_BODY_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The raw JSON body of a webhook: raw, because Grafana signs the bytes as sent. 415 for another
 * content type, 413 (without reading the rest) over the limit.
 */
export function readWebhookBody(req: IncomingMessage): Promise<Buffer> {
  return readBodyBytes(
    req,
    WEBHOOK_BODY_MAX_BYTES,
    'the limit for one alert notification; set max_alerts in the webhook config',
  );
}
