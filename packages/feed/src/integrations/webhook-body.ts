import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/http-error.js';

/**
 * Bytes one alert notification may carry: a group of a thousand alerts with their labels and
 * annotations fits; admin writes keep their own, smaller limit.
 */
export const WEBHOOK_BODY_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The raw JSON body of a webhook: raw, because Grafana signs the bytes as sent. 415 for another
 * content type, 413 (without reading the rest) over the limit.
 */
export async function readWebhookBody(req: IncomingMessage): Promise<Buffer> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'send the body as JSON with "Content-Type: application/json"');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > WEBHOOK_BODY_MAX_BYTES) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > WEBHOOK_BODY_MAX_BYTES) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'the body is not valid JSON', [
      { path: '', message: 'must be valid JSON' },
    ]);
  }
}

function tooLarge(): HttpError {
  return new HttpError(
    413,
    `the body is larger than ${WEBHOOK_BODY_MAX_BYTES / 1024 / 1024} MiB, the limit for one alert notification; set max_alerts in the webhook config`,
    undefined,
    { connection: 'close' },
  );
}
