/**
 * Browser-test helpers for elements fed by service views: waiting for the feed to confirm a view,
 * and closing the page's view clients of a test's feed (with their cached copies) afterwards.
 */
import { getViewClient } from '@statuskit/client/view';
import { waitFor } from './helpers.js';

/** Feeds, services and languages a test asked about: their clients are closed afterwards. */
const asked = new Set<string>();

/** Resolves once the page's view client of `service` in `lang` holds a view the feed confirmed. */
export async function viewConfirmed(feed: string, service: string, lang = 'en'): Promise<void> {
  asked.add(`${feed}\n${service}\n${lang}`);
  await waitFor(
    () => getViewClient(feed, service, lang).getState().source === 'feed',
    `view of ${service} (${lang}) from ${feed} confirmed`,
  );
}

/**
 * Closes the view clients of `feed` for `services` in `languages` (and those `viewConfirmed` was
 * asked about), and removes their cached views: the next test starts cold.
 */
export function closeViewClients(
  feed: string,
  services: readonly string[] = [],
  languages: readonly string[] = [],
): void {
  const triples = new Set(asked);
  for (const service of services)
    for (const lang of languages) triples.add(`${feed}\n${service}\n${lang}`);
  for (const triple of triples) {
    const [url = '', service = '', lang = ''] = triple.split('\n');
    if (url !== feed) continue;
    getViewClient(url, service, lang).close();
    asked.delete(triple);
  }
  for (let index = localStorage.length - 1; index >= 0; index -= 1) {
    const key = localStorage.key(index);
    if (key?.startsWith(`statuskit:view:${feed}`)) localStorage.removeItem(key);
  }
}
