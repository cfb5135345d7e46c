import { nextRetirement, retirements } from './live-window.js';
import type { Logger } from './log.js';
import type { FeedMetrics } from './metrics.js';
import type { ChangeStore } from './store/change-store.js';
import { onCurrentDocument } from './store/current-append.js';
import type { WriteQueue } from './write-queue.js';

/** The actor of the `removed` records that keep the live document within its window. */
export const RETENTION_ACTOR = 'retention';

/** Even with nothing due, look again this often: a clock step or a missed timer heals by itself. */
const MAX_WAIT_MS = 5 * 60_000;
/** Never sooner than this: a burst of due retirements is one sweep, not a busy loop. */
const MIN_WAIT_MS = 1000;

export interface RetentionOptions {
  readonly store: ChangeStore;
  /** Admin writes go through the same queue, so a sweep never interleaves with one. */
  readonly writes: WriteQueue;
  readonly windowMs: number;
  readonly now: () => Date;
  readonly log: Logger;
  readonly metrics: FeedMetrics;
}

/**
 * Moves what the live window no longer covers out of the live document, through the one write
 * path: `removed` records with actor `retention`, so every output can still be rebuilt from the
 * journal. Runs when called (at start-up), after every batch of changes others make (time may
 * have moved on since), and on an unref'd timer due at the next retirement.
 */
export class Retention {
  readonly #options: RetentionOptions;
  readonly #unsubscribe: () => void;
  #timer: NodeJS.Timeout | undefined;
  #queued = false;
  #closed = false;

  constructor(options: RetentionOptions) {
    this.#options = options;
    this.#unsubscribe = options.store.subscribe((records) => {
      if (records.some((record) => record.actor !== RETENTION_ACTOR)) this.#queue();
    });
  }

  /** Appends the due `removed` changes (serialized with admin writes); resolves with their count. */
  sweep(): Promise<number> {
    return this.#options.writes.run(async () => {
      const { store, windowMs, log, metrics } = this.#options;
      if (this.#closed) return 0;
      const now = this.#options.now().getTime();
      // Every feed process sweeps: the first to store a retirement wins, the others catch up
      // and find nothing left to do.
      const [changes, records] = await onCurrentDocument(store, async (expectedRevision) => {
        const due = retirements(store.document, now, windowMs);
        if (due.length === 0) return [due, []] as const;
        return [due, await store.append(due, RETENTION_ACTOR, { expectedRevision })] as const;
      });
      if (changes.length > 0) {
        metrics.retired += changes.length;
        log({
          level: 'info',
          msg: 'moved what ended before the live window out of the live document',
          count: changes.length,
          revision: records.at(-1)?.revision,
        });
      }
      this.#schedule(now);
      return changes.length;
    });
  }

  close(): void {
    this.#closed = true;
    this.#unsubscribe();
    clearTimeout(this.#timer);
  }

  #queue(): void {
    if (this.#queued || this.#closed) return;
    this.#queued = true;
    // Behind the write that triggered it; one sweep however many records arrive meanwhile.
    this.sweep()
      .catch((error: unknown) => {
        this.#options.log({
          level: 'error',
          msg: 'could not move ended incidents and maintenance out of the live document',
          error: String(error),
        });
      })
      .finally(() => {
        this.#queued = false;
      });
  }

  #schedule(now: number): void {
    clearTimeout(this.#timer);
    if (this.#closed) return;
    const next = nextRetirement(this.#options.store.document, now, this.#options.windowMs);
    const wait = Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, (next ?? Infinity) - now));
    this.#timer = setTimeout(() => {
      this.#queue();
    }, wait);
    this.#timer.unref();
  }
}
