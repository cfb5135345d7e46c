/**
 * Subscriptions in Redis, beside the feed's changes: the hash `<prefix>webhook-subscriptions`
 * (id → subscription JSON) and the hash `<prefix>webhook-states` (id → delivery state JSON).
 * The state is written by a script that writes only while the subscription exists, so the
 * delivering process never brings back one another process removed.
 */
import type { Redis } from 'ioredis';
import { parseRedisAddress } from '../store/redis-address.js';
import { connectRedis } from '../store/redis-stream.js';
import type { DeliveryState, Subscription } from './subscription.js';
import type { SubscriptionStore } from './subscription-store.js';

// KEYS: subscriptions, states. ARGV: id, subscription, state, authority, max.
const ADD = `local held = 0
for _, value in ipairs(redis.call('HVALS', KEYS[1])) do
  if cjson.decode(value).authority == ARGV[4] then held = held + 1 end
end
if held >= tonumber(ARGV[5]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return 1`;
const SAVE_STATE = `if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
end
return 0`;

export class RedisSubscriptionStore implements SubscriptionStore {
  readonly #redis: Redis;
  readonly #subscriptionsKey: string;
  readonly #statesKey: string;

  constructor(url: string, keyPrefix = 'statuskit:') {
    this.#redis = connectRedis(parseRedisAddress(url), {});
    this.#redis.on('error', () => undefined);
    this.#subscriptionsKey = `${keyPrefix}webhook-subscriptions`;
    this.#statesKey = `${keyPrefix}webhook-states`;
  }

  open(): Promise<void> {
    return Promise.resolve();
  }

  async list(): Promise<readonly Subscription[]> {
    const values = await this.#redis.hvals(this.#subscriptionsKey);
    return values
      .map((value) => JSON.parse(value) as Subscription)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async add(subscription: Subscription, state: DeliveryState, max: number): Promise<boolean> {
    const added = await this.#redis.eval(
      ADD,
      2,
      this.#subscriptionsKey,
      this.#statesKey,
      subscription.id,
      JSON.stringify(subscription),
      JSON.stringify(state),
      subscription.authority,
      max,
    );
    return added === 1;
  }

  async remove(id: string): Promise<boolean> {
    const [[, removed] = []] =
      (await this.#redis
        .multi()
        .hdel(this.#subscriptionsKey, id)
        .hdel(this.#statesKey, id)
        .exec()) ?? [];
    return removed === 1;
  }

  async states(): Promise<ReadonlyMap<string, DeliveryState>> {
    const all = await this.#redis.hgetall(this.#statesKey);
    return new Map(
      Object.entries(all).map(([id, value]) => [id, JSON.parse(value) as DeliveryState]),
    );
  }

  async saveState(id: string, state: DeliveryState): Promise<void> {
    await this.#redis.eval(
      SAVE_STATE,
      2,
      this.#subscriptionsKey,
      this.#statesKey,
      id,
      JSON.stringify(state),
    );
  }

  close(): Promise<void> {
    this.#redis.disconnect();
    return Promise.resolve();
  }
}
