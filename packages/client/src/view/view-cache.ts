import type { ServiceView } from '@statuskit/model';
import { isRecord } from '../json-shape.js';
import { readEntry, writeEntry, type SnapshotStorage } from '../web-storage.js';
import type { ViewAddress } from './view-address.js';
import { readView } from './view-shape.js';

/** The last confirmed view of one feed, service and language, as kept between visits. */
export interface CachedView {
  readonly view: ServiceView;
  /** The view id (`Last-Event-ID`): the feed sends nothing on connect while it is current. */
  readonly id: string | undefined;
  /** When the feed last confirmed it (epoch ms). */
  readonly savedAt: number;
}

const FORMAT = 1;
/** Older than this, a cached status says more about the past than about now: not shown. */
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** `statuskit:view:<url>?view=<service>&lang=<lang>`. */
export function viewCacheKey(address: ViewAddress): string {
  return `statuskit:view:${address.key}`;
}

/** The cached view, or `undefined` when there is none, it is too old, or it is not a view. */
export function readCachedView(
  storage: SnapshotStorage | undefined,
  address: ViewAddress,
  now: number,
): CachedView | undefined {
  const entry = readEntry(storage, viewCacheKey(address));
  if (!isRecord(entry) || entry.v !== FORMAT) return undefined;
  const { savedAt, id } = entry;
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt) || now - savedAt > MAX_AGE_MS) {
    return undefined;
  }
  const view = readView(entry.view, address.service);
  if (typeof view === 'string') return undefined;
  return { view, id: typeof id === 'string' ? id : undefined, savedAt };
}

/** Saves the view; quota, private mode and blocked storage are silently ignored. */
export function writeCachedView(
  storage: SnapshotStorage | undefined,
  address: ViewAddress,
  cached: CachedView,
): void {
  writeEntry(storage, viewCacheKey(address), { v: FORMAT, ...cached });
}
