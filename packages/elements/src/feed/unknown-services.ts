import type { FeedState } from '@statuskit/client';
import { closestIds, didYouMean } from '@statuskit/model';

/** `feed URL + id` pairs the developer has been told about (by the client or by us): once each. */
const told = new Set<string>();

/**
 * Whether the feed says it has no service `id`: it answered 404 for it, or a document it sent
 * does not hold it. Elements then show nothing: the feed is reachable, so "status unknown"
 * would be untrue, and a page about a mistyped id has nothing to say to citizens.
 */
export function isUnknownService(state: FeedState | undefined, id: string | undefined): boolean {
  if (!state || id === undefined) return false;
  if (state.unknownServices.some((unknown) => unknown.id === id)) return true;
  const { document } = state;
  return (
    state.source === 'feed' &&
    document !== undefined &&
    !document.services.some((service) => service.id === id)
  );
}

/**
 * Warns once per feed and id about `ids` (the services elements asked for) that a document from
 * the feed lacks. The client warns about the ids of its own filter (`unknownServices`); those are
 * only noted here, so that each id is told once in all.
 */
export function warnUnknownServices(state: FeedState, ids: Iterable<string | undefined>): void {
  for (const { id } of state.unknownServices) told.add(`${state.url}\n${id}`);
  const { document } = state;
  if (!document || state.source !== 'feed') return;
  const known = document.services.map((service) => service.id);
  for (const id of ids) {
    const key = `${state.url}\n${id ?? ''}`;
    if (id === undefined || known.includes(id) || told.has(key)) continue;
    told.add(key);
    try {
      console.warn(
        `[statuskit] the feed ${state.url} has no service "${id}"${didYouMean(closestIds(id, known))}: nothing is shown for it. Check the service id (data-service or the service attribute).`,
      );
    } catch {
      // a console that throws: nothing left to tell
    }
  }
}
