import type { ServiceView, SERVICE_VIEW_FORMAT } from '@statuskit/model';
import { isRecord, isRevision } from '../json-shape.js';

/** The only format this client reads (`SERVICE_VIEW_FORMAT`, checked against the model's type). */
const FORMAT: typeof SERVICE_VIEW_FORMAT = 1;

/**
 * A light check of a view from the feed, a cache or another tab: the fields the elements rely on
 * have the right kind. Full validation stays on the feed, which derived the view; this only keeps
 * a broken proxy, another release or a curious user from handing the renderer something that is
 * not a view. Returns the view, or why it is not one.
 */
export function readView(value: unknown, service: string): ServiceView | string {
  if (!isRecord(value)) return 'the view is not a JSON object';
  if (value.format !== FORMAT) return `the view has format ${String(value.format)}, not ${FORMAT}`;
  if (value.service !== service)
    return `the view is for "${String(value.service)}", not "${service}"`;
  for (const field of ['lang', 'status', 'ownStatus', 'timeZone'] as const) {
    if (typeof value[field] !== 'string') return `the view's ${field} is not a string`;
  }
  if (!isRevision(value.revision)) return "the view's revision is not a revision";
  if (!isRecord(value.name) || typeof value.name.text !== 'string') {
    return "the view's name is not a text";
  }
  for (const field of ['notices', 'alternatives', 'dependencies'] as const) {
    const list = value[field];
    if (!Array.isArray(list) || !list.every(isRecord)) return `the view's ${field} is not a list`;
  }
  const notices = value.notices as Record<string, unknown>[];
  if (!notices.every((notice) => typeof notice.key === 'string' && isRecord(notice.sentences))) {
    return 'a notice of the view has no key or sentences';
  }
  return value as unknown as ServiceView;
}

/** The view id of an `ETag` (`"12-ab3f"` → `12-ab3f`), as the stream's event ids write it. */
export function viewIdOfEtag(etag: string | undefined): string | undefined {
  if (etag === undefined) return undefined;
  const id = etag.replace(/^W\//, '').replace(/^"|"$/g, '');
  return id === '' ? undefined : id;
}
