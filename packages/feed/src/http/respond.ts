import type { ServerResponse } from 'node:http';
import type { HttpError } from './http-error.js';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
    ...headers,
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  const body = error.errors
    ? { error: error.message, errors: error.errors }
    : { error: error.message };
  sendJson(res, error.status, body, { 'cache-control': 'no-store', ...error.headers });
}
