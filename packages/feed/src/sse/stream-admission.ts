/**
 * Load shedding for event streams: a public endpoint must not fall to one client. Each stream
 * holds a file descriptor for as long as it is open, so a process takes at most `maxStreams`,
 * and one client address (an IPv6 /64) at most `maxStreamsPerAddress`. A stream holds its slot
 * from admission until its response closes, however it closes (hang-up, dropped as too slow,
 * shutdown, an error answer), so slots cannot leak.
 */
import type { ServerResponse } from 'node:http';
import { addressKey } from '../http/client-address.js';
import { HttpError } from '../http/http-error.js';
import type { FeedMetrics } from '../metrics.js';

export interface StreamAdmissionOptions {
  readonly maxStreams: number;
  readonly maxStreamsPerAddress: number;
  readonly metrics: FeedMetrics;
}

/** Open streams of one client address; shared by its streams, forgotten at zero. */
interface AddressSlots {
  readonly key: string;
  streams: number;
}

/** `Retry-After` of a refused stream: 5–30 s, spread so refused clients do not return together. */
export const RETRY_AFTER_RANGE_SECONDS = { min: 5, max: 30 } as const;

export class StreamAdmission {
  readonly #options: StreamAdmissionOptions;
  /** Only addresses with an open stream: memory follows the streams, not the clients ever seen. */
  readonly #addresses = new Map<string, AddressSlots>();
  /**
   * Each admitted stream's address. A WeakMap and one shared `close` listener rather than a
   * closure per stream: the fan-out's memory per stream must not grow.
   */
  readonly #held = new WeakMap<ServerResponse, AddressSlots>();
  readonly #onClose: (this: ServerResponse) => void;
  #open = 0;

  constructor(options: StreamAdmissionOptions) {
    this.#options = options;
    const release = (res: ServerResponse): void => {
      this.#release(res);
    };
    this.#onClose = function (this: ServerResponse) {
      release(this);
    };
  }

  /** Streams admitted and not yet closed (also those still being sent their snapshot). */
  get openStreams(): number {
    return this.#open;
  }

  /** Client addresses (IPv6: /64 networks) with at least one open stream. */
  get addresses(): number {
    return this.#addresses.size;
  }

  get maxStreams(): number {
    return this.#options.maxStreams;
  }

  get maxStreamsPerAddress(): number {
    return this.#options.maxStreamsPerAddress;
  }

  /**
   * Gives the stream on `res` a slot until `res` closes, or throws before anything is answered:
   * 429 when `address` holds its share already, 503 when the process is full. Both carry a
   * jittered `Retry-After`.
   */
  admit(res: ServerResponse, address: string): void {
    // Gone already: its 'close' may have been emitted, and the slot would never come back.
    if (res.destroyed) return;
    const { metrics, maxStreams, maxStreamsPerAddress } = this.#options;
    const key = addressKey(address);
    const slots = this.#addresses.get(key);
    if (slots && slots.streams >= maxStreamsPerAddress) {
      metrics.streamsRefusedAddress += 1;
      const retryAfter = jitteredRetryAfter();
      throw new HttpError(
        429,
        `too many open streams from ${key}: at most ${maxStreamsPerAddress} per address; close one, or retry in ${retryAfter} s (pages on one browser share one stream)`,
        undefined,
        { 'retry-after': String(retryAfter) },
      );
    }
    if (this.#open >= maxStreams) {
      metrics.streamsRefusedCapacity += 1;
      const retryAfter = jitteredRetryAfter();
      throw new HttpError(
        503,
        `the feed is at capacity (${maxStreams} open streams); retry in ${retryAfter} s. /v1/status.json still answers`,
        undefined,
        { 'retry-after': String(retryAfter) },
      );
    }
    const held = slots ?? { key, streams: 0 };
    if (!slots) this.#addresses.set(key, held);
    held.streams += 1;
    this.#open += 1;
    this.#held.set(res, held);
    res.on('close', this.#onClose);
  }

  #release(res: ServerResponse): void {
    const held = this.#held.get(res);
    if (!held) return;
    this.#held.delete(res);
    res.off('close', this.#onClose);
    this.#open -= 1;
    held.streams -= 1;
    if (held.streams === 0) this.#addresses.delete(held.key);
  }
}

function jitteredRetryAfter(): number {
  const { min, max } = RETRY_AFTER_RANGE_SECONDS;
  return min + Math.floor(Math.random() * (max - min + 1));
}
