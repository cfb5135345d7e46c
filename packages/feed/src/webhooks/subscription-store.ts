import type { DeliveryState, Subscription } from './subscription.js';

/**
 * Where subscriptions and their delivery cursors live: the data dir with the file journal, Redis
 * with Redis (so every feed process sees the same subscriptions). Every write is durable before
 * it resolves.
 */
export interface SubscriptionStore {
  open(): Promise<void>;
  /** Every subscription, oldest first. */
  list(): Promise<readonly Subscription[]>;
  /** Stores a new subscription unless its authority holds `max` already (then `false`). */
  add(subscription: Subscription, state: DeliveryState, max: number): Promise<boolean>;
  /** Removes the subscription with its state; `false` when there was none. */
  remove(id: string): Promise<boolean>;
  /** The delivery state of each subscription (absent: never written, start at the add). */
  states(): Promise<ReadonlyMap<string, DeliveryState>>;
  /**
   * Stores where a subscription's deliveries stand; a subscription removed meanwhile stays
   * removed.
   */
  saveState(id: string, state: DeliveryState): Promise<void>;
  close(): Promise<void>;
}
