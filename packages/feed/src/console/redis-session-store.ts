import type { Redis } from 'ioredis';
import { parseRedisAddress } from '../store/redis-address.js';
import { connectRedis } from '../store/redis-stream.js';
import { isConsoleSession, type ConsoleSession, type SessionStore } from './session-store.js';

export interface RedisSessionStoreOptions {
  readonly url: string;
  /** The Redis store's key prefix (default `statuskit:`). */
  readonly keyPrefix?: string | undefined;
}

/**
 * Sessions in Redis, shared by every process of the feed: one string key per session,
 * `<prefix>console-session:<sha256 of the secret>`, holding the session as JSON, with a Redis
 * expiry, so nothing outlives its keeping time even if no process reads it again.
 */
export class RedisSessionStore implements SessionStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(options: RedisSessionStoreOptions) {
    this.#redis = connectRedis(parseRedisAddress(options.url), { commandTimeout: 5000 });
    // Failures reach the request that needed the session (as a 500 logged by the server).
    this.#redis.on('error', () => undefined);
    this.#prefix = `${options.keyPrefix ?? 'statuskit:'}console-session:`;
  }

  async save(secretHash: string, session: ConsoleSession, keepMs: number): Promise<void> {
    const ms = Math.max(1, Math.ceil(keepMs));
    await this.#redis.set(this.#prefix + secretHash, JSON.stringify(session), 'PX', ms);
  }

  async find(secretHash: string): Promise<ConsoleSession | undefined> {
    const text = await this.#redis.get(this.#prefix + secretHash);
    if (text === null) return undefined;
    const value: unknown = JSON.parse(text);
    return isConsoleSession(value) ? value : undefined;
  }

  async remove(secretHash: string): Promise<void> {
    await this.#redis.del(this.#prefix + secretHash);
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => undefined);
  }
}
