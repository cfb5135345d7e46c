import { closestIds, dependencyClosure, didYouMean, type StatusDocument } from '@statuskit/model';
import { HttpError } from '../http/http-error.js';

const SERVICE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_FILTER_SERVICES = 50;

/**
 * Parses `?services=a,b`: sorted, deduplicated ids, so that equal filters share one serialization.
 * Returns undefined for "everything".
 */
export function parseServiceFilter(value: string | null): readonly string[] | undefined {
  if (value === null || value.trim() === '') return undefined;
  const ids = [
    ...new Set(
      value
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  ].sort();
  const invalid = ids.find((id) => !SERVICE_ID.test(id));
  if (invalid !== undefined) {
    throw new HttpError(400, `services: "${invalid}" is not a service id`, [
      { path: 'services', message: `"${invalid}" is not a service id` },
    ]);
  }
  if (ids.length > MAX_FILTER_SERVICES) {
    throw new HttpError(400, `services: name at most ${MAX_FILTER_SERVICES} services`, [
      { path: 'services', message: `name at most ${MAX_FILTER_SERVICES} services` },
    ]);
  }
  return ids;
}

/**
 * Refuses a filter that names services this feed does not have (404), naming every unknown id and
 * the known ids it was probably meant as: a mistyped id would otherwise look like a quiet service
 * for ever, and each distinct unknown id would cost the feed a filter of its own.
 */
export function requireKnownServices(document: StatusDocument, filter: readonly string[]): void {
  const known = document.services.map((service) => service.id);
  const present = new Set(known);
  const errors = filter
    .filter((id) => !present.has(id))
    .map((id) => ({
      path: 'services',
      message: `unknown service "${id}"${didYouMean(closestIds(id, known))}`,
    }));
  if (errors.length === 0) return;
  throw new HttpError(404, `services: ${errors.map((error) => error.message).join('; ')}`, errors);
}

/** The ids a filtered subscriber sees: the named services and all they depend on. */
export function filterScope(
  document: StatusDocument,
  filter: readonly string[],
): ReadonlySet<string> {
  return dependencyClosure(document, filter);
}

/**
 * One key per distinct view: filters with the same dependency closure see exactly the same
 * narrowed document and events (`tax-return` and `tax-return,login`), so they share one.
 */
export function scopeKey(scope: ReadonlySet<string> | undefined): string {
  return scope === undefined ? '*' : [...scope].sort().join(',');
}
