import type { ProbeCheck } from './probe-check.js';
import { HourTable } from './hour-table.js';
import {
  countsOf,
  hourOf,
  isRecordable,
  KEEP_MS,
  type ProbeHours,
  type ServiceHours,
} from './probe-hours.js';

/**
 * Probe results kept in memory only: for a server given a store of its own (embedding, tests),
 * which has no data dir to write to. Gone when the process ends.
 */
export class MemoryProbeHours implements ProbeHours {
  readonly #table = new HourTable();
  readonly #now: () => Date;
  #closed = false;
  #failures = 0;
  #prunedHour = 0;

  constructor(now: () => Date) {
    this.#now = now;
  }

  get failures(): number {
    return this.#failures;
  }

  record(check: ProbeCheck): void {
    if (this.#closed || !isRecordable(check)) {
      this.#failures += 1;
      return;
    }
    this.#table.add(check.service, countsOf(check));
  }

  hours(service: string, from: number): Promise<ServiceHours> {
    const now = this.#now().getTime();
    if (hourOf(now) !== this.#prunedHour) {
      this.#table.prune(now - KEEP_MS);
      this.#prunedHour = hourOf(now);
    }
    return Promise.resolve(this.#table.hours(service, from));
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}
