/**
 * Which process runs the probes. With the file journal there is one process, which always
 * does. With Redis any number of feed processes share one feed, and exactly one of them may
 * probe: the one holding a lease key in Redis (`SET NX PX`), renewed while it lives by a script
 * that extends it only for its own token and released when it stops. When the holder dies, the
 * lease lapses and another process takes it at its next try.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { parseRedisAddress } from '../store/redis-address.js';
import { connectRedis } from '../store/redis-stream.js';

export interface ProbeLease {
  /** Starts trying to hold the lease; `onChange` is told each time this process gains or loses it. */
  start(onChange: (held: boolean) => void): void;
  /** Stops, releasing the lease when held. */
  stop(): Promise<void>;
}

/** The lease of a feed that is the only process on its store: held from start to stop. */
export const soleLease: ProbeLease = {
  start: (onChange) => {
    onChange(true);
  },
  stop: () => Promise.resolve(),
};

/** How long a lease lives without renewal, in ms; a dead holder's probes resume after this. */
export const PROBE_LEASE_MS = 15_000;

// Extends the lease only while it is still this process's (another may hold it after a pause).
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export interface RedisProbeLeaseOptions {
  readonly url: string;
  /** The feed's key prefix (default `statuskit:`): the lease is `<prefix>probe-lease`. */
  readonly keyPrefix?: string | undefined;
  readonly leaseMs?: number;
  readonly log: Logger;
  /**
   * What the lease is for, naming its key (`<prefix><name>`) and its log lines; default
   * `probe-lease`. Webhook deliveries hold one of their own (`webhook-lease`).
   */
  readonly name?: string;
}

export class RedisProbeLease implements ProbeLease {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #token = randomUUID();
  readonly #leaseMs: number;
  readonly #log: Logger;
  readonly #name: string;
  #held = false;
  #timer: NodeJS.Timeout | undefined;
  #tries: Promise<void> = Promise.resolve();
  #onChange: (held: boolean) => void = () => undefined;

  constructor(options: RedisProbeLeaseOptions) {
    this.#redis = connectRedis(parseRedisAddress(options.url), {});
    // An unreachable Redis shows as a lost lease (logged below), not as an unhandled event.
    this.#redis.on('error', () => undefined);
    this.#name = options.name ?? 'probe-lease';
    this.#key = `${options.keyPrefix ?? 'statuskit:'}${this.#name}`;
    this.#leaseMs = options.leaseMs ?? PROBE_LEASE_MS;
    this.#log = options.log;
  }

  start(onChange: (held: boolean) => void): void {
    this.#onChange = onChange;
    const tick = (): void => {
      this.#tries = this.#tries.then(() => this.#try());
    };
    tick();
    // Three tries per lease: a holder renews well before it lapses, a waiter takes over soon after.
    this.#timer = setInterval(tick, Math.max(1, Math.floor(this.#leaseMs / 3)));
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#tries;
    if (this.#held) {
      this.#set(false);
      await this.#redis.eval(RELEASE, 1, this.#key, this.#token).catch(() => undefined);
    }
    this.#redis.disconnect();
  }

  /** `probe` for the probe lease, `webhook` for `webhook-lease`: what the log lines speak of. */
  get #what(): string {
    return this.#name.replace(/-lease$/, '');
  }

  async #try(): Promise<void> {
    let held: boolean;
    try {
      held = this.#held
        ? (await this.#redis.eval(RENEW, 1, this.#key, this.#token, this.#leaseMs)) === 1
        : (await this.#redis.set(this.#key, this.#token, 'PX', this.#leaseMs, 'NX')) === 'OK';
    } catch (error) {
      // Without Redis this process cannot know whether another holds the lease: it stops probing.
      if (this.#held) {
        this.#log({
          level: 'warn',
          msg: `${this.#what} lease lost: Redis cannot be reached; ${this.#what}s pause here`,
          error: String(error),
        });
      }
      held = false;
    }
    this.#set(held);
  }

  #set(held: boolean): void {
    if (held === this.#held) return;
    this.#held = held;
    const what = this.#what;
    this.#log({
      level: 'info',
      msg: held ? `${what} lease taken: this process runs the ${what}s` : `${what} lease given up`,
    });
    this.#onChange(held);
  }
}
