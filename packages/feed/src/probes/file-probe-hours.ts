import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log.js';
import { describeError, errorCode, syncDirectory } from '../store/data-dir.js';
import { journalLines } from '../store/journal-file.js';
import type { ProbeCheck } from './probe-check.js';
import {
  countsOf,
  HourTable,
  isRecordable,
  KEEP_MS,
  type HourCounts,
  type ProbeHours,
  type ServiceHours,
} from './probe-hours.js';

/** At most this long between two writes of what the probes measured. */
export const FLUSH_EVERY_MS = 5 * 60_000;
const FILE = 'probe-hours.jsonl';

export interface FileProbeHoursOptions {
  readonly dataDir: string;
  readonly now: () => Date;
  readonly log: Logger;
  /** Default `FLUSH_EVERY_MS`; shorter in tests. */
  readonly flushEveryMs?: number;
}

/** One line of `probe-hours.jsonl`: counts to add to one service's hour. */
interface HourLine {
  readonly service: string;
  readonly hour: string;
  readonly checks: number;
  readonly ok: number;
  readonly slow: number;
  readonly first: string;
}

function toLine(service: string, counts: HourCounts): string {
  const line: HourLine = {
    service,
    hour: new Date(counts.hour).toISOString(),
    checks: counts.checks,
    ok: counts.ok,
    slow: counts.slow,
    first: new Date(counts.first).toISOString(),
  };
  return `${JSON.stringify(line)}\n`;
}

const count = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function fromLine(text: string): [string, HourCounts] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const line = value as Partial<Record<keyof HourLine, unknown>>;
  const hour = typeof line.hour === 'string' ? Date.parse(line.hour) : Number.NaN;
  const first = typeof line.first === 'string' ? Date.parse(line.first) : Number.NaN;
  if (
    typeof line.service !== 'string' ||
    Number.isNaN(hour) ||
    Number.isNaN(first) ||
    !count(line.checks) ||
    !count(line.ok) ||
    !count(line.slow) ||
    line.ok > line.checks ||
    line.slow > line.ok
  ) {
    return undefined;
  }
  return [line.service, { hour, checks: line.checks, ok: line.ok, slow: line.slow, first }];
}

/**
 * Probe results in the data dir, `probe-hours.jsonl`: one JSON line per service and hour, counts
 * to be added up. Checks are counted in memory and appended (then fsynced) every five minutes and
 * on a graceful stop, so a crash loses at most the last five minutes of checks; a line torn by
 * the crash is ignored. The whole file is read once at start-up and rewritten compacted (one line
 * per service and hour, nothing older than 90 days; written beside it, then renamed over it), and
 * again each day, so it stays bounded: about 24 × 90 lines per probed service.
 */
export class FileProbeHours implements ProbeHours {
  readonly #file: string;
  readonly #dir: string;
  readonly #now: () => Date;
  readonly #log: Logger;
  readonly #flushEveryMs: number;
  readonly #table = new HourTable();
  /** Counted since the last write. */
  #pending = new HourTable();
  #queue: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #compactedDay = '';
  #closed = false;
  #failures = 0;

  constructor(options: FileProbeHoursOptions) {
    this.#dir = path.resolve(options.dataDir);
    this.#file = path.join(this.#dir, FILE);
    this.#now = options.now;
    this.#log = options.log;
    this.#flushEveryMs = options.flushEveryMs ?? FLUSH_EVERY_MS;
  }

  get failures(): number {
    return this.#failures;
  }

  /** Reads what earlier runs kept, and starts writing every `flushEveryMs`. */
  async open(): Promise<void> {
    await this.#read();
    await this.#compact();
    this.#timer = setInterval(() => {
      void this.flush();
    }, this.#flushEveryMs);
    this.#timer.unref();
  }

  record(check: ProbeCheck): void {
    if (this.#closed || !isRecordable(check)) {
      this.#failures += 1;
      return;
    }
    const counts = countsOf(check);
    this.#table.add(check.service, counts);
    this.#pending.add(check.service, counts);
  }

  hours(service: string, from: number): Promise<ServiceHours> {
    return Promise.resolve(this.#table.hours(service, from));
  }

  /** Writes what was counted since the last write; compacts once a day. */
  flush(): Promise<void> {
    const run = this.#queue.then(async () => {
      const day = this.#now().toISOString().slice(0, 10);
      if (day !== this.#compactedDay) {
        this.#pending = new HourTable();
        await this.#compact();
        return;
      }
      if (this.#pending.size === 0) return;
      const pending = this.#pending;
      this.#pending = new HourTable();
      let text = '';
      for (const [service, counts] of pending.entries()) text += toLine(service, counts);
      try {
        const handle = await open(this.#file, 'a');
        try {
          await handle.appendFile(text);
          await handle.datasync();
        } finally {
          await handle.close();
        }
      } catch (error) {
        // Still in memory: the next write (or the daily compaction) tries again.
        for (const [service, counts] of pending.entries()) this.#pending.add(service, counts);
        this.#fail(error);
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.#closed) return this.#queue;
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.flush();
  }

  async #read(): Promise<void> {
    let handle;
    try {
      handle = await open(this.#file, 'r');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw error;
    }
    try {
      for await (const line of journalLines(handle)) {
        if (!line.complete) {
          this.#log({
            level: 'warn',
            msg: `${this.#file} line ${line.number}: ignored a write a crash interrupted`,
          });
          break;
        }
        if (line.text.trim() === '') continue;
        const entry = fromLine(line.text);
        if (entry) this.#table.add(...entry);
        else {
          this.#log({
            level: 'warn',
            msg: `${this.#file} line ${line.number}: not probe counts; left out of measured availability`,
          });
        }
      }
    } finally {
      await handle.close();
    }
  }

  /** Rewrites the file from memory: one line per service and hour, nothing past 90 days. */
  async #compact(): Promise<void> {
    const now = this.#now();
    this.#table.prune(now.getTime() - KEEP_MS);
    const temporary = `${this.#file}.tmp`;
    try {
      // Taken in one go: checks counted while the file is written belong to the next write.
      const lines = [...this.#table.entries()].map(([service, counts]) => toLine(service, counts));
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(lines.join(''));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.#file);
      await syncDirectory(this.#dir);
      this.#compactedDay = now.toISOString().slice(0, 10);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    this.#failures += 1;
    this.#log({
      level: 'error',
      msg: `probe results could not be written to ${this.#file}: ${describeError(error)}`,
    });
  }
}
