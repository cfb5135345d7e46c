import type { ViewClient, ViewClientOptions } from './types.js';
import { viewAddress } from './view-address.js';
import { openViewClient } from './view-client.js';

type SharedOptions = Omit<ViewClientOptions, 'feed' | 'service' | 'lang'>;

/** The view clients of this page, by feed, service and language. */
const shared = new Map<string, ViewClient>();

/**
 * The one view client of this page for a feed, service and language: the script-tag loader and
 * the elements that ask for the same triple share it, and with it one connection (and, across
 * tabs, one per origin). `options` come from the first caller. After `close()` (which closes it
 * for every user) the next call creates a new one.
 */
export function getViewClient(
  feed: string,
  service: string,
  lang: string,
  options: SharedOptions = {},
): ViewClient {
  const address = viewAddress(feed, service, lang);
  const existing = shared.get(address.key);
  if (existing) return existing;
  const client = openViewClient(address, options, () => {
    if (shared.get(address.key) === client) shared.delete(address.key);
  });
  shared.set(address.key, client);
  return client;
}
