import { feedAddress } from './feed-address.js';
import { createRegisteredClient } from './feed-client.js';
import type { FeedClient, FeedClientOptions } from './types.js';

/** The clients of this page, by feed URL and service filter. */
const shared = new Map<string, FeedClient>();

/**
 * The one client of this page for a feed URL and service filter: components that name the same
 * feed (and the same services, in any order) share it, and with it one connection. Options other
 * than `services` come from the first caller. After `close()` (which closes it for every user) the
 * next call creates a new one.
 */
export function getFeedClient(url: string, options: FeedClientOptions = {}): FeedClient {
  const address = feedAddress(url, options.services);
  const existing = shared.get(address.key);
  if (existing) return existing;
  const client = createRegisteredClient(address, options, () => {
    if (shared.get(address.key) === client) shared.delete(address.key);
  });
  shared.set(address.key, client);
  return client;
}
