/**
 * The live-size limit per authority, and the 422 answer every limit gives. Limits on a single
 * write (updates per incident, languages, alternatives) are the model's write validation; this
 * one needs the document as the write would leave it.
 */
import { badRequest, HttpError } from './http/http-error.js';
import type {
  Change,
  FeedLimits,
  Incident,
  Maintenance,
  StatusDocument,
  ValidationIssue,
} from '@statuskit/model';

/**
 * A write that ends something (resolves an incident, completes or cancels a window) may go this
 * far over the live limit, so an authority at its limit can still close what it opened.
 */
export const CLOSING_ALLOWANCE_BYTES = 16 * 1024;

/** 422: the request is well formed, but a configured limit does not let it through. */
export function limitRefusal(errors: readonly ValidationIssue[]): HttpError {
  const summary = badRequest(errors);
  return new HttpError(422, summary.message, errors);
}

/** Bytes of JSON of the incidents and maintenance on services `authority` owns. */
export function liveBytes(document: StatusDocument, authority: string): number {
  const owned = new Set(
    document.services.filter((service) => service.owner === authority).map((service) => service.id),
  );
  const touches = (entity: Incident | Maintenance): boolean =>
    entity.services.some((id) => owned.has(id));
  let bytes = 0;
  for (const entity of [...document.incidents, ...document.maintenance]) {
    if (touches(entity)) bytes += Buffer.byteLength(JSON.stringify(entity));
  }
  return bytes;
}

function closes(before: StatusDocument, change: Change): boolean {
  if (change.type === 'incident') {
    const previous = before.incidents.find((entry) => entry.id === change.incident.id);
    return change.incident.state === 'resolved' && previous?.state !== 'resolved';
  }
  if (change.type === 'maintenance') {
    const { state } = change.maintenance;
    const previous = before.maintenance.find((entry) => entry.id === change.maintenance.id);
    return (state === 'completed' || state === 'cancelled') && previous?.state !== state;
  }
  return false;
}

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Refuses (422) a write that would take the authority's live incidents and maintenance over
 * `limits.maxLiveBytesPerAuthority`. A write that makes them no bigger always passes (after a
 * limit was lowered, shrinking is how to get under it again).
 */
export function checkLiveSize(
  before: StatusDocument,
  after: StatusDocument,
  authority: string,
  change: Change,
  limits: FeedLimits,
): void {
  const size = liveBytes(after, authority);
  const limit = limits.maxLiveBytesPerAuthority;
  if (size <= limit || size <= liveBytes(before, authority)) return;
  if (closes(before, change) && size <= limit + CLOSING_ALLOWANCE_BYTES) return;
  throw limitRefusal([
    {
      path: '',
      message:
        `the incidents and maintenance of authority "${authority}" would take ${kib(size)} in the ` +
        `live document, over the limit of ${kib(limit)} (limits.maxLiveBytesPerAuthority); ` +
        'resolve or complete what is over, or write shorter texts',
      limit: 'limits.maxLiveBytesPerAuthority',
    },
  ]);
}
