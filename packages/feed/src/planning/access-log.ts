import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { FNV_OFFSET, fnv1a, HyperLogLog, mix32 } from './hyperloglog.js';
import { MINUTE_MS, type TimeZone } from './zoned-time.js';

/**
 * Usage per hour from web server access logs, in one streaming pass and fixed memory.
 *
 * Lines in Common or Combined Log Format (nginx, Apache) are parsed on the raw bytes, without a
 * regular expression or a string per line: the timestamp `[10/Oct/2026:13:55:36 -0700]` sits at a
 * fixed layout, and consecutive lines nearly always share their minute, so the last minute's
 * instant is reused after a byte comparison. JSON Lines (`{"time": …}`) are recognised per line
 * by their `{` and parsed with `JSON.parse`. gzip is recognised by its magic bytes.
 *
 * Hours are the local hours of the planning time zone, keyed by the instant they start, so an
 * hour that happens twice on the autumn night is two buckets and the skipped spring hour none.
 * Distinct visitors (client address plus user agent) are counted with a HyperLogLog per hour: a
 * set per hour would grow with the busiest hour's visitors, and lines of several files, or lines
 * a little out of order, can land in any hour, so buckets cannot be closed and reset as the log
 * goes by. 2 KiB per hour of log is about 3.4 MB for a month, whatever the traffic.
 */

export interface HourUsage {
  /** Instant at which the local hour starts. */
  readonly start: number;
  /** Requests by people (lines from crawlers and bots are not counted here). */
  requests: number;
  /** Requests by crawlers and bots (a user agent with `bot`, `spider` or `crawl`). */
  bots: number;
  readonly visitors: HyperLogLog;
}

export interface LogFormats {
  clf: number;
  combined: number;
  json: number;
}

export interface LogFileSummary {
  readonly file: string;
  readonly gzip: boolean;
  /** Bytes of log text read (after decompression). */
  readonly bytes: number;
  readonly lines: number;
  readonly requests: number;
  readonly bots: number;
  readonly malformed: number;
  readonly formats: LogFormats;
  /** Start of the first and of the last minute seen, or `undefined` when no line was usable. */
  readonly first: number | undefined;
  readonly last: number | undefined;
  /** Set when the file could not be read to its end (a truncated .gz): what was read counts. */
  readonly problem?: string;
}

export interface MalformedLine {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  readonly reason: string;
  /** The start of the line, for a person to recognise it. */
  readonly excerpt: string;
}

export interface UsageLog {
  readonly timeZone: TimeZone;
  /** Keyed by `HourUsage.start`. Hours within the files' span that have no key had no requests. */
  readonly hours: ReadonlyMap<number, HourUsage>;
  readonly files: readonly LogFileSummary[];
  /** The first few malformed lines, so an operator can see what went wrong. */
  readonly malformedExamples: readonly MalformedLine[];
}

export interface UsageOptions {
  readonly timeZone: TimeZone;
  /**
   * The JSON Lines field holding the time (dots reach into objects: `request.time`). Without
   * it, `time`, `timestamp`, `@timestamp`, `ts` and `date` are tried in turn.
   */
  readonly jsonField?: string | undefined;
  /** The clock: lines dated more than a day after it are malformed (default: the real time). */
  readonly now?: number | undefined;
}

const MAX_EXAMPLES = 10;
/** Longer lines are not access log lines; dropping them keeps memory bounded. */
const MAX_LINE_BYTES = 64 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;
const RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const DASH = 0x2d;
const PLUS = 0x2b;
const ZERO = 0x30;

const MONTHS = new Map<number, number>(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map(
    (name, index) => [
      (name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2),
      index,
    ],
  ),
);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Lines dated outside these bounds are malformed: a year 0001 or a `1e300` would otherwise
 * stretch the span of the logs over centuries of empty hours and turn every median to 0.
 */
const EARLIEST_PLAUSIBLE = Date.UTC(1990, 0, 1);
const FUTURE_SLACK_MS = 24 * 60 * MINUTE_MS;
const IMPLAUSIBLE = 'time is not between 1990-01-01 and a day from now';

const JSON_TIME_FIELDS = ['time', 'timestamp', '@timestamp', 'ts', 'date'];
const JSON_ADDRESS_FIELDS = [
  'remote_addr',
  'client_ip',
  'clientip',
  'ip',
  'remote_ip',
  'remoteAddr',
  'clientIp',
  'client',
  'host',
];
const JSON_AGENT_FIELDS = ['http_user_agent', 'user_agent', 'userAgent', 'ua', 'agent'];
const ISO_WITH_OFFSET =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})$/i;

function digit2(bytes: Buffer, at: number): number {
  const a = (bytes[at] ?? 0) - ZERO;
  const b = (bytes[at + 1] ?? 0) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= ZERO && byte <= ZERO + 9;
}

/** Index of the closing `"` of a quoted field whose content starts at `from`, or -1. */
function closingQuote(bytes: Buffer, from: number, end: number): number {
  for (let i = from; i < end; i += 1) {
    if (bytes[i] === QUOTE) {
      // Apache escapes a quote inside a field as \" (nginx as \x22, which needs nothing here).
      let slashes = 0;
      for (let j = i - 1; j >= from && bytes[j] === BACKSLASH; j -= 1) slashes += 1;
      if (slashes % 2 === 0) return i;
    }
  }
  return -1;
}

function fieldAt(value: unknown, path: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const direct = (value as Record<string, unknown>)[path];
  if (direct !== undefined || !path.includes('.')) return direct;
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** An instant from a JSON time value, or a reason it is not one. */
function jsonInstant(value: unknown): number | string {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value))) {
    const number = Number(value);
    // Seconds until the year 5138; anything larger is milliseconds.
    return number < 1e11 ? Math.round(number * 1000) : Math.round(number);
  }
  if (typeof value !== 'string') return 'time is not a string or number';
  const match = ISO_WITH_OFFSET.exec(value.trim());
  if (!match) {
    return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)
      ? 'time has no offset (Z or ±hh:mm), so its instant is unknown'
      : 'time is not ISO 8601';
  }
  let offset = (match[3] ?? 'Z').toUpperCase();
  if (offset !== 'Z' && !offset.includes(':')) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const instant = Date.parse(`${match[1] ?? ''}T${(match[2] ?? '').replace(',', '.')}${offset}`);
  return Number.isNaN(instant) ? 'time is not a real date' : instant;
}

function stringField(record: unknown, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = fieldAt(record, name);
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function isBotAgent(agent: string): boolean {
  return /bot|spider|crawl/i.test(agent);
}

class FileParse {
  lines = 0;
  requests = 0;
  bots = 0;
  malformed = 0;
  bytes = 0;
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;
  readonly formats: LogFormats = { clf: 0, combined: 0, json: 0 };

  // The last minute seen: its 17 bytes `dd/Mon/yyyy:HH:MM`, its 5 bytes `±zzzz`, and the hour.
  readonly #minuteKey = Buffer.alloc(22);
  #minuteValid = false;
  #minuteInstant = 0;
  #minuteHour: HourUsage | undefined;
  #jsonMinute = Number.NaN;
  #jsonHour: HourUsage | undefined;

  constructor(
    readonly file: string,
    private readonly collector: UsageCollector,
  ) {}

  /** One line: `bytes[start, end)` without its newline. */
  line(bytes: Buffer, start: number, end: number): void {
    this.lines += 1;
    if (end > start && bytes[end - 1] === RETURN) end -= 1;
    if (end === start) {
      this.#malformed(bytes, start, end, 'empty line');
      return;
    }
    if (bytes[start] === OPEN_BRACE) {
      this.#jsonLine(bytes, start, end);
      return;
    }

    // Client address: the first field.
    let addressEnd = start;
    while (addressEnd < end && bytes[addressEnd] !== SPACE) addressEnd += 1;
    let bracket = addressEnd;
    while (bracket < end && bytes[bracket] !== OPEN_BRACKET) bracket += 1;
    const t = bracket + 1;
    if (addressEnd === start || t + 28 >= end) {
      this.#malformed(bytes, start, end, 'not a Common/Combined Log Format line');
      return;
    }
    if (bytes[t + 26] !== CLOSE_BRACKET || bytes[t + 27] !== SPACE || bytes[t + 28] !== QUOTE) {
      this.#malformed(bytes, start, end, 'no [dd/Mon/yyyy:HH:MM:SS ±zzzz] "request" field');
      return;
    }
    if (!isDigit(bytes[t + 18]) || !isDigit(bytes[t + 19])) {
      this.#malformed(bytes, start, end, 'bad seconds in the timestamp');
      return;
    }

    let hour = this.#minuteHour;
    const key = this.#minuteKey;
    let same = this.#minuteValid;
    if (same) {
      for (let i = 0; i < 17; i += 1) {
        if (key[i] !== bytes[t + i]) {
          same = false;
          break;
        }
      }
      if (same) {
        for (let i = 0; i < 5; i += 1) {
          if (key[17 + i] !== bytes[t + 21 + i]) {
            same = false;
            break;
          }
        }
      }
    }
    if (!same) {
      const instant = this.#parseMinute(bytes, t);
      if (instant === undefined || !this.collector.plausible(instant)) {
        this.#minuteValid = false;
        this.#malformed(bytes, start, end, instant === undefined ? 'bad timestamp' : IMPLAUSIBLE);
        return;
      }
      bytes.copy(key, 0, t, t + 17);
      bytes.copy(key, 17, t + 21, t + 26);
      this.#minuteValid = true;
      this.#minuteInstant = instant;
      hour = this.#minuteHour = this.collector.hourAt(instant);
    }

    // `"request" status size` and, in the Combined format, `"referer" "user agent"`; fields
    // some servers append after these are ignored.
    const requestEnd = closingQuote(bytes, t + 29, end);
    let p = requestEnd + 1;
    if (
      requestEnd < 0 ||
      bytes[p] !== SPACE ||
      !isDigit(bytes[p + 1]) ||
      !isDigit(bytes[p + 2]) ||
      !isDigit(bytes[p + 3])
    ) {
      this.#malformed(bytes, start, end, 'no "request" status size (cut off?)');
      return;
    }
    p += 4;
    if (bytes[p] !== SPACE) {
      this.#malformed(bytes, start, end, 'no "request" status size (cut off?)');
      return;
    }
    p += 1;
    while (p < end && bytes[p] !== SPACE) p += 1;

    let agentStart = -1;
    let agentEnd = -1;
    if (p + 1 < end && bytes[p + 1] === QUOTE) {
      const refererEnd = closingQuote(bytes, p + 2, end);
      if (refererEnd > 0 && bytes[refererEnd + 1] === SPACE && bytes[refererEnd + 2] === QUOTE) {
        agentStart = refererEnd + 3;
        agentEnd = closingQuote(bytes, agentStart, end);
      }
      if (agentEnd < 0) {
        this.#malformed(bytes, start, end, 'cut off in the referer or user agent');
        return;
      }
    }

    let hash = FNV_OFFSET;
    for (let i = start; i < addressEnd; i += 1)
      hash = Math.imul(hash ^ (bytes[i] ?? 0), 0x01000193);
    let bot = false;
    if (agentStart >= 0) {
      this.formats.combined += 1;
      hash = Math.imul(hash ^ SPACE, 0x01000193);
      for (let i = agentStart; i < agentEnd; i += 1) {
        const byte = bytes[i] ?? 0;
        hash = Math.imul(hash ^ byte, 0x01000193);
        const lower = byte | 0x20;
        // "bot", "spider", "crawl", in any case; checked only at a b, s or c.
        if (
          (lower === 0x62 &&
            ((bytes[i + 1] ?? 0) | 0x20) === 0x6f &&
            ((bytes[i + 2] ?? 0) | 0x20) === 0x74) ||
          (lower === 0x73 &&
            ((bytes[i + 1] ?? 0) | 0x20) === 0x70 &&
            ((bytes[i + 2] ?? 0) | 0x20) === 0x69 &&
            ((bytes[i + 3] ?? 0) | 0x20) === 0x64) ||
          (lower === 0x63 &&
            ((bytes[i + 1] ?? 0) | 0x20) === 0x72 &&
            ((bytes[i + 2] ?? 0) | 0x20) === 0x61 &&
            ((bytes[i + 3] ?? 0) | 0x20) === 0x77)
        ) {
          bot = true;
        }
      }
    } else {
      this.formats.clf += 1;
    }

    const instant = this.#minuteInstant;
    if (instant < this.first) this.first = instant;
    if (instant > this.last) this.last = instant;
    if (!hour) return;
    if (bot) {
      this.bots += 1;
      hour.bots += 1;
      return;
    }
    this.requests += 1;
    hour.requests += 1;
    hour.visitors.add(mix32(hash));
  }

  /** The instant of the minute in `[dd/Mon/yyyy:HH:MM:SS ±zzzz]` at `t`, or `undefined`. */
  #parseMinute(bytes: Buffer, t: number): number | undefined {
    const day = digit2(bytes, t);
    const month = MONTHS.get(
      ((bytes[t + 3] ?? 0) << 16) | ((bytes[t + 4] ?? 0) << 8) | (bytes[t + 5] ?? 0),
    );
    const century = digit2(bytes, t + 7);
    const yearInCentury = digit2(bytes, t + 9);
    const hour = digit2(bytes, t + 12);
    const minute = digit2(bytes, t + 15);
    const sign = bytes[t + 21];
    const offsetHours = digit2(bytes, t + 22);
    const offsetMinutes = digit2(bytes, t + 24);
    if (
      month === undefined ||
      day < 1 ||
      day > (DAYS_IN_MONTH[month] ?? 0) ||
      century < 0 ||
      yearInCentury < 0 ||
      hour < 0 ||
      hour > 23 ||
      minute < 0 ||
      minute > 59 ||
      (sign !== PLUS && sign !== DASH) ||
      offsetHours < 0 ||
      offsetMinutes < 0 ||
      offsetMinutes > 59 ||
      bytes[t + 2] !== 0x2f ||
      bytes[t + 6] !== 0x2f ||
      bytes[t + 11] !== 0x3a ||
      bytes[t + 14] !== 0x3a ||
      bytes[t + 17] !== 0x3a ||
      bytes[t + 20] !== SPACE
    ) {
      return undefined;
    }
    const year = century * 100 + yearInCentury;
    if (month === 1 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) {
      return undefined;
    }
    const offset = (offsetHours * 60 + offsetMinutes) * MINUTE_MS;
    return Date.UTC(year, month, day, hour, minute) - (sign === PLUS ? offset : -offset);
  }

  #jsonLine(bytes: Buffer, start: number, end: number): void {
    let record: unknown;
    try {
      record = JSON.parse(bytes.toString('utf8', start, end));
    } catch {
      this.#malformed(bytes, start, end, 'not valid JSON (cut off?)');
      return;
    }
    const names = this.collector.jsonTimeFields;
    let time: unknown;
    for (const name of names) {
      time = fieldAt(record, name);
      if (time !== undefined) break;
    }
    if (time === undefined) {
      this.#malformed(bytes, start, end, `no time field (${names.join(', ')})`);
      return;
    }
    const instant = jsonInstant(time);
    if (typeof instant === 'string') {
      this.#malformed(bytes, start, end, instant);
      return;
    }
    if (!this.collector.plausible(instant)) {
      this.#malformed(bytes, start, end, IMPLAUSIBLE);
      return;
    }
    const address = stringField(record, JSON_ADDRESS_FIELDS);
    if (address === undefined) {
      this.#malformed(bytes, start, end, `no client address (${JSON_ADDRESS_FIELDS.join(', ')})`);
      return;
    }
    const agent = stringField(record, JSON_AGENT_FIELDS);
    this.formats.json += 1;

    const minute = Math.floor(instant / MINUTE_MS);
    if (minute !== this.#jsonMinute || !this.#jsonHour) {
      this.#jsonMinute = minute;
      this.#jsonHour = this.collector.hourAt(minute * MINUTE_MS);
    }
    const hour = this.#jsonHour;
    const minuteInstant = minute * MINUTE_MS;
    if (minuteInstant < this.first) this.first = minuteInstant;
    if (minuteInstant > this.last) this.last = minuteInstant;
    if (agent !== undefined && isBotAgent(agent)) {
      this.bots += 1;
      hour.bots += 1;
      return;
    }
    let hash = FNV_OFFSET;
    for (let i = 0; i < address.length; i += 1) hash = fnv1a(hash, address.charCodeAt(i));
    if (agent !== undefined) {
      hash = fnv1a(hash, SPACE);
      for (let i = 0; i < agent.length; i += 1) hash = fnv1a(hash, agent.charCodeAt(i));
    }
    this.requests += 1;
    hour.requests += 1;
    hour.visitors.add(mix32(hash));
  }

  #malformed(bytes: Buffer, start: number, end: number, reason: string): void {
    this.malformed += 1;
    this.collector.noteMalformed({
      file: this.file,
      line: this.lines,
      reason,
      excerpt: bytes.toString('utf8', start, Math.min(end, start + 120)),
    });
  }
}

/** Collects usage from any number of files into one set of hours. */
export class UsageCollector {
  readonly timeZone: TimeZone;
  readonly jsonTimeFields: readonly string[];
  readonly #hours = new Map<number, HourUsage>();
  readonly #files: LogFileSummary[] = [];
  readonly #examples: MalformedLine[] = [];
  readonly #latest: number;

  constructor(options: UsageOptions) {
    this.timeZone = options.timeZone;
    this.jsonTimeFields = options.jsonField !== undefined ? [options.jsonField] : JSON_TIME_FIELDS;
    this.#latest = (options.now ?? Date.now()) + FUTURE_SLACK_MS;
  }

  /** Whether a line's instant can be a real request (also false for NaN and infinities). */
  plausible(instant: number): boolean {
    return instant >= EARLIEST_PLAUSIBLE && instant <= this.#latest;
  }

  /** The bucket of the local hour containing `instant`. */
  hourAt(instant: number): HourUsage {
    const start = this.timeZone.startOfHour(instant);
    let hour = this.#hours.get(start);
    if (!hour) {
      hour = { start, requests: 0, bots: 0, visitors: new HyperLogLog() };
      this.#hours.set(start, hour);
    }
    return hour;
  }

  noteMalformed(line: MalformedLine): void {
    if (this.#examples.length < MAX_EXAMPLES) this.#examples.push(line);
  }

  /** Reads one file (plain or gzip) to its end. Throws only when it cannot be opened. */
  async addFile(file: string): Promise<LogFileSummary> {
    const gzip = await isGzip(file);
    const parse = new FileParse(file, this);
    const raw = createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
    let stream: Readable = raw;
    if (gzip) {
      const gunzip = createGunzip({ chunkSize: READ_CHUNK_BYTES });
      raw.on('error', (error) => gunzip.destroy(error));
      stream = raw.pipe(gunzip);
    }
    let carry: Buffer | undefined;
    let dropping = false;
    let problem: string | undefined;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        parse.bytes += chunk.length;
        let from = 0;
        if (carry !== undefined || dropping) {
          const newline = chunk.indexOf(NEWLINE);
          if (newline === -1) {
            if (!dropping) carry = joinCarry(carry, chunk);
            if (carry && carry.length > MAX_LINE_BYTES) {
              carry = undefined;
              dropping = true;
            }
            continue;
          }
          if (dropping) {
            parse.lines += 1;
            parse.malformed += 1;
            this.noteMalformed({
              file,
              line: parse.lines,
              reason: `line longer than ${MAX_LINE_BYTES / 1024} KiB`,
              excerpt: '',
            });
            dropping = false;
          } else if (carry) {
            const line = joinCarry(carry, chunk.subarray(0, newline));
            parse.line(line, 0, line.length);
          }
          carry = undefined;
          from = newline + 1;
        }
        for (
          let newline = chunk.indexOf(NEWLINE, from);
          newline !== -1;
          newline = chunk.indexOf(NEWLINE, from)
        ) {
          parse.line(chunk, from, newline);
          from = newline + 1;
        }
        // Stream chunks are never reused, so the tail can be kept without a copy.
        if (from < chunk.length) carry = chunk.subarray(from);
      }
    } catch (error) {
      if (!gzip) throw error;
      problem = `stopped reading: ${error instanceof Error ? error.message : String(error)} (a truncated .gz?)`;
    }
    if (carry && carry.length > 0 && problem === undefined) parse.line(carry, 0, carry.length);
    const summary: LogFileSummary = {
      file,
      gzip,
      bytes: parse.bytes,
      lines: parse.lines,
      requests: parse.requests,
      bots: parse.bots,
      malformed: parse.malformed,
      formats: parse.formats,
      first: Number.isFinite(parse.first) ? parse.first : undefined,
      last: Number.isFinite(parse.last) ? parse.last : undefined,
      ...(problem !== undefined && { problem }),
    };
    this.#files.push(summary);
    return summary;
  }

  result(): UsageLog {
    return {
      timeZone: this.timeZone,
      hours: this.#hours,
      files: this.#files,
      malformedExamples: this.#examples,
    };
  }
}

function joinCarry(carry: Buffer | undefined, more: Buffer): Buffer {
  return carry ? Buffer.concat([carry, more]) : Buffer.from(more);
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Reads every file in turn into one usage log. */
export async function readUsage(
  files: readonly string[],
  options: UsageOptions,
): Promise<UsageLog> {
  const collector = new UsageCollector(options);
  for (const file of files) await collector.addFile(file);
  return collector.result();
}

/** Totals over all files. */
export function usageTotals(usage: UsageLog): {
  lines: number;
  requests: number;
  bots: number;
  malformed: number;
  bytes: number;
  formats: LogFormats;
  first: number | undefined;
  last: number | undefined;
} {
  const totals = {
    lines: 0,
    requests: 0,
    bots: 0,
    malformed: 0,
    bytes: 0,
    formats: { clf: 0, combined: 0, json: 0 },
    first: undefined as number | undefined,
    last: undefined as number | undefined,
  };
  for (const file of usage.files) {
    totals.lines += file.lines;
    totals.requests += file.requests;
    totals.bots += file.bots;
    totals.malformed += file.malformed;
    totals.bytes += file.bytes;
    totals.formats.clf += file.formats.clf;
    totals.formats.combined += file.formats.combined;
    totals.formats.json += file.formats.json;
    if (file.first !== undefined && (totals.first === undefined || file.first < totals.first))
      totals.first = file.first;
    if (file.last !== undefined && (totals.last === undefined || file.last > totals.last))
      totals.last = file.last;
  }
  return totals;
}
