import type { IncomingMessage, ServerResponse } from 'node:http';

/** `*` lets any site embed the feed; a list restricts it to those origins. */
export type CorsOrigins = '*' | readonly string[];

const ALLOWED_HEADERS = 'Authorization, Content-Type, If-Match, If-None-Match, Last-Event-ID';
/** Admin requests may carry a console session's CSRF token too. */
const ADMIN_ALLOWED_HEADERS = `${ALLOWED_HEADERS}, X-CSRF-Token`;

/**
 * The admin API and the other write routes (alert receivers): their CORS policy is
 * `cors.adminOrigins` alone, never the public `cors.origins`.
 */
export function isAdminPath(path: string): boolean {
  return path.startsWith('/v1/admin/') || path.startsWith('/v1/integrations/');
}

/**
 * CORS for an admin path: no `Origin` (scripts) and the feed's own origin (the console) pass
 * without CORS headers; a listed admin origin gets them; any other origin is refused (false),
 * and gets no `Access-Control-Allow-*` header at all.
 */
export function applyAdminCors(
  req: IncomingMessage,
  res: ServerResponse,
  adminOrigins: readonly string[],
  ownOrigins: readonly string[],
): boolean {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin');
  if (origin === undefined) return true;
  if (adminOrigins.includes(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    return true;
  }
  return ownOrigins.includes(origin.toLowerCase());
}
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
export function answerPreflight(
  res: ServerResponse,
  allowedMethods: readonly string[],
  admin = false,
): void {
  res.writeHead(204, {
    'access-control-allow-methods': [...allowedMethods, 'OPTIONS'].join(', '),
    'access-control-allow-headers': admin ? ADMIN_ALLOWED_HEADERS : ALLOWED_HEADERS,
    'access-control-max-age': '600',
    'content-length': '0',
  });
  res.end();
}
