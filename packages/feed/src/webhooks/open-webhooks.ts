/** Webhook subscriptions for one feed server: where they are kept, and who delivers them. */
import { SUBSCRIPTION_DEFAULTS, type FeedConfig } from '@statuskit/model';
import type { Logger } from '../log.js';
import type { FeedMetrics } from '../metrics.js';
import { RedisProbeLease, soleLease } from '../probes/probe-lease.js';
import type { SigningKeys } from '../signing/signing-keys.js';
import type { ChangeStore } from '../store/change-store.js';
import type { RedisStoreSettings } from '../store/redis-change-store.js';
import { FileSubscriptionStore } from './file-subscriptions.js';
import { RedisSubscriptionStore } from './redis-subscriptions.js';
import type { RetryPolicy } from './retry-schedule.js';
import type { SubscriptionStore } from './subscription-store.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

/** Tests and benchmarks only: faster retries and a shorter attempt limit. */
export interface WebhookTiming {
  readonly retry?: Partial<RetryPolicy>;
  readonly timeoutMs?: number;
  /** How long the Redis webhook lease lives, in ms. */
  readonly leaseMs?: number;
  /** How often subscriptions made by other processes are looked for, in ms. */
  readonly refreshMs?: number;
}

export interface Webhooks {
  readonly subscriptions: SubscriptionStore;
  readonly dispatcher: WebhookDispatcher;
}

/**
 * With Redis, subscriptions live in Redis and the holder of the webhook lease delivers; else
 * they live in the data dir (`webhooks.json`). `undefined` when there is neither (a store given
 * by a caller without a data dir): the feed then has no webhooks.
 */
export async function openWebhooks(options: {
  readonly config: FeedConfig;
  readonly store: ChangeStore;
  readonly redis: RedisStoreSettings | undefined;
  readonly dataDir: string | undefined;
  readonly metrics: FeedMetrics;
  readonly log: Logger;
  readonly now: () => Date;
  readonly signingKeys: SigningKeys | undefined;
  readonly timing: WebhookTiming | undefined;
}): Promise<Webhooks | undefined> {
  const { redis, dataDir, timing } = options;
  let subscriptions: SubscriptionStore;
  if (redis) subscriptions = new RedisSubscriptionStore(redis.url, redis.keyPrefix);
  else if (dataDir !== undefined) subscriptions = new FileSubscriptionStore(dataDir);
  else return undefined;
  await subscriptions.open();
  const lease = redis
    ? new RedisProbeLease({
        url: redis.url,
        keyPrefix: redis.keyPrefix,
        log: options.log,
        name: 'webhook-lease',
        ...(timing?.leaseMs !== undefined && { leaseMs: timing.leaseMs }),
      })
    : soleLease;
  const dispatcher = new WebhookDispatcher({
    store: options.store,
    subscriptions,
    lease,
    metrics: options.metrics,
    log: options.log,
    now: options.now,
    allowPrivateAddresses: (options.config.subscriptions ?? SUBSCRIPTION_DEFAULTS)
      .allowPrivateAddresses,
    signingKeys: options.signingKeys,
    retry: timing?.retry,
    timeoutMs: timing?.timeoutMs,
    refreshMs: timing?.refreshMs,
  });
  return { subscriptions, dispatcher };
}
