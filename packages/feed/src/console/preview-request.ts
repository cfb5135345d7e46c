/** Reads the body of `POST /v1/admin/preview`, refusing what is malformed with the field named. */
import { badRequest } from '../http/http-error.js';

import type { Draft } from '../draft-change.js';

export type { Draft };

export interface PreviewRequest {
  readonly service: string;
  readonly draft: Draft;
  /** When to show the page as (epoch ms); absent: now. */
  readonly at?: number;
}

const KINDS = ['new-incident', 'incident-update', 'new-maintenance', 'maintenance-change'];
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function refuse(path: string, message: string): never {
  throw badRequest([{ path, message }]);
}

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function readPreviewRequest(body: unknown): PreviewRequest {
  const request = record(body) ?? refuse('', 'send a JSON object with service and draft');
  const service = request['service'];
  if (typeof service !== 'string' || service === '') {
    refuse('service', 'name the service whose page to preview, e.g. "tax-return"');
  }
  const draft = record(request['draft']) ?? refuse('draft', 'must be an object with kind and body');
  const kind = draft['kind'];
  if (typeof kind !== 'string' || !KINDS.includes(kind)) {
    refuse('draft.kind', `must be one of ${KINDS.join(', ')}`);
  }
  const at = request['at'];
  if (
    at !== undefined &&
    (typeof at !== 'string' || !ISO_WITH_OFFSET.test(at) || Number.isNaN(Date.parse(at)))
  ) {
    refuse('at', 'must be a time in ISO 8601 with an offset, e.g. "2030-03-14T22:00:00+01:00"');
  }
  const atMs = typeof at === 'string' ? { at: Date.parse(at) } : {};
  const { body: draftBody } = draft;
  if (kind === 'incident-update' || kind === 'maintenance-change') {
    const id = draft['id'];
    if (typeof id !== 'string' || id === '')
      refuse('draft.id', `name the ${kind.split('-')[0] ?? ''} to change`);
    return { service, draft: { kind, id, body: draftBody }, ...atMs };
  }
  return {
    service,
    draft: { kind: kind as 'new-incident' | 'new-maintenance', body: draftBody },
    ...atMs,
  };
}
