/** Browser-test helper for elements fed by service views: waiting for the feed to confirm one. */
import { getViewClient } from '@statuskit/client/view';
import { waitFor } from './helpers.js';

/** Resolves once the page's view client of `service` in `lang` holds a view the feed confirmed. */
export async function viewConfirmed(feed: string, service: string, lang = 'en'): Promise<void> {
  await waitFor(
    () => getViewClient(feed, service, lang).getState().source === 'feed',
    `view of ${service} (${lang}) from ${feed} confirmed`,
  );
}
