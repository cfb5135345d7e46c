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
  if (!filter) return NONE;
  const present = document.services.map((service) => service.id);
  const missing = filter.filter((id) => !present.includes(id));
  if (missing.length === 0) return NONE;
  return missing.map((id) => ({ id, suggestions: closestIds(id, present) }));
}

const UNKNOWN =
  /unknown services? ((?:"[^"]*"(?:, | or | and )?)+)(?: \(did you mean ([^)]*)\?\))?/g;
const QUOTED = /"([^"]*)"/g;

/**
 * The unknown ids in the feed's 404 body, `{ "error": "services: unknown service \"x\" (did
 * you mean \"y\"?)", "errors": [{ "path": "services", "message": … }] }`; empty for any other
 * body.
 */
export function unknownServicesIn(body: unknown): readonly UnknownService[] {
  if (typeof body !== 'object' || body === null) return NONE;
  const { error, errors } = body as { error?: unknown; errors?: unknown };
  const messages = Array.isArray(errors)
    ? errors
        .filter((entry: unknown) => isServicesEntry(entry))
        .map((entry) => (entry as { message: string }).message)
    : [];
  if (messages.length === 0 && typeof error === 'string') messages.push(error);
  const found = new Map<string, readonly string[]>();
  for (const message of messages) {
    for (const [, ids = '', suggested = ''] of message.matchAll(UNKNOWN)) {
      const suggestions = quoted(suggested);
      for (const id of quoted(ids)) if (!found.has(id)) found.set(id, suggestions);
    }
  }
  return [...found].map(([id, suggestions]) => ({ id, suggestions }));
}

/** One line for the console, naming the ids and what they were probably meant as. */
export function describeUnknown(unknown: readonly UnknownService[], feedUrl: string): string {
  const ids = unknown.map(({ id, suggestions }) => `"${id}"${didYouMean(suggestions)}`);
  const hint = unknown.some(({ suggestions }) => suggestions.length > 0)
    ? ''
    : ` (its services are listed in ${feedUrl}/status.json)`;
  return `the feed ${feedUrl} has no service ${ids.join(', ')}${hint}`;
}

function isServicesEntry(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  const { path, message } = entry as { path?: unknown; message?: unknown };
  return path === 'services' && typeof message === 'string';
}

function quoted(text: string): string[] {
  return [...text.matchAll(QUOTED)].map(([, id = '']) => id).filter((id) => id !== '');
}
