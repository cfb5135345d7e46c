import type { IncomingMessage } from 'node:http';
import type { FeedConfig, StatusDocument } from '@statuskit/model';
import { HttpError } from './http/http-error.js';
import type { SignInGuard } from './sign-in-guard.js';
import { tokenMatches } from './tokens.js';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="statuskit"' };

/** The authority whose token the request carries; 401 without a valid one. */
export function authenticate(req: IncomingMessage, config: FeedConfig): string {
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
  const token = match[1];
  // Check every hash, even after a match, so timing does not reveal which authority matched.
  let found: string | undefined;
  for (const authority of config.authorities) {
    for (const hash of authority.tokens) {
      if (tokenMatches(token, hash)) found ??= authority.id;
    }
  }
  if (found === undefined)
    throw new HttpError(401, 'the admin token is not valid', undefined, CHALLENGE);
  return found;
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
  try {
    return authenticate(req, config);
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 401) throw error;
    const address = guard.addressOf(req);
    const answer = guard.failed(address, error.message);
    if (answer.kind === 'too-many') {
      throw new HttpError(
        429,
        `too many failed sign-ins from ${address}; wait ${answer.retryAfterSeconds} seconds`,
        undefined,
        { ...CHALLENGE, 'retry-after': String(answer.retryAfterSeconds) },
      );
    }
    await guard.hold(address, answer.delayMs);
    throw error;
  }
}
