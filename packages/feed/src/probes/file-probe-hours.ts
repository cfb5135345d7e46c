import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log.js';
import { describeError, errorCode, syncDirectory } from '../store/data-dir.js';
import { journalLines } from '../store/journal-file.js';
import type { ProbeCheck } from './probe-check.js';
import { HourTable } from './hour-table.js';
import { dayLines, parseDayLine } from './probe-hours-file-lines.js';
import {
  countsOf,
  isRecordable,
  KEEP_MS,
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

/**
 * Probe results in the data dir, `probe-hours.jsonl`: JSON lines of counts per service and UTC
 * day (see `probe-hours-file-lines.ts`), to be added up. Checks are counted in memory and appended
 * (then fsynced) every five minutes and on a graceful stop, so a crash loses at most the last five
 * minutes of checks; a line torn by the crash is ignored. The whole file is read once at start-up;
 * it is rewritten compacted (one line per service and day, nothing older than 90 days; written
 * beside it, then renamed over it) when it holds more than that, and once a day, so it stays
 * bounded: about 90 lines per probed service, plus the day's appends.
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
  /** Lines written by the last compaction, and appended since. */
  #compacted = 0;
  #appended = 0;
  /** Whether the file exists with a durable directory entry (else the first append syncs it). */
  #fileKept = false;
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
    const compact = await this.#read();
    const now = this.#now();
    const pruned = this.#table.prune(now.getTime() - KEEP_MS);
    // Rewritten only when it holds more than one line per day, a bad or torn line, or old hours.
    if (compact && !pruned) {
      this.#compactedDay = now.toISOString().slice(0, 10);
    } else {
      await this.#compact();
    }
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
      // Once a day, and when the appends outgrow the compacted file, start-up reads stay short.
      if (day !== this.#compactedDay || this.#appended > Math.max(this.#compacted, 1000)) {
        this.#pending = new HourTable();
        await this.#compact();
        return;
      }
      if (this.#pending.isEmpty) return;
      const pending = this.#pending;
      this.#pending = new HourTable();
      const lines = dayLines(pending.days());
      const text = lines.join('');
      try {
        const handle = await open(this.#file, 'a');
        try {
          await handle.appendFile(text);
          await handle.datasync();
        } finally {
          await handle.close();
        }
        if (!this.#fileKept) {
          await syncDirectory(this.#dir);
          this.#fileKept = true;
        }
        this.#appended += lines.length;
      } catch (error) {
        // Still in memory: the next write (or the daily compaction) tries again.
        for (const [service, day] of pending.days()) this.#pending.addDay(service, day);
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

  /** Adds up the file's lines; whether it was compact (one good line per service and day). */
  async #read(): Promise<boolean> {
    let handle;
    try {
      handle = await open(this.#file, 'r');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return true;
      throw error;
    }
    this.#fileKept = true;
    const seen = new Set<string>();
    let compact = true;
    try {
      for await (const line of journalLines(handle)) {
        if (!line.complete) {
          compact = false;
          this.#log({
            level: 'warn',
            msg: `${this.#file} line ${line.number}: ignored a write a crash interrupted`,
          });
          break;
        }
        const day = parseDayLine(line.text);
        if (day) {
          const key = `${day.service}\n${day.day}`;
          if (seen.has(key)) compact = false;
          seen.add(key);
          this.#table.addDay(day.service, day);
        } else {
          compact = false;
          this.#log({
            level: 'warn',
            msg: `${this.#file} line ${line.number}: not probe counts; left out of measured availability`,
          });
        }
      }
    } finally {
      await handle.close();
    }
    this.#compacted = seen.size;
    return compact;
  }

  /** Rewrites the file from memory: one line per service and hour, nothing past 90 days. */
  async #compact(): Promise<void> {
    const now = this.#now();
    this.#table.prune(now.getTime() - KEEP_MS);
    const temporary = `${this.#file}.tmp`;
    try {
      // Taken in one go: checks counted while the file is written belong to the next write.
      const lines = dayLines(this.#table.days());
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(lines.join(''));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.#file);
      await syncDirectory(this.#dir);
      this.#fileKept = true;
      this.#compactedDay = now.toISOString().slice(0, 10);
      this.#compacted = lines.length;
      this.#appended = 0;
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
