import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { ProbeCheck } from '../probes/probe-check.js';
import {
  countsOf,
  isRecordable,
  KEEP_MS,
  type HourCounts,
  type ProbeHours,
  type ServiceHours,
} from '../probes/probe-hours.js';
import { DAY_MS } from '../planning/zoned-time.js';
import { describeError } from './data-dir.js';
import { parseRedisAddress } from './redis-address.js';
import { connectRedis } from './redis-stream.js';

export interface RedisProbeHoursOptions {
  readonly url: string;
  /** The Redis store's key prefix (default `statuskit:`). */
  readonly keyPrefix?: string | undefined;
  readonly now: () => Date;
  readonly log: Logger;
  /** How long a service's hours read from Redis are reused, in ms (default 60,000). */
  readonly cacheMs?: number;
}

interface Cached {
  readonly until: number;
  readonly hours: readonly HourCounts[];
}

/**
 * Probe results in Redis, for feeds scaled out on the Redis store: every worker and host answers
 * availability from the same counts, while only the process that probes writes them.
 *
 * One hash per service, `<prefix>probe-hours:<service>`, with four fields per UTC hour (its start
 * in ms): `<hour>:c` checks, `<hour>:o` successful, `<hour>:s` slow (HINCRBY, in one MULTI per
 * check, so a check is counted whole or not at all) and `<hour>:f`, the first check's time
 * (HSETNX). Each write renews the key's expiry to 91 days, and fields of hours older than 90 days
 * are deleted once an hour, so a probe taken out of the config leaves nothing behind for long.
 * A check written while Redis is away is lost, logged and counted.
 */
export class RedisProbeHours implements ProbeHours {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #now: () => Date;
  readonly #log: Logger;
  readonly #cacheMs: number;
  readonly #where: string;
  readonly #cache = new Map<string, Cached>();
  readonly #written = new Set<string>();
  #prunedAt = 0;
  #closed = false;
  #failures = 0;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: RedisProbeHoursOptions) {
    const address = parseRedisAddress(options.url);
    this.#where = address.location;
    this.#redis = connectRedis(address, { enableOfflineQueue: false, commandTimeout: 5000 });
    this.#redis.on('error', () => undefined); // failures are counted where commands fail
    this.#prefix = options.keyPrefix ?? 'statuskit:';
    this.#now = options.now;
    this.#log = options.log;
    this.#cacheMs = options.cacheMs ?? 60_000;
  }

  get failures(): number {
    return this.#failures;
  }

  async open(): Promise<void> {
    await this.#redis.connect();
  }

  record(check: ProbeCheck): void {
    if (this.#closed || !isRecordable(check)) {
      this.#failures += 1;
      return;
    }
    const counts = countsOf(check);
    const key = this.#key(check.service);
    const field = String(counts.hour);
    const write = this.#redis
      .multi()
      .hincrby(key, `${field}:c`, 1)
      .hincrby(key, `${field}:o`, counts.ok)
      .hincrby(key, `${field}:s`, counts.slow)
      .hsetnx(key, `${field}:f`, String(counts.first))
      .pexpire(key, KEEP_MS + DAY_MS)
      .exec()
      .then((results) => {
        // A command inside MULTI fails on its own (a key of another type) without rejecting.
        const failed = results?.find(([error]) => error !== null)?.[0];
        if (failed) throw failed;
        this.#written.add(check.service);
        this.#cache.delete(check.service);
      })
      .then(
        () => this.#pruneHourly(),
        (error: unknown) => {
          this.#fail(error);
        },
      );
    this.#inFlight.add(write);
    void write.finally(() => this.#inFlight.delete(write));
  }

  async hours(service: string, from: number): Promise<ServiceHours> {
    const now = this.#now().getTime();
    let cached = this.#cache.get(service);
    if (!cached || now >= cached.until) {
      const fields = await this.#redis.hgetall(this.#key(service));
      cached = { until: now + this.#cacheMs, hours: parseHours(fields, now - KEEP_MS) };
      if (this.#cache.size > 10_000) this.#cache.clear();
      this.#cache.set(service, cached);
    }
    const { hours } = cached;
    return { since: hours[0]?.first, hours: hours.filter((counts) => counts.hour >= from) };
  }

  async flush(): Promise<void> {
    await Promise.all(this.#inFlight);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.flush();
    await this.#redis.quit().catch(() => undefined);
    this.#redis.disconnect();
  }

  #key(service: string): string {
    return `${this.#prefix}probe-hours:${service}`;
  }

  /** Deletes the fields of hours past 90 days, once an hour; a failure waits for the next. */
  async #pruneHourly(): Promise<void> {
    const now = this.#now().getTime();
    if (now - this.#prunedAt < 3_600_000) return;
    this.#prunedAt = now;
    const before = now - KEEP_MS;
    try {
      for (const service of this.#written) {
        const key = this.#key(service);
        const old = (await this.#redis.hkeys(key)).filter(
          (field) => Number(field.split(':')[0]) < before,
        );
        if (old.length > 0) await this.#redis.hdel(key, ...old);
      }
    } catch (error) {
      this.#log({
        level: 'warn',
        msg: `old probe results could not be deleted from Redis at ${this.#where}: ${describeError(error)}`,
      });
    }
  }

  #fail(error: unknown): void {
    this.#failures += 1;
    // One line per hundred failures: a Redis that is away must not flood the log.
    if (this.#failures % 100 !== 1) return;
    this.#log({
      level: 'error',
      msg: `probe results could not be written to Redis at ${this.#where}: ${describeError(error)}`,
      failures: this.#failures,
    });
  }
}

/** The hash's fields as hours, oldest first, leaving out those before `keepFrom`. */
function parseHours(fields: Record<string, string>, keepFrom: number): HourCounts[] {
  const byHour = new Map<number, { checks: number; ok: number; slow: number; first: number }>();
  for (const [name, raw] of Object.entries(fields)) {
    const [hourText, kind] = name.split(':');
    const hour = Number(hourText);
    const value = Number(raw);
    if (!Number.isSafeInteger(hour) || hour < keepFrom || !Number.isFinite(value)) continue;
    let entry = byHour.get(hour);
    if (!entry) byHour.set(hour, (entry = { checks: 0, ok: 0, slow: 0, first: hour }));
    if (kind === 'c') entry.checks = value;
    else if (kind === 'o') entry.ok = value;
    else if (kind === 's') entry.slow = value;
    else if (kind === 'f') entry.first = value;
  }
  return [...byHour.entries()]
    .filter(([, entry]) => entry.checks > 0)
    .sort(([a], [b]) => a - b)
    .map(([hour, entry]) => ({ hour, ...entry }));
}
