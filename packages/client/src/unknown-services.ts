import { closestIds, didYouMean, type StatusDocument } from '@statuskit/model';
import type { UnknownService } from './types.js';

export { unknownServicesIn } from './not-found.js';

const NONE: readonly UnknownService[] = Object.freeze([]);

/**
 * The ids of a filter that a document from the feed does not hold. A filtered document always
 * holds the services named in the filter, so a missing one is an id the feed does not know (a
 * feed older than the 404 for unknown ids answers this way). Suggestions are the closest ids the
 * document holds.
 */
export function missingServices(
  document: StatusDocument,
  filter: readonly string[] | undefined,
): readonly UnknownService[] {
  const present = document.services.map((service) => service.id);
  const missing = filter?.filter((id) => !present.includes(id)) ?? [];
  return missing.length === 0
    ? NONE
    : missing.map((id) => ({ id, suggestions: closestIds(id, present) }));
}

/** What the console says about an unknown id: it and the ids it was probably meant as. */
export function unknownServiceWarning(feedUrl: string, unknown: UnknownService): string {
  const hint = didYouMean(unknown.suggestions) || ` (the feed's ids: ${feedUrl}/status.json)`;
  return `[statuskit] the feed ${feedUrl} has no service "${unknown.id}"${hint}: nothing is shown for it.`;
}
