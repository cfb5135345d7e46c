import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON request body. Rejects a wrong content type (415), a body over 64 KiB (413, without
 * reading the rest) and malformed JSON (400).
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const body = await readBodyBytes(req, MAX_BODY_BYTES, 'the limit for one admin request');
  return parseJsonBody(body);
}

/**
 * The raw bytes of a JSON request body: 415 for another content type, 413 (without reading the
 * rest) over `maxBytes`, whose message names `what` the limit is.
 */
export async function readBodyBytes(
  req: IncomingMessage,
  maxBytes: number,
  what: string,
): Promise<Buffer> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'send the body as JSON with "Content-Type: application/json"');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    // Discard the rest so the client can read the 413 instead of a reset connection.
    req.resume();
    throw tooLarge(maxBytes, what);
  }

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.resume();
      throw tooLarge(maxBytes, what);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The body as JSON; 400 when it is not. */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'the body is not valid JSON', [
      { path: '', message: 'must be valid JSON' },
    ]);
  }
}

function tooLarge(maxBytes: number, what: string): HttpError {
  const size = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MiB` : `${maxBytes / 1024} KiB`;
  return new HttpError(413, `the body is larger than ${size}, ${what}`, undefined, {
    connection: 'close',
  });
}
