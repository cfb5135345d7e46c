/**
 * When each probe checks: every `intervalMs`, at an offset within the interval that comes from
 * its id, so the same probe keeps its slot across restarts and 500 probes spread over the
 * interval instead of firing at once. A check still running when its next slot comes skips that
 * slot: never two checks of one probe at a time.
 */

/** FNV-1a of the id: a stable, well-spread number for the same id on every process. */
function hash(id: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < id.length; index += 1) {
    value ^= id.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** The probe's slot within its interval, in ms from the interval's start. */
export function slotOffsetMs(id: string, intervalMs: number): number {
  return hash(id) % intervalMs;
}

/** The first slot of the probe strictly after `nowMs` (Unix ms). */
export function nextSlot(nowMs: number, intervalMs: number, offsetMs: number): number {
  const base = Math.floor((nowMs - offsetMs) / intervalMs) * intervalMs + offsetMs;
  return base > nowMs ? base : base + intervalMs;
}

export interface ScheduledProbe {
  readonly id: string;
  readonly intervalMs: number;
}

export interface ProbeSchedulerOptions {
  readonly probes: readonly ScheduledProbe[];
  /** Runs one check; the scheduler waits for it before the probe may check again. */
  readonly run: (id: string) => Promise<void>;
  /** Wall clock in Unix ms (replaceable in tests). */
  readonly now?: () => number;
}

export class ProbeScheduler {
  readonly #options: ProbeSchedulerOptions;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #running = new Map<string, Promise<void>>();
  #stopped = true;

  constructor(options: ProbeSchedulerOptions) {
    this.#options = options;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    for (const probe of this.#options.probes) this.#plan(probe);
  }

  /** Stops planning checks and waits for those in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#running.values()]);
  }

  #plan(probe: ScheduledProbe): void {
    const now = (this.#options.now ?? Date.now)();
    const due = nextSlot(now, probe.intervalMs, slotOffsetMs(probe.id, probe.intervalMs));
    const timer = setTimeout(() => {
      this.#fire(probe);
    }, due - now);
    // Probes alone never keep the process alive.
    timer.unref();
    this.#timers.set(probe.id, timer);
  }

  #fire(probe: ScheduledProbe): void {
    if (this.#stopped) return;
    this.#plan(probe);
    if (this.#running.has(probe.id)) return;
    const run = this.#options
      .run(probe.id)
      .catch(() => undefined)
      .finally(() => {
        this.#running.delete(probe.id);
      });
    this.#running.set(probe.id, run);
  }
}
