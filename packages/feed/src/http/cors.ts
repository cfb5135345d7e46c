import type { IncomingMessage, ServerResponse } from 'node:http';

/** `*` lets any site embed the feed; a list restricts it to those origins. */
export type CorsOrigins = '*' | readonly string[];

const ALLOWED_HEADERS = 'Authorization, Content-Type, If-Match, If-None-Match, Last-Event-ID';
const EXPOSED_HEADERS = 'ETag, Retry-After';

/** Sets CORS headers for the request's origin; returns whether that origin is allowed. */
export function applyCors(
  req: IncomingMessage,
  res: ServerResponse,
  origins: CorsOrigins,
): boolean {
  const origin = req.headers.origin;
  if (origins === '*') {
    res.setHeader('access-control-allow-origin', '*');
  } else {
    res.setHeader('vary', 'Origin');
    if (origin === undefined || !origins.includes(origin)) return origin === undefined;
    res.setHeader('access-control-allow-origin', origin);
  }
  res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  return true;
}

/** Answers a CORS preflight (`OPTIONS`) for a known path. */
export function answerPreflight(res: ServerResponse, allowedMethods: readonly string[]): void {
  res.writeHead(204, {
    'access-control-allow-methods': [...allowedMethods, 'OPTIONS'].join(', '),
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '600',
    'content-length': '0',
  });
  res.end();
}
