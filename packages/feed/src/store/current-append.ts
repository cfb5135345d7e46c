import { type ChangeStore, RevisionConflict } from './change-store.js';

/** Tries at a write whose document another process changed meanwhile, before giving up. */
export const WRITE_ATTEMPTS = 8;

/**
 * Runs `task` against the current document: catches up with what other processes stored, then
 * passes the revision the task must append at (`expectedRevision`). When another process stored
 * a change first, the task's append throws `RevisionConflict`; with `retry` the task runs again
 * on the newer document (at most WRITE_ATTEMPTS times, with a random pause between), without it the conflict is the answer
 * (a client's `If-Match` asked for exactly that revision).
 */
export async function onCurrentDocument<T>(
  store: ChangeStore,
  task: (expectedRevision: number) => Promise<T>,
  retry = true,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    await store.catchUp();
    try {
      return await task(store.revision);
    } catch (error) {
      if (!(error instanceof RevisionConflict) || !retry || attempt >= WRITE_ATTEMPTS) throw error;
    }
    // A random pause, growing with each try: two processes that keep colliding fall out of step
    // instead of colliding again (5 ms, then up to 10, 20, … 640 ms).
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** attempt));
  }
}
