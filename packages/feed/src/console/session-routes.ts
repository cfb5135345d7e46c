/**
 * `POST|GET|DELETE /v1/admin/session`: the console's sign-in, who is signed in, and sign-out.
 * The token travels only in the POST body: it is never echoed, logged or stored.
 */
import type { IncomingMessage } from 'node:http';
import { feedLanguages, type FeedConfig } from '@statuskit/model';
import { authenticateAdmin, checkOrigin, type AdminAuthDependencies } from '../admin-auth.js';
import { guardedFailure, matchToken } from '../auth.js';
import { NO_TRUSTED_PROXIES } from '../http/client-address.js';
import { readJsonBody } from '../http/body.js';
import { badRequest, HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';
import type { Logger } from '../log.js';
import type { ChangeStore } from '../store/change-store.js';
import type { ConsoleSessions } from './console-sessions.js';
import type { ConsoleSession } from './session-store.js';
import { clearedSessionCookie, overHttps, sessionCookie, sessionSecret } from './session-cookie.js';

export interface SessionRouteDependencies extends AdminAuthDependencies {
  readonly sessions: ConsoleSessions;
  readonly store: ChangeStore;
  readonly log: Logger;
}

const NO_STORE = { 'cache-control': 'no-store' };

export function registerSessionRoutes(router: Router, deps: SessionRouteDependencies): void {
  const { sessions } = deps;
  const secure = (req: IncomingMessage): boolean =>
    overHttps(req, deps.config, deps.proxies ?? NO_TRUSTED_PROXIES);

  router.on('POST', '/v1/admin/session', async ({ req, res }) => {
    // A sign-in from another site would sign the operator in as whoever that site chose.
    checkOrigin(req, deps);
    const token = tokenIn(await readJsonBody(req));
    const match = matchToken(token, deps.config);
    if (!match) {
      throw await guardedFailure(
        req,
        deps.signIns,
        new HttpError(401, 'the admin token is not valid; check it and try again'),
      );
    }
    const { secret, session } = await sessions.start(match.authority);
    deps.log({
      level: 'info',
      msg: 'console session started',
      actor: match.authority,
      session: session.id,
      token: match.token,
    });
    sendJson(res, 201, sessionInfo(session, deps.config, deps.store), {
      ...NO_STORE,
      'set-cookie': sessionCookie(secret, secure(req)),
    });
  });

  router.on('GET', '/v1/admin/session', async ({ req, res }) => {
    const secret = sessionSecret(req);
    if (secret === undefined) {
      throw new HttpError(401, 'not signed in: sign in with an admin token');
    }
    await authenticateAdmin(req, deps, 'read');
    const found = await sessions.find(secret);
    if (found.kind !== 'active') throw new HttpError(401, 'your session ended; sign in again');
    sendJson(res, 200, sessionInfo(found.session, deps.config, deps.store), NO_STORE);
  });

  router.on('DELETE', '/v1/admin/session', async ({ req, res }) => {
    const secret = sessionSecret(req);
    if (secret === undefined) {
      throw new HttpError(401, 'not signed in: there is no session to end');
    }
    const actor = await authenticateAdmin(req, deps, 'write');
    await sessions.end(secret);
    deps.log({
      level: 'info',
      msg: 'console session ended',
      actor: actor.authority,
      session: actor.session,
    });
    res.writeHead(204, { ...NO_STORE, 'set-cookie': clearedSessionCookie(secure(req)) });
    res.end();
  });
}

function tokenIn(body: unknown): string {
  const token =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).token : undefined;
  if (typeof token !== 'string' || token.trim() === '') {
    throw badRequest([
      { path: 'token', message: "must be the authority's admin token (a string)" },
    ]);
  }
  return token.trim();
}

/** The `SessionInfo` of the console's contract (packages/console/src/api/contract.ts). */
function sessionInfo(
  session: ConsoleSession,
  config: FeedConfig,
  store: ChangeStore,
): Record<string, unknown> {
  const authority = config.authorities.find((candidate) => candidate.id === session.authority);
  return {
    authority: session.authority,
    authorityName: authority?.name ?? { [config.defaultLocale]: session.authority },
    session: session.id,
    csrfToken: session.csrfToken,
    expiresAt: new Date(session.idleExpiresAt).toISOString(),
    maxExpiresAt: new Date(session.maxExpiresAt).toISOString(),
    languages: feedLanguages(store.document),
    defaultLocale: config.defaultLocale,
    timeZone: config.timeZone,
  };
}
