import { getFeedClient } from '@statuskit/client';
import type { FeedClient, FeedState } from '@statuskit/client';
import type { StatusDocument } from '@statuskit/model';
import { isServiceId, resolveFeedUrl } from './feed-url.js';
import { pageConfig } from './page-config.js';

export { isServiceId, resolveFeedUrl } from './feed-url.js';
export { markPresentAtLoad, wasPresentAtLoad } from './present-at-load.js';

/**
 * One client per feed for the whole page, shared by every element and by the script-tag entry.
 *
 * How elements for different services share it: the client is opened once per feed, in a
 * microtask after the first element asks, with a `?services=` filter made of the page's service
 * (from the script tag or `configure()`) and the services of every element that asked in the
 * meantime. The feed's filter already includes everything those services depend on, so an
 * element for a dependency (`login` on a `tax-return` page) is served by the same connection. If
 * an element later asks for a service the filtered document does not contain, the client is
 * reopened once with that service added: still one connection per feed.
 */

export type FeedListener = (state: FeedState) => void;

/** The first state confirmed by the feed itself: what the page showed "at load". */
export interface FeedBaseline {
  readonly document: StatusDocument;
  readonly at: number;
}

interface SharedFeed {
  readonly url: string;
  client: FeedClient | undefined;
  /** The `?services=` filter of `client`; empty means no filter. */
  readonly services: Set<string>;
  /** Services we reopened the client for once already (an unknown id must not loop). */
  readonly widened: Set<string>;
  readonly watchers: Map<FeedListener, string | undefined>;
  unsubscribe: (() => void) | undefined;
  baseline: FeedBaseline | undefined;
}

const feeds = new Map<string, SharedFeed>();

/**
 * Listens to the shared client of `feedUrl` (see `resolveFeedUrl`) on behalf of an element for
 * `service`. The listener is called with the current state as soon as there is a client, then on
 * every change. Returns a function that stops listening; the client itself stays open for the
 * page's lifetime, so elements coming and going never cost a reconnection.
 */
export function watchFeed(
  feedUrl: string,
  service: string | undefined,
  listener: FeedListener,
): () => void {
  let shared = feeds.get(feedUrl);
  if (!shared) {
    shared = {
      url: feedUrl,
      client: undefined,
      services: new Set(),
      widened: new Set(),
      watchers: new Map(),
      unsubscribe: undefined,
      baseline: undefined,
    };
    feeds.set(feedUrl, shared);
    const opening = shared;
    // Elements upgraded together ask one after another; open once, for all of them.
    queueMicrotask(() => {
      open(opening);
    });
  }
  shared.watchers.set(listener, service);
  const { client } = shared;
  if (client) {
    const state = client.getState();
    if (!widenFor(shared, state)) safely(listener, state);
  }
  const owner = shared;
  return () => {
    owner.watchers.delete(listener);
  };
}

/** The current state of a feed's shared client, if it has been opened. */
export function feedState(feedUrl: string): FeedState | undefined {
  return feeds.get(feedUrl)?.client?.getState();
}

/** The first state the feed confirmed on this page (see `FeedBaseline`). */
export function feedBaseline(feedUrl: string): FeedBaseline | undefined {
  return feeds.get(feedUrl)?.baseline;
}

/** Closes every shared client (for single-page apps leaving a section, and for tests). */
export function closeFeedClients(): void {
  for (const shared of feeds.values()) {
    shared.unsubscribe?.();
    shared.client?.close();
  }
  feeds.clear();
}

function open(shared: SharedFeed): void {
  if (feeds.get(shared.url) !== shared) return;
  const page = pageConfig();
  if (resolveFeedUrl(page.feed) === shared.url && isServiceId(page.service)) {
    shared.services.add(page.service);
  }
  for (const service of shared.watchers.values()) {
    if (isServiceId(service)) shared.services.add(service);
  }
  connect(shared);
}

function connect(shared: SharedFeed): void {
  let client: FeedClient;
  try {
    client = getFeedClient(
      shared.url,
      shared.services.size > 0 ? { services: [...shared.services].sort() } : {},
    );
  } catch {
    // A client that cannot even be created leaves the elements quiet ("status unknown").
    return;
  }
  shared.client = client;
  shared.unsubscribe = client.subscribe((state) => {
    receive(shared, client, state);
  });
  receive(shared, client, client.getState());
}

function receive(shared: SharedFeed, client: FeedClient, state: FeedState): void {
  if (shared.client !== client) return;
  if (dropUnknown(shared, state)) return;
  if (!shared.baseline && state.source === 'feed' && state.document) {
    shared.baseline = { document: state.document, at: Date.now() };
  }
  if (widenFor(shared, state)) return;
  for (const listener of [...shared.watchers.keys()]) safely(listener, state);
}

/**
 * The feed refused the filter (404) for ids it does not know (the client has told the console):
 * reopens without them, so that the page's other elements still get their services. Each id is
 * dropped once (never re-added). Returns whether it did (the listeners then hear from the new
 * client).
 */
function dropUnknown(shared: SharedFeed, state: FeedState): boolean {
  if (state.error?.kind !== 'unknown-service') return false;
  const refused = state.unknownServices.filter(({ id }) => shared.services.has(id));
  if (refused.length === 0) return false;
  for (const { id } of refused) {
    shared.services.delete(id);
    shared.widened.add(id);
  }
  reopen(shared);
  return true;
}

/**
 * Reopens a filtered client when a watcher's service is missing from the document it delivered.
 * Returns whether it did (the listeners then hear from the new client).
 */
function widenFor(shared: SharedFeed, state: FeedState): boolean {
  const { document } = state;
  if (!document || shared.services.size === 0 || state.source !== 'feed') return false;
  const present = new Set(document.services.map((service) => service.id));
  const missing = [...new Set(shared.watchers.values())].filter(
    (service): service is string =>
      isServiceId(service) &&
      !present.has(service) &&
      !shared.services.has(service) &&
      !shared.widened.has(service),
  );
  if (missing.length === 0) return false;
  for (const service of missing) {
    shared.widened.add(service);
    shared.services.add(service);
  }
  reopen(shared);
  return true;
}

function reopen(shared: SharedFeed): void {
  shared.unsubscribe?.();
  shared.client?.close();
  shared.client = undefined;
  shared.baseline = undefined;
  connect(shared);
}

/** Listeners belong to elements; one failing must not stop the others or reach the page. */
function safely(listener: FeedListener, state: FeedState): void {
  try {
    listener(state);
  } catch {
    // Deliberately quiet: the host page must never see our errors.
  }
}
