/**
 * Failed sign-ins (every 401 of the admin API): counted, logged with the client's address at a
 * bounded rate, and slowed per address. Addresses come from the socket (`remoteAddress`), or,
 * from a trusted proxy (`--trust-proxy`), from `X-Forwarded-For` by the rule in
 * http/client-address.ts; behind an untrusted proxy they are the proxy's.
 *
 * Only the answer to a failure is held back: a correct token is answered at once, from any
 * address, so an attacker cannot lock an operator out (not even one behind the same NAT).
 */
import type { IncomingMessage } from 'node:http';
import {
  addressKey,
  clientAddress,
  NO_TRUSTED_PROXIES,
  type TrustedProxies,
} from './http/client-address.js';
import type { Logger } from './log.js';
import type { FeedMetrics } from './metrics.js';

export interface SignInGuardOptions {
  /** Failures within `periodMs` answered at once; later ones are delayed. */
  readonly freeFailures: number;
  /** An address's failures are forgotten this long after its last one. */
  readonly periodMs: number;
  /** Delay of the first slowed answer; each further failure doubles it, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Answers held back at once per address; more are refused with 429 at once. */
  readonly maxHeldPerAddress: number;
  /** Addresses remembered at most (the least recently failing is forgotten first). */
  readonly maxAddresses: number;
  /** One log line per address per interval; the line says how many were left out. */
  readonly logIntervalMs: number;
  /** Log lines about failed sign-ins per interval, all addresses together. */
  readonly maxLinesPerInterval: number;
}

export const SIGN_IN_GUARD_DEFAULTS: SignInGuardOptions = {
  freeFailures: 5,
  periodMs: 15 * 60_000,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxHeldPerAddress: 20,
  maxAddresses: 10_000,
  logIntervalMs: 60_000,
  maxLinesPerInterval: 100,
};

interface AddressRecord {
  failures: number;
  lastFailureAt: number;
  /** When this address last got a log line; `undefined` before its first. */
  loggedAt: number | undefined;
  /** Failures since that line that were not logged. */
  unlogged: number;
  held: number;
}

/** What to do with a failed sign-in: answer after `delayMs`, or refuse at once (429). */
export type FailureAnswer =
  | { readonly kind: 'answer'; readonly delayMs: number }
  | { readonly kind: 'too-many'; readonly retryAfterSeconds: number };

export class SignInGuard {
  readonly #options: SignInGuardOptions;
  readonly #now: () => Date;
  readonly #log: Logger;
  readonly #metrics: FeedMetrics;
  readonly #proxies: TrustedProxies;
  readonly #addresses = new Map<string, AddressRecord>();
  readonly #timers = new Set<{ timer: NodeJS.Timeout; release: () => void }>();
  #intervalStart = Number.NEGATIVE_INFINITY;
  #linesInInterval = 0;
  #droppedLines = 0;

  constructor(
    metrics: FeedMetrics,
    log: Logger,
    now: () => Date,
    options: Partial<SignInGuardOptions> = {},
    proxies: TrustedProxies = NO_TRUSTED_PROXIES,
  ) {
    this.#metrics = metrics;
    this.#proxies = proxies;
    this.#log = log;
    this.#now = now;
    this.#options = { ...SIGN_IN_GUARD_DEFAULTS, ...options };
  }

  /** Addresses with failures remembered (bounded by `maxAddresses`). */
  get trackedAddresses(): number {
    return this.#addresses.size;
  }

  /** The address a request's failures count against (see http/client-address.ts). */
  addressOf(req: IncomingMessage): string {
    return clientAddress(req, this.#proxies);
  }

  /** Records a failed sign-in from `address`: counts it, maybe logs it, and says how to answer. */
  failed(address: string, reason: string): FailureAnswer {
    const at = this.#now().getTime();
    this.#metrics.adminAuthFailures += 1;
    const record = this.#recordFor(addressKey(address), at);
    record.failures += 1;
    record.lastFailureAt = at;
    this.#logFailure(address, reason, record, at);

    const over = record.failures - this.#options.freeFailures;
    if (over <= 0) return { kind: 'answer', delayMs: 0 };
    if (record.held >= this.#options.maxHeldPerAddress) {
      this.#metrics.adminAuthFailuresRefused += 1;
      return {
        kind: 'too-many',
        retryAfterSeconds: Math.ceil(this.#options.maxDelayMs / 1000),
      };
    }
    this.#metrics.adminAuthFailuresDelayed += 1;
    const delayMs = Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** (over - 1));
    return { kind: 'answer', delayMs };
  }

  /** Holds the failure's answer for `delayMs`; `close()` releases every held answer at once. */
  async hold(address: string, delayMs: number): Promise<void> {
    if (delayMs <= 0) return;
    const record = this.#addresses.get(addressKey(address));
    if (record) record.held += 1;
    await new Promise<void>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          entry.release();
        }, delayMs).unref(),
        release: () => {
          clearTimeout(entry.timer);
          this.#timers.delete(entry);
          resolve();
        },
      };
      this.#timers.add(entry);
    });
    if (record) record.held -= 1;
  }

  close(): void {
    for (const entry of [...this.#timers]) entry.release();
  }

  #recordFor(address: string, at: number): AddressRecord {
    const known = this.#addresses.get(address);
    // Re-inserting keeps the map in order of last failure, oldest first, for eviction.
    if (known) this.#addresses.delete(address);
    const record =
      known && at - known.lastFailureAt <= this.#options.periodMs
        ? known
        : {
            failures: 0,
            lastFailureAt: at,
            loggedAt: known?.loggedAt,
            unlogged: known?.unlogged ?? 0,
            held: known?.held ?? 0,
          };
    this.#forgetOld(at);
    this.#addresses.set(address, record);
    return record;
  }

  /** Drops expired addresses, then the least recent ones while the table is full. */
  #forgetOld(at: number): void {
    for (const [address, record] of this.#addresses) {
      const expired = at - record.lastFailureAt > this.#options.periodMs;
      const full = this.#addresses.size >= this.#options.maxAddresses;
      if (!expired && !full) break;
      this.#addresses.delete(address);
    }
  }

  #logFailure(address: string, reason: string, record: AddressRecord, at: number): void {
    if (record.loggedAt !== undefined && at - record.loggedAt < this.#options.logIntervalMs) {
      record.unlogged += 1;
      return;
    }
    if (at - this.#intervalStart >= this.#options.logIntervalMs) {
      if (this.#droppedLines > 0) {
        this.#log({
          level: 'warn',
          msg: 'failed admin sign-ins not logged: too many addresses at once',
          lines: this.#droppedLines,
        });
      }
      this.#intervalStart = at;
      this.#linesInInterval = 0;
      this.#droppedLines = 0;
    }
    if (this.#linesInInterval >= this.#options.maxLinesPerInterval) {
      this.#droppedLines += 1;
      record.unlogged += 1;
      return;
    }
    this.#linesInInterval += 1;
    this.#log({
      level: 'warn',
      msg: 'failed admin sign-in',
      address,
      ...(addressKey(address) !== address && { countedAs: addressKey(address) }),
      reason,
      failures: record.failures,
      ...(record.unlogged > 0 && { notLoggedSinceLastLine: record.unlogged }),
    });
    record.loggedAt = at;
    record.unlogged = 0;
  }
}
