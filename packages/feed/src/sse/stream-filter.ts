import { dependencyClosure, type StatusDocument } from '@statuskit/model';
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

/** The ids a filtered subscriber sees: the named services and all they depend on. */
export function filterScope(
  document: StatusDocument,
  filter: readonly string[],
): ReadonlySet<string> {
  return dependencyClosure(document, filter);
}

export function filterKey(filter: readonly string[] | undefined): string {
  return filter === undefined ? '*' : filter.join(',');
}
