/**
 * Delivers each accepted change to the subscriptions that want it. The outbox is the journal
 * itself: every subscription keeps a durable cursor (the revision delivered last), and what is
 * pending is every record after it. A crash or restart loses nothing (the cursor has not moved
 * past what was not answered) and keeps order; at worst the delivery in flight is sent again,
 * with the same `webhook-id`. Each subscription has its own lane with at most one delivery in
 * flight, so a slow or dead receiver holds up only itself, never the feed or other subscribers.
 * With several processes on Redis, the one holding the webhook lease delivers.
 */
import type { Logger } from '../log.js';
import type { FeedMetrics } from '../metrics.js';
import type { ProbeLease } from '../probes/probe-lease.js';
import type { SigningKeys } from '../signing/signing-keys.js';
import { filterScope } from '../sse/stream-filter.js';
import type { ChangeRecord, ChangeStore } from '../store/change-store.js';
import { EventNamer, type WebhookEvent } from './webhook-events.js';
import type { DeliveryState, Subscription } from './subscription.js';
import type { SubscriptionStore } from './subscription-store.js';
import { postDelivery, type AttemptOutcome } from './webhook-post.js';
import { RETRY_DEFAULTS, retryDelay, type RetryPolicy } from './retry-schedule.js';
import { signatureHeader } from './webhook-signature.js';

export interface WebhookDispatcherOptions {
  readonly store: ChangeStore;
  readonly subscriptions: SubscriptionStore;
  readonly lease: ProbeLease;
  readonly metrics: FeedMetrics;
  readonly log: Logger;
  readonly now: () => Date;
  readonly allowPrivateAddresses: boolean;
  /** Deliveries carry a `v1a,` Ed25519 signature too when given. */
  readonly signingKeys?: SigningKeys | undefined;
  readonly retry?: Partial<RetryPolicy> | undefined;
  /** Per attempt, in ms (default 10,000). */
  readonly timeoutMs?: number | undefined;
  /** How often subscriptions made by other processes are looked for, in ms (default 5,000). */
  readonly refreshMs?: number | undefined;
}

interface Lane {
  readonly subscription: Subscription;
  state: DeliveryState;
  /** A delivery is in flight. */
  busy: boolean;
  /** Waiting for the next attempt. */
  timer: NodeJS.Timeout | undefined;
  failures: number;
}

/** Events kept for lanes that are behind; about 100 MB at most with large incidents. */
const MAX_EVENTS_KEPT = 50_000;
/** Events kept whatever the lanes need: as many as the store keeps by default. */
const RECENT_EVENTS_KEPT = 1_000;

/** Lanes started per turn of the event loop. */
const PUMP_SLICE = 100;

export class WebhookDispatcher {
  readonly #options: WebhookDispatcherOptions;
  readonly #retry: RetryPolicy;
  readonly #namer = new EventNamer();
  /**
   * The event of each record not yet delivered everywhere, serialized once for every
   * subscriber (`undefined`: none to send).
   */
  readonly #events = new Map<number, { event: WebhookEvent; body: string } | undefined>();
  /** The oldest revision whose event is known; earlier ones are no longer kept. */
  #oldest = 1;
  readonly #lanes = new Map<string, Lane>();
  readonly #inFlight = new Set<AbortController>();
  readonly #pending = new Set<string>();
  #active = false;
  #closed = false;
  #refreshing: Promise<void> = Promise.resolve();
  #refreshTimer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #scopes: { of: unknown; byFilter: Map<string, ReadonlySet<string>> } = {
    of: undefined,
    byFilter: new Map(),
  };

  constructor(options: WebhookDispatcherOptions) {
    this.#options = options;
    this.#retry = { ...RETRY_DEFAULTS, ...options.retry };
  }

  /** Names the records still kept, follows new ones, and delivers while the lease is held. */
  start(): void {
    const { store } = this.#options;
    this.#learn(keptRecords(store));
    this.#unsubscribe = store.subscribe((records) => {
      this.#learn(records);
      // After the write has been answered: a thousand subscribers must not delay its answer.
      setImmediate(() => {
        this.#pumpAll();
      });
    });
    this.#options.lease.start((held) => {
      this.#active = held;
      if (held) void this.refresh(true);
      else this.#pause();
    });
    this.#refreshTimer = setInterval(() => {
      void this.refresh();
    }, this.#options.refreshMs ?? 5_000);
    this.#refreshTimer.unref();
  }

  /**
   * Reads the subscriptions again (after one was added or removed). `reload` takes every
   * cursor from the store too, as when this process takes the lease over from another.
   */
  refresh(reload = false): Promise<void> {
    this.#refreshing = this.#refreshing
      .then(() => this.#refresh(reload))
      .catch((error: unknown) => {
        this.#options.log({
          level: 'error',
          msg: 'webhook subscriptions could not be read; deliveries wait',
          error: String(error),
        });
      });
    return this.#refreshing;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe?.();
    clearInterval(this.#refreshTimer);
    this.#pause();
    for (const controller of this.#inFlight) controller.abort();
    await this.#refreshing;
    await this.#options.lease.stop();
    await this.#options.subscriptions.close();
  }

  async #refresh(reload: boolean): Promise<void> {
    if (!this.#active || this.#closed) return;
    const [subscriptions, states] = await Promise.all([
      this.#options.subscriptions.list(),
      this.#options.subscriptions.states(),
    ]);
    const present = new Set(subscriptions.map((subscription) => subscription.id));
    for (const [id, lane] of this.#lanes) {
      if (!present.has(id) || reload) this.#drop(id, lane);
    }
    for (const subscription of subscriptions) {
      if (this.#lanes.has(subscription.id)) continue;
      this.#lanes.set(subscription.id, {
        subscription,
        state: states.get(subscription.id) ?? { delivered: this.#options.store.revision },
        busy: false,
        timer: undefined,
        failures: 0,
      });
    }
    this.#pumpAll();
  }

  #learn(records: readonly ChangeRecord[]): void {
    for (const record of records) {
      if (record.revision <= this.#namer.revision) continue;
      if (this.#events.size === 0) this.#oldest = record.revision;
      const event = this.#namer.name(record);
      this.#events.set(record.revision, event && { event, body: JSON.stringify(event) });
    }
  }

  #pause(): void {
    for (const [id, lane] of this.#lanes) this.#drop(id, lane);
  }

  #drop(id: string, lane: Lane): void {
    clearTimeout(lane.timer);
    this.#lanes.delete(id);
    this.#setPending(id, false);
  }

  /**
   * Starts every lane's next delivery, `PUMP_SLICE` lanes per turn of the event loop, so
   * streams and admin requests are served between slices.
   */
  #pumpAll(): void {
    if (this.#active && !this.#closed) {
      const lanes = [...this.#lanes.values()];
      const slice = (from: number): void => {
        if (this.#closed) return;
        for (const lane of lanes.slice(from, from + PUMP_SLICE)) this.#pump(lane);
        if (from + PUMP_SLICE < lanes.length) {
          setImmediate(() => {
            slice(from + PUMP_SLICE);
          });
        }
      };
      slice(0);
    }
    this.#forget();
  }

  /** Starts the lane's next delivery, passing over records it does not want. */
  #pump(lane: Lane): void {
    if (!this.#active || this.#closed || lane.busy || lane.timer || lane.state.disabled) return;
    if (this.#lanes.get(lane.subscription.id) !== lane) return;
    let { delivered } = lane.state;
    const start = delivered;
    if (delivered + 1 < this.#oldest) {
      this.#options.log({
        level: 'warn',
        msg: 'webhook deliveries passed over: their changes are no longer kept in memory',
        subscription: lane.subscription.id,
        from: delivered + 1,
        to: this.#oldest - 1,
      });
      delivered = this.#oldest - 1;
    }
    let next: { revision: number; body: string } | undefined;
    while (delivered < this.#namer.revision) {
      const known = this.#events.get(delivered + 1);
      if (known && this.#wants(lane, known.event)) {
        next = { revision: delivered + 1, body: known.body };
        break;
      }
      delivered += 1;
    }
    if (delivered !== start) this.#save(lane, { delivered });
    if (!next) return;
    lane.busy = true;
    this.#setPending(lane.subscription.id, true);
    void this.#deliver(lane, next.revision, next.body).finally(() => {
      lane.busy = false;
      if (!lane.timer) this.#setPending(lane.subscription.id, false);
      this.#pump(lane);
    });
  }

  #wants(lane: Lane, event: WebhookEvent): boolean {
    const { events, services } = lane.subscription;
    if (events && !events.includes(event.type)) return false;
    if (!services) return true;
    const ids = this.#scope(services);
    return event.data.services.some((id) => ids.has(id));
  }

  /** The dependency closure of a services filter, computed once per filter and document. */
  #scope(services: readonly string[]): ReadonlySet<string> {
    const { document } = this.#options.store;
    if (this.#scopes.of !== document) this.#scopes = { of: document, byFilter: new Map() };
    const key = services.join(',');
    let ids = this.#scopes.byFilter.get(key);
    if (!ids) {
      ids = filterScope(document, services);
      this.#scopes.byFilter.set(key, ids);
    }
    return ids;
  }

  async #deliver(lane: Lane, revision: number, body: string): Promise<void> {
    const { subscription } = lane;
    const now = this.#options.now();
    const id = `msg_${subscription.id.replace(/^sub_/, '')}_${revision}`;
    const timestamp = Math.floor(now.getTime() / 1000);
    const controller = new AbortController();
    this.#inFlight.add(controller);
    let outcome: AttemptOutcome;
    try {
      outcome = await postDelivery({
        url: subscription.url,
        body,
        headers: {
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(
            subscription.secret,
            id,
            timestamp,
            body,
            this.#options.signingKeys,
          ),
        },
        allowPrivateAddresses: this.#options.allowPrivateAddresses,
        now: this.#options.now,
        signal: controller.signal,
        ...(this.#options.timeoutMs !== undefined && { timeoutMs: this.#options.timeoutMs }),
      });
    } finally {
      this.#inFlight.delete(controller);
    }
    // Stopped meanwhile (shutdown, lease lost, removed): the cursor stays, the next holder resends.
    if (this.#closed || this.#lanes.get(subscription.id) !== lane) return;
    this.#count(outcome);
    if (outcome.kind === 'delivered') {
      lane.failures = 0;
      this.#save(lane, { delivered: revision });
      return;
    }
    if (outcome.kind === 'gone') {
      this.#options.metrics.subscriptionsDisabled += 1;
      this.#options.log({
        level: 'warn',
        msg: 'webhook subscription disabled: the receiver answered 410 Gone',
        subscription: subscription.id,
        authority: subscription.authority,
      });
      this.#save(lane, {
        delivered: lane.state.delivered,
        disabled: { at: now.toISOString(), reason: 'the receiver answered 410 Gone' },
      });
      return;
    }
    const failingSince = lane.state.failingSince ?? now.toISOString();
    if (now.getTime() - Date.parse(failingSince) >= this.#retry.giveUpAfterMs) {
      this.#options.metrics.webhooksGivenUp += 1;
      this.#options.log({
        level: 'warn',
        msg: 'webhook delivery given up: it failed for the whole retry period',
        subscription: subscription.id,
        authority: subscription.authority,
        webhookId: id,
        since: failingSince,
        reason: outcome.reason,
      });
      lane.failures = 0;
      this.#save(lane, { delivered: revision });
      return;
    }
    lane.failures += 1;
    if (lane.state.failingSince === undefined) {
      this.#save(lane, { delivered: lane.state.delivered, failingSince });
    }
    const delay = Math.min(
      this.#retry.maxMs,
      outcome.retryAfterMs ?? retryDelay(lane.failures, this.#retry),
    );
    lane.timer = setTimeout(() => {
      lane.timer = undefined;
      this.#setPending(subscription.id, false);
      this.#pump(lane);
    }, delay);
    lane.timer.unref();
  }

  #count(outcome: AttemptOutcome): void {
    const { metrics } = this.#options;
    if (outcome.kind === 'delivered') metrics.webhooksDelivered += 1;
    else if (outcome.kind === 'gone') metrics.webhooksGone += 1;
    else if (outcome.result === 'rejected') metrics.webhooksRejected += 1;
    else if (outcome.result === 'timeout') metrics.webhooksTimedOut += 1;
    else if (outcome.result === 'network') metrics.webhooksNetworkFailed += 1;
    else metrics.webhooksAddressRefused += 1;
  }

  /** Keeps the lane's state, durably but without holding the lane up (a crash resends). */
  #save(lane: Lane, state: DeliveryState): void {
    lane.state = state;
    this.#options.subscriptions.saveState(lane.subscription.id, state).catch((error: unknown) => {
      this.#options.log({
        level: 'error',
        msg: 'webhook delivery state could not be stored; a restart may send deliveries again',
        subscription: lane.subscription.id,
        error: String(error),
      });
    });
  }

  #setPending(id: string, pending: boolean): void {
    if (pending) this.#pending.add(id);
    else this.#pending.delete(id);
    this.#options.metrics.webhooksPending = this.#pending.size;
  }

  /**
   * Forgets the events every lane has passed, keeping the newest `RECENT_EVENTS_KEPT` for lanes
   * not loaded yet (a subscription another process just made, a lease taken over), and beyond
   * `MAX_EVENTS_KEPT` the oldest (a lane that far behind passes them over, logged).
   */
  #forget(): void {
    let lowest = this.#namer.revision - RECENT_EVENTS_KEPT;
    for (const lane of this.#lanes.values()) {
      if (!lane.state.disabled) lowest = Math.min(lowest, lane.state.delivered);
    }
    lowest = Math.max(lowest, this.#namer.revision - MAX_EVENTS_KEPT);
    while (this.#oldest <= lowest && this.#events.size > 0) {
      this.#events.delete(this.#oldest);
      this.#oldest += 1;
    }
  }
}

/** The records the store still keeps in memory, oldest first. */
function keptRecords(store: ChangeStore): readonly ChangeRecord[] {
  let low = 0;
  let high = store.revision;
  // `since` answers for every revision from the oldest kept one on: find that one.
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (store.since(middle) === undefined) low = middle + 1;
    else high = middle;
  }
  return store.since(low) ?? [];
}
