/**
 * Who is making an admin request: the contract every admin route authenticates through.
 * Today a bearer token; the console's sessions (cookie and CSRF token) come in through here too.
 */
import type { IncomingMessage } from 'node:http';
import type { FeedConfig } from '@statuskit/model';
import { authenticateGuarded } from './auth.js';
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
}

/** `read` needs a valid credential; `write` needs the session's CSRF token too. */
export type AdminPurpose = 'read' | 'write';

/** The actor of an admin request, or an `HttpError` (401, 403, 429) saying why not. */
export async function authenticateAdmin(
  req: IncomingMessage,
  deps: AdminAuthDependencies,
  _purpose: AdminPurpose,
): Promise<AdminActor> {
  return { authority: await authenticateGuarded(req, deps.config, deps.signIns) };
}
