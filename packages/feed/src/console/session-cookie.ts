/** The console's session cookie: only ever sent to the admin API, never readable by script. */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { FeedConfig } from '@statuskit/model';
import type { TrustedProxies } from '../http/client-address.js';

export const SESSION_COOKIE = 'statuskit_session';
const COOKIE_PATH = '/v1/admin';

/** The session secret the request's cookie carries, if any. */
export function sessionSecret(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.split('=');
    if (name?.trim() === SESSION_COOKIE) {
      const secret = value.join('=').trim();
      if (secret !== '') return secret;
    }
  }
  return undefined;
}

/**
 * Whether the operator reached the feed over https: TLS on this socket, a trusted proxy that
 * says so (`X-Forwarded-Proto: https`), or a `publicUrl` that is https.
 */
export function overHttps(
  req: IncomingMessage,
  config: FeedConfig,
  proxies: TrustedProxies,
): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted === true) return true;
  if (config.publicUrl?.startsWith('https:') === true) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return proto === 'https' && proxies.trusts(req.socket.remoteAddress ?? '');
}

/** `Set-Cookie` for a new session (a browser-session cookie: gone when the browser closes). */
export function sessionCookie(secret: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${secret}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** `Set-Cookie` that makes the browser forget the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=${COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/**
 * The feed's own origins for this request: the one it was reached at (`Host`, with the scheme
 * `overHttps` finds) and `publicUrl`'s. A console write from any other origin is refused.
 */
export function ownOrigins(req: IncomingMessage, config: FeedConfig, secure: boolean): string[] {
  const origins: string[] = [];
  const host = req.headers.host;
  if (host !== undefined) origins.push(`${secure ? 'https' : 'http'}://${host.toLowerCase()}`);
  if (config.publicUrl !== undefined) origins.push(new URL(config.publicUrl).origin);
  return origins;
}
