import type { FeedState } from '@statuskit/client';
import { closestIds, didYouMean } from '@statuskit/model';

/**
 * Whether the feed says it has no service `id`: it answered 404 for it, or a document it sent
 * does not hold it. Elements then show nothing: the feed is reachable, so "status unknown"
 * would be untrue, and a page about a mistyped id has nothing to say to citizens.
 */
export function isUnknownService(state: FeedState | undefined, id: string | undefined): boolean {
  const document = state?.source === 'feed' ? state.document : undefined;
  return (
    id !== undefined &&
    (state?.unknownServices.some((unknown) => unknown.id === id) === true ||
      (document !== undefined && !document.services.some((service) => service.id === id)))
  );
}

const told = new Set<string>();

/**
 * For a client set on an element (`.client`): warns once about the element's service when that
 * client's document lacks it. The page's shared clients always name their elements' services in
 * their filter, so the client itself warns about those (`unknownServices`).
 */
export function warnIfUnknown(state: FeedState, id: string | undefined): void {
  const key = `${state.url} ${id ?? ''}`;
  if (
    id === undefined ||
    told.has(key) ||
    state.unknownServices.some((unknown) => unknown.id === id) ||
    !isUnknownService(state, id)
  ) {
    return;
  }
  told.add(key);
  const known = state.document?.services.map((service) => service.id) ?? [];
  console.warn(
    `[statuskit] the feed ${state.url} has no service "${id}"${didYouMean(closestIds(id, known))}: nothing is shown for it.`,
  );
}
