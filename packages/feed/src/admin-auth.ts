/**
 * Who is making an admin request: the contract every admin route authenticates through. A bearer
 * token (scripts, pipelines), else the console's session cookie, whose writes must also carry the
 * session's CSRF token and come from the feed's own origin.
 */
import type { IncomingMessage } from 'node:http';
import type { FeedConfig } from '@statuskit/model';
import { authenticateTokenGuarded } from './auth.js';
import { csrfMatches, type ConsoleSessions } from './console/console-sessions.js';
import { overHttps, ownOrigins, sessionSecret } from './console/session-cookie.js';
import { NO_TRUSTED_PROXIES, type TrustedProxies } from './http/client-address.js';
import { HttpError } from './http/http-error.js';
import type { SignInGuard } from './sign-in-guard.js';

/** The authority behind a request, and the credential it used (recorded with every write). */
export interface AdminActor {
  readonly authority: string;
  /** The console session's public id (`s_…`), when the request came from a session. */
  readonly session?: string;
  /** Which of the authority's tokens, by the start of its stored hash, for bearer requests. */
  readonly token?: string;
}

export interface AdminAuthDependencies {
  readonly config: FeedConfig;
  readonly signIns: SignInGuard;
  /** The console's sessions; absent when the feed runs without `--console` (bearer only). */
  readonly sessions?: ConsoleSessions | undefined;
  /** Proxies whose `X-Forwarded-Proto` is believed (for the feed's own origin). */
  readonly proxies?: TrustedProxies | undefined;
}

/** `read` needs a valid credential; `write` needs the session's CSRF token too. */
export type AdminPurpose = 'read' | 'write';

/** The actor of an admin request, or an `HttpError` (401, 403, 429) saying why not. */
export async function authenticateAdmin(
  req: IncomingMessage,
  deps: AdminAuthDependencies,
  purpose: AdminPurpose,
): Promise<AdminActor> {
  const secret = sessionSecret(req);
  if (req.headers.authorization === undefined && secret !== undefined && deps.sessions) {
    return authenticateSession(req, deps, deps.sessions, secret, purpose);
  }
  return authenticateTokenGuarded(req, deps.config, deps.signIns);
}

async function authenticateSession(
  req: IncomingMessage,
  deps: AdminAuthDependencies,
  sessions: ConsoleSessions,
  secret: string,
  purpose: AdminPurpose,
): Promise<AdminActor> {
  const found = await sessions.find(secret);
  if (found.kind === 'unknown') {
    throw new HttpError(
      401,
      'your session is not known (you signed out, or the feed restarted); sign in again',
    );
  }
  if (found.kind === 'expired') {
    throw new HttpError(401, `your session expired at ${found.at.toISOString()}; sign in again`);
  }
  const { session } = found;
  if (purpose === 'write') {
    checkOrigin(req, deps);
    const given = req.headers['x-csrf-token'];
    if (typeof given !== 'string' || given === '') {
      throw new HttpError(
        403,
        "this write has no CSRF token: send the session's csrfToken as X-CSRF-Token",
      );
    }
    if (!csrfMatches(session, given)) {
      throw new HttpError(
        403,
        "the X-CSRF-Token is not this session's csrfToken; reload the console (or sign in again)",
      );
    }
  }
  await sessions.touch(secret, session);
  return { authority: session.authority, session: session.id };
}

/**
 * A session write from another origin is refused even with the CSRF token: the console is served
 * by the feed itself, so its writes always come from the feed's own origin (when sent at all).
 */
export function checkOrigin(req: IncomingMessage, deps: AdminAuthDependencies): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const secure = overHttps(req, deps.config, deps.proxies ?? NO_TRUSTED_PROXIES);
  const own = ownOrigins(req, deps.config, secure);
  if (!own.includes(origin.toLowerCase())) {
    throw new HttpError(
      403,
      `this write came from origin ${origin}, not the feed's own (${own.join(' or ')}); the console's writes are accepted only from the feed's origin`,
    );
  }
}

/** The credential fields `storeChange` records with a write by `actor`. */
export function credentialOf(actor: AdminActor): { session?: string; token?: string } {
  return {
    ...(actor.session !== undefined && { session: actor.session }),
    ...(actor.token !== undefined && { token: actor.token }),
  };
}
