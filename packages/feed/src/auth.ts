import type { IncomingMessage } from 'node:http';
import type { FeedConfig, StatusDocument } from '@statuskit/model';
import { HttpError } from './http/http-error.js';
import type { SignInGuard } from './sign-in-guard.js';
import { tokenMatches } from './tokens.js';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="statuskit"' };

/** An authority's token that matched, by the start of its stored hash (for the journal). */
export interface TokenMatch {
  readonly authority: string;
  /** The first 12 hex digits of the matching stored hash: names the token, cannot be used. */
  readonly token: string;
}

/** The authority whose token the request carries; 401 without a valid one. */
export function authenticate(req: IncomingMessage, config: FeedConfig): string {
  return authenticateToken(req, config).authority;
}

/** `authenticate`, saying which of the authority's tokens matched. */
export function authenticateToken(req: IncomingMessage, config: FeedConfig): TokenMatch {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw new HttpError(
      401,
      'send an admin token as "Authorization: Bearer <token>"',
      undefined,
      CHALLENGE,
    );
  }
  const found = matchToken(match[1], config);
  if (found === undefined)
    throw new HttpError(401, 'the admin token is not valid', undefined, CHALLENGE);
  return found;
}

/** The authority `token` belongs to, or `undefined`. */
export function matchToken(token: string, config: FeedConfig): TokenMatch | undefined {
  // Check every hash, even after a match, so timing does not reveal which authority matched.
  let found: TokenMatch | undefined;
  for (const authority of config.authorities) {
    for (const hash of authority.tokens) {
      if (tokenMatches(token, hash)) found ??= { authority: authority.id, token: hashPrefix(hash) };
    }
  }
  return found;
}

function hashPrefix(storedHash: string): string {
  return storedHash.slice(storedHash.indexOf(':') + 1, storedHash.indexOf(':') + 13);
}

/** 403 unless `authority` owns every named service. */
export function requireOwnership(
  document: StatusDocument,
  authority: string,
  serviceIds: readonly string[],
): void {
  for (const id of serviceIds) {
    const service = document.services.find((candidate) => candidate.id === id);
    if (service && service.owner !== authority) {
      throw new HttpError(
        403,
        `authority "${authority}" may not change service "${id}" (owned by "${service.owner}")`,
      );
    }
  }
}

/**
 * `authenticate`, with every failure (401) reported to the guard: counted, logged, and answered
 * late (or 429) when the address keeps failing. A valid token is never held back.
 */
export async function authenticateGuarded(
  req: IncomingMessage,
  config: FeedConfig,
  guard: SignInGuard,
): Promise<string> {
  return (await authenticateTokenGuarded(req, config, guard)).authority;
}

/** `authenticateGuarded`, saying which of the authority's tokens matched. */
export async function authenticateTokenGuarded(
  req: IncomingMessage,
  config: FeedConfig,
  guard: SignInGuard,
): Promise<TokenMatch> {
  try {
    return authenticateToken(req, config);
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 401) throw error;
    throw await guardedFailure(req, guard, error);
  }
}

/**
 * Reports a failed sign-in (401) to the guard and gives the error to throw: the same 401, after
 * the guard's delay, or 429 with `Retry-After` when the address keeps failing.
 */
export async function guardedFailure(
  req: IncomingMessage,
  guard: SignInGuard,
  error: HttpError,
): Promise<HttpError> {
  const address = guard.addressOf(req);
  const answer = guard.failed(address, error.message);
  if (answer.kind === 'too-many') {
    return new HttpError(
      429,
      `too many failed sign-ins from ${address}; wait ${answer.retryAfterSeconds} seconds`,
      undefined,
      { ...CHALLENGE, 'retry-after': String(answer.retryAfterSeconds) },
    );
  }
  await guard.hold(address, answer.delayMs);
  return error;
}
