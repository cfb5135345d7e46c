/**
 * Console sessions: an authority's token is exchanged for a random secret (in an HttpOnly cookie)
 * that ends after `idleMs` without use, and `maxMs` after sign-in whatever happens.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConsoleSession, SessionStore } from './session-store.js';

/** How long an ended session is still known, so a late request hears when it ended. */
const ENDED_KEPT_MS = 60 * 60_000;

/** What a session cookie's secret leads to. */
export type SessionLookup =
  | { readonly kind: 'active'; readonly session: ConsoleSession }
  | { readonly kind: 'expired'; readonly session: ConsoleSession; readonly at: Date }
  | { readonly kind: 'unknown' };

export interface ConsoleSessionsOptions {
  readonly store: SessionStore;
  readonly idleMs: number;
  readonly maxMs: number;
  readonly now: () => Date;
}

export class ConsoleSessions {
  readonly #store: SessionStore;
  readonly #idleMs: number;
  readonly #maxMs: number;
  readonly #now: () => Date;

  constructor(options: ConsoleSessionsOptions) {
    this.#store = options.store;
    this.#idleMs = options.idleMs;
    this.#maxMs = options.maxMs;
    this.#now = options.now;
  }

  /** A new session for `authority`; the secret goes in the cookie and is kept nowhere else. */
  async start(authority: string): Promise<{ secret: string; session: ConsoleSession }> {
    const now = this.#now().getTime();
    const secret = randomBytes(32).toString('base64url');
    const maxExpiresAt = now + this.#maxMs;
    const session: ConsoleSession = {
      id: `s_${randomBytes(8).toString('hex')}`,
      authority,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      idleExpiresAt: Math.min(now + this.#idleMs, maxExpiresAt),
      maxExpiresAt,
    };
    await this.#save(secretHash(secret), session);
    return { secret, session };
  }

  /** The session `secret` leads to, without using it (see `touch`). */
  async find(secret: string): Promise<SessionLookup> {
    const session = await this.#store.find(secretHash(secret));
    if (!session) return { kind: 'unknown' };
    const endsAt = Math.min(session.idleExpiresAt, session.maxExpiresAt);
    if (endsAt <= this.#now().getTime()) return { kind: 'expired', session, at: new Date(endsAt) };
    return { kind: 'active', session };
  }

  /** Marks the session used now: its idle expiry moves on, never past its maximum. */
  async touch(secret: string, session: ConsoleSession): Promise<ConsoleSession> {
    const now = this.#now().getTime();
    const used = {
      ...session,
      idleExpiresAt: Math.min(now + this.#idleMs, session.maxExpiresAt),
    };
    await this.#save(secretHash(secret), used);
    return used;
  }

  async end(secret: string): Promise<void> {
    await this.#store.remove(secretHash(secret));
  }

  close(): Promise<void> {
    return this.#store.close();
  }

  #save(hash: string, session: ConsoleSession): Promise<void> {
    const keepMs = session.idleExpiresAt - this.#now().getTime() + ENDED_KEPT_MS;
    return this.#store.save(hash, session, keepMs);
  }
}

function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `given` is the session's CSRF token; compared in constant time. */
export function csrfMatches(session: ConsoleSession, given: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(session.csrfToken), digest(given));
}
