import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON request body. Rejects a wrong content type (415), a body over 64 KiB (413, without
 * reading the rest) and malformed JSON (400).
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'send the body as JSON with "Content-Type: application/json"');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    // Discard the rest so the client can read the 413 instead of a reset connection.
    req.resume();
    throw tooLarge();
  }

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'the body is not valid JSON', [
      { path: '', message: 'must be valid JSON' },
    ]);
  }
}

function tooLarge(): HttpError {
  return new HttpError(
    413,
    `the body is larger than ${MAX_BODY_BYTES / 1024} KiB, the limit for one admin request`,
    undefined,
    {
      connection: 'close',
    },
  );
}
