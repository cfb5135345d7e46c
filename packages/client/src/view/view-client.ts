import type { EventSourceMessage } from 'eventsource-parser';
import type { ServiceView } from '@statuskit/model';
import { FeedConnection, type ConnectionSink } from '../feed-connection.js';
import { isRecord, isStale } from '../json-shape.js';
import { isOffline } from '../network-status.js';
import { unknownServicesIn } from '../not-found.js';
import { Alarm, systemClock, type Clock } from '../schedule.js';
import { isRelayedStatus, joinTabGroup, type TabGroup } from '../tab-leadership.js';
import type { ConnectionState, FeedError, UnknownService } from '../types.js';
import { browserStorage, type SnapshotStorage } from '../web-storage.js';
import type { ViewClient, ViewClientOptions, ViewListener, ViewState } from './types.js';
import { viewAddress, viewStatusUrl, viewStreamUrl, type ViewAddress } from './view-address.js';
import { readCachedView, writeCachedView } from './view-cache.js';
import { readView, viewIdOfEtag } from './view-shape.js';

const DEFAULTS = {
  staleAfterMs: 60_000,
  heartbeatMs: 15_000,
  maxBackoffMs: 60_000,
  pollIntervalMs: 30_000,
  pollAfterFailures: 3,
  /** Until the feed sends its own `retry:`. */
  retryMs: 3_000,
} as const;

/** What the leading tab tells the others. */
interface RelayedView {
  readonly view: ServiceView | undefined;
  readonly id: string | undefined;
  readonly source: ViewState['source'];
  readonly connection: ConnectionState;
  readonly lastUpdated: number | undefined;
  readonly error: FeedError | undefined;
}

/**
 * A view client of its own, shared with nobody on this page (tabs still share one connection
 * unless `shareAcrossTabs` is false). Most pages want `getViewClient`.
 */
export function createViewClient(options: ViewClientOptions): ViewClient {
  // Called from plain JavaScript too: no options at all must not throw.
  const passed: unknown = options;
  const given: Partial<ViewClientOptions> = isRecord(passed) ? passed : {};
  return new ServiceViewClient(
    viewAddress(given.feed ?? '', given.service ?? '', given.lang ?? ''),
    given,
    () => undefined,
  );
}

/** For the registry of shared clients: told when the client closes. */
export function createRegisteredViewClient(
  address: ViewAddress,
  options: Partial<ViewClientOptions>,
  onClose: () => void,
): ViewClient {
  return new ServiceViewClient(address, options, onClose);
}

/**
 * Holds one service's view, as the feed derives and words it, and tells listeners about each
 * change. Its data comes from its own connection (when it leads or does not share) or from the
 * leading tab. It neither validates documents nor derives: the feed did. Nothing in here throws
 * into the host page: callbacks, timers and promises are guarded.
 */
class ServiceViewClient implements ViewClient {
  readonly #address: ViewAddress;
  readonly #options: Partial<ViewClientOptions>;
  readonly #clock: Clock;
  readonly #storage: SnapshotStorage | undefined;
  readonly #onClose: () => void;
  readonly #subscriptions = new Set<{ readonly listener: ViewListener }>();
  readonly #staleAlarm: Alarm;

  #view: ServiceView | undefined;
  /** The view id of `#view` (the stream's event id, the ETag's content). */
  #viewId: string | undefined;
  #source: ViewState['source'] = 'none';
  #lastUpdated: number | undefined;
  #connectionState: ConnectionState;
  #error: FeedError | undefined;
  #state: ViewState;

  #connection: FeedConnection<ServiceView> | undefined;
  #tabs: TabGroup<RelayedView> | undefined;
  #leading = false;
  #closed = false;
  #reported = new Set<unknown>();

  constructor(address: ViewAddress, options: Partial<ViewClientOptions>, onClose: () => void) {
    this.#address = address;
    this.#options = options;
    this.#onClose = onClose;
    this.#clock = systemClock(options.random);
    this.#staleAlarm = new Alarm(
      this.#clock,
      () => {
        this.#publish();
      },
      (error) => {
        this.#internalError(error);
      },
    );
    this.#connectionState = isOffline() ? 'offline' : 'connecting';
    this.#storage = options.cache === false ? undefined : browserStorage();
    const cached = readCachedView(this.#storage, address, this.#clock.now());
    if (cached) {
      this.#view = cached.view;
      this.#viewId = cached.id;
      this.#source = 'cache';
      this.#lastUpdated = cached.savedAt;
    }
    this.#state = this.#derive(this.#clock.now());

    try {
      if (options.shareAcrossTabs !== false) {
        this.#tabs = joinTabGroup<RelayedView>(
          `statuskit:view:${address.key}`,
          {
            lead: () => {
              this.#lead();
            },
            follow: (state) => {
              this.#follow(state);
            },
            current: () => this.#relayed(),
            accepts: (value): value is RelayedView => this.#acceptsRelayed(value),
          },
          (error) => {
            this.#internalError(error);
          },
        );
      }
      if (!this.#tabs) this.#lead();
    } catch (error) {
      this.#internalError(error);
    }
  }

  getState(): ViewState {
    return this.#state;
  }

  subscribe(listener: ViewListener): () => void {
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
    this.#staleAlarm.clear();
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
    const address = this.#address;
    this.#connection = new FeedConnection<ServiceView>(
      {
        streamUrl: (lastEventId, inQuery) => viewStreamUrl(address, lastEventId, inQuery),
        pollUrl: viewStatusUrl(address),
        readPoll: (body) => readView(body, address.service),
        unknownServices: (body) => unknownIn(body, address.service),
        fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
        clock: this.#clock,
        heartbeatMs: positive(options.heartbeatMs, DEFAULTS.heartbeatMs),
        retryMs: DEFAULTS.retryMs,
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
    // Followers learn at once that a new leader is at work (and from which view).
    this.#tabs?.relay(this.#relayed());
    this.#connection.start();
  }

  /** The leading tab's state, as this tab's own. */
  #follow(state: RelayedView): void {
    if (this.#closed || this.#leading) return;
    if (state.view !== undefined) {
      this.#view = state.view;
      this.#viewId = state.id;
      this.#source = state.source;
      this.#lastUpdated = state.lastUpdated;
    }
    this.#connectionState = state.connection;
    this.#error = state.error;
    this.#publish();
  }

  #relayed(): RelayedView {
    return {
      view: this.#view,
      id: this.#viewId,
      source: this.#source,
      connection: this.#connectionState,
      lastUpdated: this.#lastUpdated,
      error: this.#error,
    };
  }

  /** Another tab may run another release: its state is checked like a view from the feed. */
  #acceptsRelayed(value: unknown): boolean {
    if (!isRecord(value)) return false;
    const { view, id, source, connection, lastUpdated, error } = value;
    return (
      (view === undefined || typeof readView(view, this.#address.service) !== 'string') &&
      (id === undefined || typeof id === 'string') &&
      isRelayedStatus(source, connection, lastUpdated, error)
    );
  }

  // ── What the connection reports ───────────────────────────────────────────────────────────

  #sink(): ConnectionSink<ServiceView> {
    const live = (): boolean => !this.#closed;
    return {
      resumeFrom: () => (this.#view === undefined ? undefined : this.#viewId),
      event: (message) => (live() ? this.#event(message) : 'ok'),
      // Each view event is whole: nothing waits for the end of a chunk.
      settle: () => 'ok',
      confirmed: () => {
        if (!live() || this.#view === undefined) return;
        this.#lastUpdated = this.#clock.now();
        this.#source = 'feed';
        this.#publish();
      },
      polled: (view, etag) => {
        if (!live()) return;
        this.#received(view, viewIdOfEtag(etag));
      },
      connection: (state) => {
        if (!live() || this.#connectionState === state) return;
        this.#connectionState = state;
        this.#publish();
      },
      error: (error) => {
        if (!live() || this.#error === error) return;
        this.#error = error;
        this.#publish();
      },
      stopped: (error) => {
        if (!live()) return;
        this.#connectionState = 'stopped';
        this.#error = error;
        warn(stoppedWarning(this.#address, error));
        this.#publish();
      },
    };
  }

  /** A `view` event replaces the view; other event types (a newer feed's) are skipped. */
  #event(message: EventSourceMessage): 'ok' | 'invalid' {
    if (message.event !== 'view') return 'ok';
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return 'invalid';
    }
    const view = readView(data, this.#address.service);
    // Like an invalid event on the document stream: the last good view stays, and the
    // connection reconnects for the current one.
    if (typeof view === 'string') return 'invalid';
    this.#received(view, message.id);
    return 'ok';
  }

  #received(view: ServiceView, id: string | undefined): void {
    this.#view = view;
    this.#viewId = id;
    this.#source = 'feed';
    this.#lastUpdated = this.#clock.now();
    this.#publish();
  }

  // ── Publishing ────────────────────────────────────────────────────────────────────────────

  #derive(now: number): ViewState {
    const address = this.#address;
    return {
      feed: address.url,
      service: address.service,
      lang: address.lang,
      view: this.#view,
      connection: this.#connectionState,
      lastUpdated: this.#lastUpdated,
      stale: isStale(
        this.#source,
        this.#lastUpdated,
        now,
        this.#staleAfterMs(),
        this.#view?.fresh !== false,
      ),
      source: this.#source,
      error: this.#error,
    };
  }

  /** Publishes the state if anything changed: listeners, other tabs, the cache. */
  #publish(): void {
    const now = this.#clock.now();
    const previous = this.#state;
    const next = this.#derive(now);
    if (!this.#closed) this.#armStaleAlarm(now);
    if (sameState(previous, next)) return;
    this.#state = next;

    if (this.#leading && !this.#closed) {
      this.#tabs?.relay(this.#relayed());
      if (
        next.source === 'feed' &&
        next.view !== undefined &&
        (previous.view !== next.view || previous.source !== 'feed')
      ) {
        writeCachedView(this.#storage, this.#address, {
          view: next.view,
          id: this.#viewId,
          savedAt: next.lastUpdated ?? now,
        });
      }
    }
    for (const { listener } of [...this.#subscriptions]) {
      // A listener closed the client (or caused a newer state): the rest hear of that instead.
      if (this.#state !== next) break;
      try {
        listener(next);
      } catch (error) {
        this.#reportOnce(listener, '[statuskit] a view listener threw (reported once):', error);
      }
    }
  }

  /** Wakes up when `stale` would flip. */
  #armStaleAlarm(now: number): void {
    if (this.#source === 'feed' && this.#lastUpdated !== undefined) {
      const staleAt = this.#lastUpdated + this.#staleAfterMs() + 1;
      if (staleAt > now && this.#staleAlarm.at !== staleAt) this.#staleAlarm.until(staleAt);
    } else {
      this.#staleAlarm.clear();
    }
  }

  #staleAfterMs(): number {
    return positive(this.#options.staleAfterMs, DEFAULTS.staleAfterMs);
  }

  // ── Never throw ───────────────────────────────────────────────────────────────────────────

  #internalError(error: unknown): void {
    this.#reportOnce(
      this,
      '[statuskit] unexpected error in the view client (reported once):',
      error,
    );
  }

  #reportOnce(culprit: unknown, what: string, error: unknown): void {
    if (this.#reported.has(culprit)) return;
    this.#reported.add(culprit);
    warn(what, error);
  }
}

/**
 * The unknown service of a view's 404: as the feed's body names it, with its suggestions; a 404
 * without that body (a proxy's page) still means the feed has no such view.
 */
function unknownIn(body: unknown, service: string): readonly UnknownService[] {
  const named = unknownServicesIn(body);
  return named.length > 0 ? named : [{ id: service, suggestions: [] }];
}

/** Once per client, and never a throw: a wrong URL or id is for the page's developer to fix. */
function stoppedWarning(address: ViewAddress, error: FeedError): string {
  const unknown = error.unknownServices?.[0];
  if (error.kind === 'unknown-service' && unknown) {
    const hint =
      unknown.suggestions.length > 0
        ? ` (did you mean ${unknown.suggestions.map((id) => `"${id}"`).join(' or ')}?)`
        : ` (the feed's ids: ${address.url}/status.json)`;
    return `[statuskit] the feed ${address.url} has no service "${unknown.id}"${hint}: nothing is shown for it.`;
  }
  return `[statuskit] ${address.key}: ${error.message}. The view client has stopped and will not retry; check the feed URL and the service id.`;
}

function warn(...args: unknown[]): void {
  try {
    console.warn(...args);
  } catch {
    // a console that throws: nothing left to tell
  }
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function sameState(a: ViewState, b: ViewState): boolean {
  return (
    a.view === b.view &&
    a.connection === b.connection &&
    a.lastUpdated === b.lastUpdated &&
    a.stale === b.stale &&
    a.source === b.source &&
    a.error === b.error
  );
}
