import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from '../http/http-error.js';

/** The largest access log an operator may upload for planning (plain or gzip, as sent). */
export const MAX_UPLOADED_LOG_BYTES = 256 * 1024 * 1024;

/**
 * Streams an uploaded access log to a private temporary file (never held in memory), runs `use`
 * on it and deletes it afterwards, whatever happens. Over `maxBytes`: 413 without reading on.
 */
export async function withUploadedLog<T>(
  req: IncomingMessage,
  maxBytes: number,
  use: (file: string) => Promise<T>,
): Promise<T> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw tooLarge(maxBytes);
  }
  const dir = await mkdtemp(join(tmpdir(), 'statuskit-upload-'));
  try {
    const file = join(dir, 'access.log');
    let size = 0;
    const bounded = new Transform({
      transform(chunk: Buffer, _encoding, callback: TransformCallback) {
        size += chunk.length;
        if (size > maxBytes) callback(tooLarge(maxBytes));
        else callback(null, chunk);
      },
    });
    try {
      await pipeline(req, bounded, createWriteStream(file, { mode: 0o600 }));
    } catch (error) {
      req.resume();
      throw error;
    }
    if (size === 0) {
      throw new HttpError(400, 'the uploaded access log is empty', [
        { path: 'body', message: 'send an access log (plain or gzip), or use source=configured' },
      ]);
    }
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    `the uploaded access log is over the limit of ${maxBytes / 1024 / 1024} MiB; upload a shorter period, or configure console.accessLogs and use source=configured`,
  );
}
