import type { UnknownService } from './types.js';

/**
 * The unknown ids in the feed's 404 body: each `errors` entry for `services` quotes the id, then
 * what it suggests, `unknown service "x" (did you mean "y" or "z"?)`.
 */
export function unknownServicesIn(body: unknown): UnknownService[] {
  const errors = (body as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown) => {
    const { path, message } = (entry ?? {}) as { path?: unknown; message?: unknown };
    // `services` for a filter, `view` for a service view.
    if ((path !== 'services' && path !== 'view') || typeof message !== 'string') return [];
    if (!message.startsWith('unknown service')) return [];
    const [id, ...suggestions] = [...message.matchAll(/"([^"]+)"/g)].map(([, quoted]) => quoted);
    return id === undefined
      ? []
      : [{ id, suggestions: suggestions.filter((s) => s !== undefined) }];
  });
}
