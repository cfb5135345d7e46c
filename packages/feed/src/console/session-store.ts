/**
 * Where console sessions are kept: in this process (`MemorySessionStore`) or in Redis
 * (`RedisSessionStore`), so that `--workers` and several feeds on one Redis share them. Sessions
 * are found by the SHA-256 of the secret in the cookie; the secret itself is never stored.
 */

/** One signed-in operator. Times are ms since the epoch. */
export interface ConsoleSession {
  /** Public id, recorded in the journal with every write made in the session (`s_<hex>`). */
  readonly id: string;
  readonly authority: string;
  /** Sent back as `X-CSRF-Token` with every write. */
  readonly csrfToken: string;
  readonly createdAt: number;
  /** When the session ends unless used again (slides with use, up to `maxExpiresAt`). */
  readonly idleExpiresAt: number;
  readonly maxExpiresAt: number;
}

export interface SessionStore {
  /**
   * Keeps `session` under `secretHash` for `keepMs` (then it is forgotten; a store may forget it
   * later, never earlier). Replaces what was kept under that hash.
   */
  save(secretHash: string, session: ConsoleSession, keepMs: number): Promise<void>;
  /** The session kept under `secretHash`, or `undefined` when none is (or it was forgotten). */
  find(secretHash: string): Promise<ConsoleSession | undefined>;
  remove(secretHash: string): Promise<void>;
  close(): Promise<void>;
}

/** Whether `value` (read back from a store) is a whole session. */
export function isConsoleSession(value: unknown): value is ConsoleSession {
  if (typeof value !== 'object' || value === null) return false;
  const session = value as Record<string, unknown>;
  return (
    typeof session.id === 'string' &&
    typeof session.authority === 'string' &&
    typeof session.csrfToken === 'string' &&
    typeof session.createdAt === 'number' &&
    typeof session.idleExpiresAt === 'number' &&
    typeof session.maxExpiresAt === 'number'
  );
}
