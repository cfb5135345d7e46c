import { closestIds, didYouMean, type StatusDocument } from '@statuskit/model';
import type { UnknownService } from './types.js';

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

/**
 * The unknown ids in the feed's 404 body: each `errors` entry for `services` quotes the id, then
 * what it suggests, `unknown service "x" (did you mean "y" or "z"?)`.
 */
export function unknownServicesIn(body: unknown): UnknownService[] {
  const errors = (body as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown) => {
    const { path, message } = (entry ?? {}) as { path?: unknown; message?: unknown };
    if (path !== 'services' || typeof message !== 'string') return [];
    if (!message.startsWith('unknown service')) return [];
    const [id, ...suggestions] = [...message.matchAll(/"([^"]+)"/g)].map(([, quoted]) => quoted);
    return id === undefined
      ? []
      : [{ id, suggestions: suggestions.filter((s) => s !== undefined) }];
  });
}

/** What the console says about an unknown id: it and the ids it was probably meant as. */
export function unknownServiceWarning(feedUrl: string, unknown: UnknownService): string {
  const hint = didYouMean(unknown.suggestions) || ` (the feed's ids: ${feedUrl}/status.json)`;
  return `[statuskit] the feed ${feedUrl} has no service "${unknown.id}"${hint}: nothing is shown for it.`;
}
