import type { ServiceView, SERVICE_VIEW_FORMAT } from '@statuskit/model';
import { isRecord, isRevision } from '../json-shape.js';

/** The only format this client reads (`SERVICE_VIEW_FORMAT`, checked against the model's type). */
const FORMAT: typeof SERVICE_VIEW_FORMAT = 1;

const isList = (value: unknown): value is Record<string, unknown>[] =>
  Array.isArray(value) && value.every(isRecord);

/**
 * A light check of a view from the feed, a cache or another tab: the fields the elements rely on
 * have the right kind. Full validation stays on the feed, which derived the view; this only keeps
 * a broken proxy, another release or a curious user from handing the renderer something that is
 * not a view. Returns the view, or why it is not one.
 */
export function readView(value: unknown, service: string): ServiceView | string {
  if (!isRecord(value) || value.format !== FORMAT) return `not a view of format ${FORMAT}`;
  if (value.service !== service) return `a view of "${String(value.service)}", not "${service}"`;
  const { name, notices } = value;
  const wrong =
    ['lang', 'status', 'ownStatus', 'timeZone'].find((field) => typeof value[field] !== 'string') ??
    ['notices', 'alternatives', 'dependencies'].find((field) => !isList(value[field])) ??
    (isRevision(value.revision) ? undefined : 'revision') ??
    (isRecord(name) && typeof name.text === 'string' ? undefined : 'name') ??
    // Each notice has the key dismissals are kept by and the sentences the banner shows.
    (isList(notices) &&
    notices.every((notice) => typeof notice.key === 'string' && isRecord(notice.sentences))
      ? undefined
      : 'notices');
  return wrong === undefined
    ? (value as unknown as ServiceView)
    : `the view's ${wrong} is not valid`;
}
