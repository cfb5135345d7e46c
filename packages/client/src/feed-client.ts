import type { EventSourceMessage } from 'eventsource-parser';
import {
  effectiveStatus,
  nextTransition,
  type EffectiveStatus,
  type StatusDocument,
} from '@statuskit/model';
import { feedAddress, type FeedAddress } from './feed-address.js';
import { FeedConnection, type ConnectionSink } from './feed-connection.js';
import { isOffline } from './network-status.js';
import { Alarm, Batcher, systemClock, type Clock } from './schedule.js';
import {
  browserStorage,
  cacheKey,
  readSnapshot,
  writeSnapshot,
  type SnapshotStorage,
} from './snapshot-cache.js';
import { checkDocument, isStale, readFreshness, reduceEvent, type Held } from './state.js';
import { joinTabGroup, type TabGroup } from './tab-leadership.js';
import { isRelayedState, type RelayedState } from './relayed-state.js';
import { firstTimeOnPage } from './page-warnings.js';
import { missingServices, unknownServiceWarning } from './unknown-services.js';

import type {
  ConnectionState,
  FeedClient,
  FeedClientOptions,
  FeedError,
  FeedEventInfo,
  FeedListener,
  FeedState,
  UnknownService,
} from './types.js';

const DEFAULTS = {
  staleAfterMs: 60_000,
  heartbeatMs: 15_000,
  maxBackoffMs: 60_000,
  pollIntervalMs: 30_000,
  pollAfterFailures: 3,
  retryMs: 3_000,
} as const;

/** One notification per burst: after 16 ms without news (a frame), at most 100 ms after the first. */
const BATCH = { quietMs: 16, maxMs: 100 } as const;

const NO_EFFECTIVE: Readonly<Record<string, EffectiveStatus>> = Object.freeze({});
const NO_UNKNOWN: readonly UnknownService[] = Object.freeze([]);

/**
 * A client of its own, shared with nobody on this page (tabs still share one connection unless
 * `shareAcrossTabs` is false). Most pages want `getFeedClient`.
 */
export function createFeedClient(url: string, options: FeedClientOptions = {}): FeedClient {
  return new StatusFeedClient(feedAddress(url, options.services), options, () => undefined);
}

/** For the registry of shared clients: told when the client closes. */
export function createRegisteredClient(
  address: FeedAddress,
  options: FeedClientOptions,
  onClose: () => void,
): FeedClient {
  return new StatusFeedClient(address, options, onClose);
}

/**
 * Holds the state of one feed address and tells listeners about it, one batch at a time. Its
 * data comes from its own connection (when it leads or does not share) or from the leading tab.
 * Nothing in here throws into the host page: callbacks, timers and promises are guarded.
 */
class StatusFeedClient implements FeedClient {
  readonly url: string;
  readonly #address: FeedAddress;
  readonly #options: FeedClientOptions;
  readonly #clock: Clock;
  readonly #storage: SnapshotStorage | undefined;
  readonly #onClose: () => void;
  readonly #subscriptions = new Set<{ readonly listener: FeedListener }>();
  /** Listener (or hook) that already threw once: it is not reported again. */
  readonly #warned = new WeakSet<object>();
  readonly #batcher: Batcher;
  readonly #staleAlarm: Alarm;
  readonly #transitionAlarm: Alarm;

  /** What is known now; `#state` is what was last published. */
  #held: Held = { document: undefined, revision: 0 };
  #source: FeedState['source'] = 'none';
  #lastUpdated: number | undefined;
  /**
   * False while the feed says it cannot reach its store (the `feed` event, or `"fresh": false`
   * in status.json): its data may be old however recently it confirmed it.
   */
  #feedFresh = true;
  /** A new stream has sent nothing yet: a feed that is not fresh says so before anything else. */
  #freshnessUnknown = false;
  #connectionState: ConnectionState;
  #error: FeedError | undefined;
  /** Events of the current network chunk, applied but not yet checked. */
  #pending: (Held & { readonly needsCheck: boolean }) | undefined;
  /** A scheduled maintenance window opened or closed: derive again. */
  #timeChanged = false;
  /** The instant the transition alarm waits for. */
  #transitionAt: number | undefined;
  #state: FeedState;

  /** Unknown ids already told to the console. */
  readonly #warnedUnknown = new Set<string>();

  #connection: FeedConnection | undefined;
  #tabs: TabGroup<RelayedState> | undefined;
  #leading = false;
  #closed = false;
  #reportedInternal = false;

  constructor(address: FeedAddress, options: FeedClientOptions, onClose: () => void) {
    this.url = address.url;
    this.#address = address;
    this.#options = options;
    this.#onClose = onClose;
    this.#clock = systemClock(options.random);
    const report = (error: unknown): void => {
      this.#internalError(error);
    };
    this.#batcher = new Batcher(
      this.#clock,
      () => {
        this.#publish();
      },
      report,
      BATCH,
    );
    this.#staleAlarm = new Alarm(
      this.#clock,
      () => {
        this.#batcher.mark();
      },
      report,
    );
    this.#transitionAlarm = new Alarm(
      this.#clock,
      () => {
        // Whether the transition is really due is decided when publishing (`#publish`): a
        // timer can fire a little early, and long waits arrive in steps.
        this.#batcher.mark();
      },
      report,
    );
    this.#connectionState = isOffline() ? 'offline' : 'connecting';
    this.#storage = options.cache === false ? undefined : browserStorage();

    const cached = readSnapshot(this.#storage, cacheKey(address), this.#clock.now());
    if (cached) {
      this.#held = { document: cached.document, revision: cached.revision };
      this.#source = 'cache';
      this.#lastUpdated = cached.savedAt;
    }
    this.#state = this.#derive(this.#clock.now(), undefined);
    this.#armTimers(this.#clock.now());

    try {
      if (options.shareAcrossTabs !== false) {
        this.#tabs = joinTabGroup(
          `statuskit:${address.key}`,
          {
            lead: () => {
              this.#lead();
            },
            follow: (state) => {
              this.#follow(state);
            },
            current: () => this.#relayed(),
            accepts: isRelayedState,
          },
          report,
        );
      }
      if (!this.#tabs) this.#lead();
    } catch (error) {
      this.#internalError(error);
    }
  }

  getState(): FeedState {
    return this.#state;
  }

  subscribe(listener: FeedListener): () => void {
    if (typeof listener !== 'function') return () => undefined;
    // One entry per call: subscribing the same function twice needs two unsubscribes.
    const subscription = { listener };
    this.#subscriptions.add(subscription);
    return () => {
      this.#subscriptions.delete(subscription);
    };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#connection?.close();
      this.#tabs?.close();
    } catch (error) {
      this.#internalError(error);
    }
    this.#batcher.clear();
    this.#staleAlarm.clear();
    this.#transitionAlarm.clear();
    this.#connectionState = 'stopped';
    this.#publish();
    this.#subscriptions.clear();
    try {
      this.#onClose();
    } catch (error) {
      this.#internalError(error);
    }
  }

  // ── Roles ──────────────────────────────────────────────────────────────────────────────────

  /** This client connects: it leads the tabs, or does not share. */
  #lead(): void {
    if (this.#closed || this.#leading) return;
    this.#leading = true;
    const options = this.#options;
    this.#connection = new FeedConnection(
      {
        address: this.#address,
        fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
        clock: this.#clock,
        heartbeatMs: positive(options.heartbeatMs, DEFAULTS.heartbeatMs),
        retryMs: positive(options.retryMs, DEFAULTS.retryMs),
        maxBackoffMs: positive(options.maxBackoffMs, DEFAULTS.maxBackoffMs),
        pollIntervalMs: positive(options.pollIntervalMs, DEFAULTS.pollIntervalMs),
        pollAfterFailures: Math.max(
          1,
          Math.floor(positive(options.pollAfterFailures, DEFAULTS.pollAfterFailures)),
        ),
      },
      this.#sink(),
      (error) => {
        this.#internalError(error);
      },
    );
    // Followers learn at once that a new leader is at work (and from which revision).
    this.#tabs?.relay(this.#relayed());
    this.#connection.start();
  }

  /** The leading tab's state, as this tab's own. */
  #follow(state: RelayedState): void {
    if (this.#closed || this.#leading) return;
    if (state.document !== undefined) {
      this.#held = { document: state.document, revision: state.revision };
      this.#source = state.source;
      this.#lastUpdated = state.lastUpdated;
    }
    this.#connectionState = state.connection;
    this.#error = state.error;
    this.#feedFresh = state.feedFresh ?? true;
    this.#batcher.mark();
  }

  #relayed(): RelayedState {
    return {
      document: this.#held.document,
      revision: this.#held.revision,
      source: this.#source,
      connection: this.#connectionState,
      lastUpdated: this.#lastUpdated,
      error: this.#error,
      feedFresh: this.#feedFresh,
    };
  }

  // ── What the connection reports ───────────────────────────────────────────────────────────

  #sink(): ConnectionSink {
    const live = (): boolean => !this.#closed;
    return {
      resumeFrom: () => (this.#held.document === undefined ? undefined : this.#held.revision),
      event: (message) => (live() ? this.#event(message) : 'ok'),
      settle: () => (live() ? this.#settle() : 'ok'),
      confirmed: () => {
        if (!live() || this.#held.document === undefined) return;
        this.#lastUpdated = this.#clock.now();
        this.#source = 'feed';
        this.#batcher.mark();
      },
      polled: (revision, document, fresh) => {
        if (!live()) return;
        this.#feedFresh = fresh;
        const held = this.#held;
        if (this.#source !== 'feed' || held.document === undefined || revision > held.revision) {
          this.#held = { document, revision };
        }
        this.#source = 'feed';
        this.#lastUpdated = this.#clock.now();
        this.#batcher.mark();
      },
      connection: (state) => {
        if (state === 'connecting' || state === 'polling') this.#freshnessUnknown = true;
        if (!live() || this.#connectionState === state) return;
        this.#connectionState = state;
        this.#batcher.mark();
      },
      error: (error) => {
        if (!live() || this.#error === error) return;
        this.#error = error;
        this.#batcher.mark();
      },
      stopped: (error) => {
        if (!live()) return;
        this.#connectionState = 'stopped';
        this.#error = error;
        // Once, and never a throw: a wrong URL or filter is for the page's developer to fix. An
        // unknown id gets its own warning when published (`#warnUnknown`).
        if (error.kind !== 'unknown-service') {
          console.warn(
            `[statuskit] ${this.#address.key}: ${error.message}. The feed client has stopped and will not retry; check the feed URL and the services filter.`,
          );
        }
        this.#batcher.mark();
      },
    };
  }

  #event(message: EventSourceMessage): 'ok' | 'gap' | 'invalid' {
    if (message.event === 'feed') {
      this.#freshnessUnknown = false;
      this.#feedFresh = readFreshness(message.data) ?? this.#feedFresh;
      this.#batcher.mark();
      return 'ok';
    }
    if (this.#freshnessUnknown) {
      // The feed sends `feed` first when it is not fresh; anything else first means it is.
      this.#freshnessUnknown = false;
      this.#feedFresh = true;
    }
    const base = this.#pending ?? this.#held;
    const result = reduceEvent(base, message.event, message.data);
    this.#tellEvent(message.event ?? 'message', result);
    switch (result.kind) {
      case 'snapshot':
        this.#pending = { document: result.document, revision: result.revision, needsCheck: false };
        return 'ok';
      case 'change':
        this.#pending = { document: result.document, revision: result.revision, needsCheck: true };
        return 'ok';
      case 'duplicate':
      case 'ignored':
        return 'ok';
      case 'gap':
        return 'gap';
      case 'invalid':
        return 'invalid';
    }
  }

  /** Commits the events of one chunk, once their document has been checked. */
  #settle(): 'ok' | 'invalid' {
    const pending = this.#pending;
    if (!pending) return 'ok';
    this.#pending = undefined;
    if (pending.needsCheck && pending.document && checkDocument(pending.document) !== undefined) {
      // Keep the last good state; the connection fetches a fresh snapshot.
      return 'invalid';
    }
    this.#held = { document: pending.document, revision: pending.revision };
    this.#source = 'feed';
    this.#lastUpdated = this.#clock.now();
    this.#batcher.mark();
    return 'ok';
  }

  #tellEvent(type: string, result: ReturnType<typeof reduceEvent>): void {
    const hook = this.#options.onEvent;
    if (typeof hook !== 'function') return;
    const outcome: FeedEventInfo['outcome'] =
      result.kind === 'snapshot' || result.kind === 'change' ? 'applied' : result.kind;
    const revision = 'revision' in result ? result.revision : 0;
    try {
      hook({ type, revision, outcome });
    } catch (error) {
      this.#warnOnce(hook, 'the onEvent hook threw', error);
    }
  }

  // ── Publishing ────────────────────────────────────────────────────────────────────────────

  #derive(now: number, previous: FeedState | undefined): FeedState {
    const document = this.#held.document;
    let effective = previous?.effective ?? NO_EFFECTIVE;
    if (previous === undefined || previous.document !== document || this.#timeChanged) {
      effective = this.#effective(document, now);
    }
    const error = this.#error;
    let unknownServices = previous?.unknownServices ?? NO_UNKNOWN;
    if (error?.kind === 'unknown-service') {
      unknownServices = error.unknownServices ?? NO_UNKNOWN;
    } else if (document === undefined || this.#source !== 'feed') {
      // A cached copy may be from before the catalogue changed: only the feed's word counts.
      unknownServices = NO_UNKNOWN;
    } else if (previous?.document !== document || previous.source !== 'feed') {
      unknownServices = missingServices(document, this.#address.services);
    }
    return {
      url: this.url,
      document,
      revision: this.#held.revision,
      effective,
      connection: this.#connectionState,
      lastUpdated: this.#lastUpdated,
      stale: isStale(this.#source, this.#lastUpdated, now, this.#staleAfterMs(), this.#feedFresh),
      source: this.#source,
      error,
      unknownServices,
    };
  }

  #effective(
    document: StatusDocument | undefined,
    now: number,
  ): Readonly<Record<string, EffectiveStatus>> {
    if (!document) return NO_EFFECTIVE;
    try {
      return effectiveStatus(document, now);
    } catch (error) {
      this.#internalError(error);
      return NO_EFFECTIVE;
    }
  }

  /** Publishes the state if anything changed: listeners, other tabs, the cache. */
  #publish(): void {
    const now = this.#clock.now();
    const previous = this.#state;
    // A window opened or closed since the last derivation (whatever woke us up: the transition
    // alarm, an event or a heartbeat), so `effective` must be derived anew.
    if (this.#transitionAt !== undefined && this.#transitionAt <= now) this.#timeChanged = true;
    // After a transition `effective` is derived anew, so listeners hear of it even when no
    // status changed: banners may have a notice window to open.
    const next = this.#derive(now, previous);
    this.#timeChanged = false;
    if (!this.#closed) this.#armTimers(now);
    if (sameState(previous, next)) return;
    this.#state = next;
    this.#warnUnknown(next);

    if (this.#leading && !this.#closed) {
      this.#tabs?.relay(this.#relayed());
      if (
        next.source === 'feed' &&
        next.document !== undefined &&
        (previous.document !== next.document || previous.source !== 'feed')
      ) {
        writeSnapshot(this.#storage, cacheKey(this.#address), {
          revision: next.revision,
          savedAt: next.lastUpdated ?? now,
          document: next.document,
        });
      }
    }
    for (const { listener } of [...this.#subscriptions]) {
      // A listener closed the client (or caused a newer state): the rest hear of that instead.
      if (this.#state !== next) break;
      try {
        listener(next);
      } catch (error) {
        this.#warnOnce(listener, 'a listener threw', error);
      }
    }
  }

  /** Wakes up when `stale` would flip, and when a maintenance window opens or closes. */
  #armTimers(now: number): void {
    if (this.#source === 'feed' && this.#lastUpdated !== undefined) {
      const staleAt = this.#lastUpdated + this.#staleAfterMs() + 1;
      if (staleAt > now && this.#staleAlarm.at !== staleAt) this.#staleAlarm.until(staleAt);
    } else {
      this.#staleAlarm.clear();
    }
    const document = this.#held.document;
    const next = document ? nextTransition(document, now) : undefined;
    this.#transitionAt = next;
    if (next === undefined) this.#transitionAlarm.clear();
    // Re-armed whenever it is not already set for `next`, including after it fired early.
    else if (this.#transitionAlarm.at !== next) this.#transitionAlarm.until(next);
  }

  #staleAfterMs(): number {
    return positive(this.#options.staleAfterMs, DEFAULTS.staleAfterMs);
  }

  /** Each unknown id once: the page's developer mistyped it, citizens see nothing for it. */
  #warnUnknown(state: FeedState): void {
    for (const unknown of state.unknownServices) {
      if (this.#warnedUnknown.has(unknown.id)) continue;
      this.#warnedUnknown.add(unknown.id);
      const warning = unknownServiceWarning(this.url, unknown);
      if (firstTimeOnPage(warning)) console.warn(warning);
    }
  }

  // ── Never throw ───────────────────────────────────────────────────────────────────────────

  #warnOnce(culprit: object, what: string, error: unknown): void {
    if (this.#warned.has(culprit)) return;
    this.#warned.add(culprit);
    try {
      console.warn(`[statuskit] ${what} (reported once):`, error);
    } catch {
      // a console that throws: nothing left to tell
    }
  }

  #internalError(error: unknown): void {
    if (this.#reportedInternal) return;
    this.#reportedInternal = true;
    try {
      console.warn('[statuskit] unexpected error in the feed client (reported once):', error);
    } catch {
      // nothing left to tell
    }
  }
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function sameState(a: FeedState, b: FeedState): boolean {
  return (
    a.document === b.document &&
    a.revision === b.revision &&
    a.effective === b.effective &&
    a.connection === b.connection &&
    a.lastUpdated === b.lastUpdated &&
    a.stale === b.stale &&
    a.source === b.source &&
    a.error === b.error &&
    a.unknownServices === b.unknownServices
  );
}
