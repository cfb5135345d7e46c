import { firstTimeOnPage } from '../page-warnings.js';
import { isRecord, isStale } from '../json-shape.js';
import { isOffline } from '../network-status.js';
import { isRelayedStatus, joinTabGroup, type TabGroup } from '../tab-leadership.js';
import type { ConnectionState, FeedError } from '../types.js';
import { browserStorage } from '../web-storage.js';
import type { ViewClient, ViewClientOptions, ViewListener, ViewState } from './types.js';
import { viewAddress, viewStatusUrl, viewStreamUrl, type ViewAddress } from './view-address.js';
import { readCachedView, writeCachedView } from './view-cache.js';
import { connectView } from './view-connection.js';
import { readView } from './view-shape.js';

/** What the leading tab tells the others: its state, and the id of its view. */
type RelayedView = ViewState & { readonly id: string | undefined };

/**
 * A view client of its own, shared with nobody on this page (tabs still share one connection
 * unless `shareAcrossTabs` is false). Most pages want `getViewClient`.
 */
export function createViewClient(options: ViewClientOptions): ViewClient {
  // Called from plain JavaScript too: no options at all must not throw.
  const passed: unknown = options;
  const given: Partial<ViewClientOptions> = isRecord(passed) ? passed : {};
  return openViewClient(
    viewAddress(given.feed ?? '', given.service ?? '', given.lang ?? ''),
    given,
    () => undefined,
  );
}

/**
 * Holds one service's view, as the feed derives and words it, and tells listeners about each
 * change. Its data comes from its own connection (when it leads the tabs or does not share) or
 * from the leading tab. It neither validates documents nor derives: the feed did. Nothing in
 * here throws into the host page: callbacks, timers and promises are guarded. `onClose` is for
 * the registry of shared clients.
 */
export function openViewClient(
  address: ViewAddress,
  options: Partial<ViewClientOptions>,
  onClose: () => void,
): ViewClient {
  const subscriptions = new Set<{ readonly listener: ViewListener }>();
  const storage = options.cache === false ? undefined : browserStorage();
  const staleAfterMs = positive(options.staleAfterMs, 60_000);
  const cached = readCachedView(storage, address, Date.now());
  let view = cached?.view;
  /** The id of `view`: the stream's event id, the ETag's content. */
  let viewId = cached?.id;
  let source: ViewState['source'] = cached ? 'cache' : 'none';
  let lastUpdated = cached?.savedAt;
  let connection: ConnectionState = isOffline() ? 'offline' : 'connecting';
  let error: FeedError | undefined;
  let leading = false;
  let closed = false;
  let disconnect = (): void => undefined;
  let tabs: TabGroup<RelayedView> | undefined;
  let staleTimer: ReturnType<typeof setTimeout> | undefined;
  const warned = new Set<unknown>();
  const warnOnce = (culprit: unknown, ...message: unknown[]): void => {
    if (warned.has(culprit)) return;
    warned.add(culprit);
    // The document client may have said the same about this page (a mistyped id): once is enough.
    if (message.length === 1 && typeof message[0] === 'string' && !firstTimeOnPage(message[0])) {
      return;
    }
    try {
      console.warn(...message);
    } catch {
      // a console that throws: nothing left to tell
    }
  };

  const derive = (): ViewState => ({
    feed: address.url,
    service: address.service,
    lang: address.lang,
    view,
    connection,
    lastUpdated,
    stale: isStale(source, lastUpdated, Date.now(), staleAfterMs, view?.fresh !== false),
    source,
    error,
  });
  let state = derive();

  const relayed = (): RelayedView => ({ ...state, id: viewId });

  /** Publishes the state if anything changed: listeners, other tabs, the cache. */
  const publish = (): void => {
    const previous = state;
    const next = derive();
    clearTimeout(staleTimer);
    // Wakes up when `stale` would flip.
    if (source === 'feed' && lastUpdated !== undefined && !next.stale) {
      staleTimer = setTimeout(publish, lastUpdated + staleAfterMs + 1 - Date.now());
    }
    if ((Object.keys(next) as (keyof ViewState)[]).every((key) => next[key] === previous[key])) {
      return;
    }
    state = next;
    if (leading) {
      tabs?.relay(relayed());
      if (
        next.source === 'feed' &&
        next.view &&
        (next.view !== previous.view || previous.source !== 'feed')
      ) {
        writeCachedView(storage, address, {
          view: next.view,
          id: viewId,
          savedAt: lastUpdated ?? 0,
        });
      }
    }
    for (const { listener } of [...subscriptions]) {
      // A listener closed the client (or caused a newer state): the rest hear of that instead.
      if (state !== next) break;
      try {
        listener(next);
      } catch (thrown) {
        warnOnce(listener, '[statuskit] a view listener threw:', thrown);
      }
    }
  };

  /** This client connects: it leads the tabs, or does not share. */
  const lead = (): void => {
    if (closed || leading) return;
    leading = true;
    disconnect = connectView(
      {
        streamUrl: (lastEventId, inQuery) => viewStreamUrl(address, lastEventId, inQuery),
        pollUrl: viewStatusUrl(address),
        service: address.service,
        fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
        random: options.random ?? Math.random,
        heartbeatMs: positive(options.heartbeatMs, 15_000),
        maxBackoffMs: positive(options.maxBackoffMs, 60_000),
        pollIntervalMs: positive(options.pollIntervalMs, 30_000),
        pollAfterFailures: Math.max(1, Math.floor(positive(options.pollAfterFailures, 3))),
      },
      {
        resumeFrom: () => (view ? viewId : undefined),
        received: (body, id) => {
          const read = readView(body, address.service);
          // Like an invalid event on the document stream: the last good view stays, and the
          // connection asks again for the current one.
          if (closed || typeof read === 'string') return false;
          view = read;
          viewId = id;
          confirmed();
          return true;
        },
        confirmed: () => {
          if (view) confirmed();
        },
        connection: (next) => {
          connection = next;
          publish();
        },
        error: (next) => {
          error = next;
          publish();
        },
        stopped: (next) => {
          connection = 'stopped';
          error = next;
          publish();
          // Once, and never a throw: a wrong URL or id is for the page's developer to fix. The
          // error came from the fallback module, so it is loaded already.
          import('./view-fallback.js').then(
            ({ stoppedWarning }) => {
              warnOnce(lead, stoppedWarning(address, next));
            },
            () => undefined,
          );
        },
      },
    );
    // Followers learn at once that a new leader is at work (and from which view).
    tabs?.relay(relayed());
  };

  const confirmed = (): void => {
    if (closed) return;
    source = 'feed';
    lastUpdated = Date.now();
    publish();
  };

  /** Another tab may run another release: its state is checked like a view from the feed. */
  const accepts = (value: unknown): value is RelayedView =>
    isRecord(value) &&
    (value.view === undefined || typeof readView(value.view, address.service) !== 'string') &&
    (value.id === undefined || typeof value.id === 'string') &&
    isRelayedStatus(value.source, value.connection, value.lastUpdated, value.error);

  const guarded = (run: () => void): void => {
    try {
      run();
    } catch (thrown) {
      warnOnce(guarded, '[statuskit] view client:', thrown);
    }
  };

  guarded(() => {
    if (options.shareAcrossTabs !== false) {
      tabs = joinTabGroup<RelayedView>(
        `statuskit:view:${address.key}`,
        {
          lead,
          follow: (relayedState) => {
            if (closed || leading) return;
            if (relayedState.view) {
              ({ view, id: viewId, source, lastUpdated } = relayedState);
            }
            ({ connection, error } = relayedState);
            publish();
          },
          current: relayed,
          accepts,
        },
        (thrown) => {
          warnOnce(guarded, '[statuskit] view client:', thrown);
        },
      );
    }
    if (!tabs) lead();
  });

  return {
    getState: () => state,
    subscribe: (listener) => {
      if (typeof listener !== 'function') return () => undefined;
      // One entry per call: subscribing the same function twice needs two unsubscribes.
      const subscription = { listener };
      subscriptions.add(subscription);
      return () => {
        subscriptions.delete(subscription);
      };
    },
    close: () => {
      if (closed) return;
      guarded(() => {
        disconnect();
        tabs?.close();
        onClose();
      });
      connection = 'stopped';
      publish();
      closed = true;
      clearTimeout(staleTimer);
      subscriptions.clear();
    },
  };
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
