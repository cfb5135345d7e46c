/** Time and chance, in one place so that tests can make them fast or predictable. */
export interface Clock {
  readonly now: () => number;
  /** In [0, 1). */
  readonly random: () => number;
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
}

export function systemClock(random: () => number = Math.random): Clock {
  return {
    now: () => Date.now(),
    random: () => {
      const value = random();
      // A broken random source must not turn a delay into NaN or a negative number.
      return Number.isFinite(value) ? Math.min(Math.max(value, 0), 0.999_999) : 0.5;
    },
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => {
      globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
    },
  };
}

/** Timers longer than this overflow to 1 ms in browsers and Node (a signed 32-bit delay). */
const MAX_DELAY_MS = 2_147_483_647;

/** One re-armable timer. Its callback is guarded: nothing it throws reaches the host page. */
export class Alarm {
  readonly #clock: Clock;
  readonly #callback: () => void;
  readonly #onError: (error: unknown) => void;
  #handle: unknown;
  #at: number | undefined;

  constructor(clock: Clock, callback: () => void, onError: (error: unknown) => void) {
    this.#clock = clock;
    this.#callback = callback;
    this.#onError = onError;
  }

  /** Fires once, `ms` from now (replacing any earlier setting). */
  in(ms: number): void {
    this.until(this.#clock.now() + (Number.isFinite(ms) ? ms : 0));
  }

  /**
   * Fires once at `at` (epoch ms), replacing any earlier setting. Far-off instants are reached in
   * steps (a timer cannot wait longer than about 24.8 days), so the callback may find itself
   * early and should check the time.
   */
  until(at: number): void {
    this.clear();
    const delay = Math.min(Math.max(0, at - this.#clock.now()), MAX_DELAY_MS);
    this.#at = at;
    this.#handle = this.#clock.setTimeout(() => {
      this.#handle = undefined;
      this.#at = undefined;
      try {
        this.#callback();
      } catch (error) {
        this.#onError(error);
      }
    }, delay);
  }

  /** When it will fire (epoch ms), if set. */
  get at(): number | undefined {
    return this.#at;
  }

  clear(): void {
    if (this.#handle !== undefined) this.#clock.clearTimeout(this.#handle);
    this.#handle = undefined;
    this.#at = undefined;
  }
}

/**
 * Coalesces a burst of changes into one call: `mark()` on every change; the callback runs once
 * the changes pause for `quietMs`, and at the latest `maxMs` after the first, so that a steady
 * trickle still gets through.
 */
export class Batcher {
  readonly #clock: Clock;
  readonly #alarm: Alarm;
  readonly #quietMs: number;
  readonly #maxMs: number;
  #first: number | undefined;

  constructor(
    clock: Clock,
    callback: () => void,
    onError: (error: unknown) => void,
    timing: { readonly quietMs: number; readonly maxMs: number },
  ) {
    this.#clock = clock;
    this.#quietMs = timing.quietMs;
    this.#maxMs = timing.maxMs;
    this.#alarm = new Alarm(
      clock,
      () => {
        this.#first = undefined;
        callback();
      },
      onError,
    );
  }

  mark(): void {
    const now = this.#clock.now();
    this.#first ??= now;
    this.#alarm.in(Math.min(this.#quietMs, this.#first + this.#maxMs - now));
  }

  clear(): void {
    this.#alarm.clear();
    this.#first = undefined;
  }
}
