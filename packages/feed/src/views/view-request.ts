import { closestIds, didYouMean, type StatusDocument } from '@statuskit/model';
import { HttpError } from '../http/http-error.js';
import { viewLanguage, type ViewLanguage } from './view-language.js';

const SERVICE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** What `?view=&lang=` asks for: one service's view in one shipped language. */
export interface ViewRequest {
  readonly service: string;
  readonly lang: ViewLanguage;
}

function refuse(parameter: string, message: string): HttpError {
  return new HttpError(400, `${parameter}: ${message}`, [{ path: parameter, message }]);
}

/**
 * Reads `?view=<serviceId>[&lang=<tag>]`; `undefined` without `view`. 400 for a malformed id or
 * language tag, or `view` with `services` (a view is one service's; a filter narrows the whole
 * document). 404 for a service the feed does not have, in the shape of the `services` filter's
 * 404, so clients read the suggestions the same way.
 */
export function viewRequest(
  params: URLSearchParams,
  document: StatusDocument,
): ViewRequest | undefined {
  const raw = params.get('view');
  if (raw === null) return undefined;
  if (params.has('services')) {
    throw refuse(
      'view',
      "cannot be combined with services: ask for one service's view, or filter the document with services",
    );
  }
  const service = raw.trim();
  if (service === '') throw refuse('view', 'name a service, e.g. view=tax-return');
  if (!SERVICE_ID.test(service)) throw refuse('view', `"${service}" is not a service id`);
  const known = document.services.map(({ id }) => id);
  if (!known.includes(service)) {
    const message = `unknown service "${service}"${didYouMean(closestIds(service, known))}`;
    throw new HttpError(404, `view: ${message}`, [{ path: 'services', message }]);
  }
  return { service, lang: viewLanguage(params.get('lang'), document.defaultLocale) };
}
