import type { ConsoleSession, SessionStore } from './session-store.js';

interface Kept {
  readonly session: ConsoleSession;
  readonly until: number;
}

/** Sessions in this process only: the default, and right for a feed that runs as one process. */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, Kept>();
  readonly #clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  save(secretHash: string, session: ConsoleSession, keepMs: number): Promise<void> {
    this.#forgetOld();
    this.#sessions.set(secretHash, { session, until: this.#clock() + keepMs });
    return Promise.resolve();
  }

  find(secretHash: string): Promise<ConsoleSession | undefined> {
    const kept = this.#sessions.get(secretHash);
    if (kept && kept.until <= this.#clock()) this.#sessions.delete(secretHash);
    return Promise.resolve(kept && kept.until > this.#clock() ? kept.session : undefined);
  }

  remove(secretHash: string): Promise<void> {
    this.#sessions.delete(secretHash);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#sessions.clear();
    return Promise.resolve();
  }

  /** Bounded by use: every new session sweeps the ones past their keeping time. */
  #forgetOld(): void {
    const now = this.#clock();
    for (const [hash, kept] of this.#sessions) {
      if (kept.until <= now) this.#sessions.delete(hash);
    }
  }
}
