/**
 * The `subscriptions` group of the feed config: where webhook deliveries may go and how many
 * subscriptions one authority may hold.
 */
import { boolean, positiveInteger } from './primitives.js';
import { definedOnly, readObject, type Reader } from './reader.js';

export interface SubscriptionSettings {
  /**
   * Deliver to loopback and private addresses too (tests, internal networks). Off by default:
   * otherwise anyone with an admin token could make the feed probe its own network.
   */
  readonly allowPrivateAddresses: boolean;
  /** Webhook subscriptions one authority may hold. */
  readonly maxPerAuthority: number;
}

export const SUBSCRIPTION_DEFAULTS: SubscriptionSettings = {
  allowPrivateAddresses: false,
  maxPerAuthority: 1000,
};

export const subscriptionSettings: Reader<SubscriptionSettings> = (value, path, issues) =>
  readObject(value, path, issues, (fields) => ({
    ...SUBSCRIPTION_DEFAULTS,
    ...definedOnly({
      allowPrivateAddresses: fields.optional('allowPrivateAddresses', boolean),
      maxPerAuthority: fields.optional('maxPerAuthority', positiveInteger),
    }),
  }));
