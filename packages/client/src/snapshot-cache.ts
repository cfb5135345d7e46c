import { validateDocument, type StatusDocument } from '@statuskit/model';
import type { FeedAddress } from './feed-address.js';
import { isRecord, isRevision } from './json-shape.js';
import { readEntry, writeEntry, type SnapshotStorage } from './web-storage.js';

export { browserStorage, type SnapshotStorage } from './web-storage.js';

/** The last confirmed document of one feed address, as kept between visits. */
export interface CachedSnapshot {
  readonly revision: number;
  /** When the feed last confirmed it (epoch ms). */
  readonly savedAt: number;
  readonly document: StatusDocument;
}

const FORMAT = 1;
/** Older than this, a cached status says more about the past than about now: not shown. */
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** `statuskit:feed:<url>` or `statuskit:feed:<url>?services=a,b`. */
export function cacheKey(address: FeedAddress): string {
  return `statuskit:feed:${address.key}`;
}

/** The cached snapshot, or `undefined` when there is none or it does not pass validation. */
export function readSnapshot(
  storage: SnapshotStorage | undefined,
  key: string,
  now: number,
): CachedSnapshot | undefined {
  const entry = readEntry(storage, key);
  // Anything another version, another script or a curious user left there is checked in full.
  if (!isRecord(entry) || entry.v !== FORMAT || !isRevision(entry.revision)) return undefined;
  const { savedAt } = entry;
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt) || now - savedAt > MAX_AGE_MS) {
    return undefined;
  }
  const checked = validateDocument(entry.document);
  if (!checked.ok) return undefined;
  return { revision: entry.revision, savedAt, document: checked.value };
}

/** Saves the snapshot; quota, private mode and blocked storage are silently ignored. */
export function writeSnapshot(
  storage: SnapshotStorage | undefined,
  key: string,
  snapshot: CachedSnapshot,
): void {
  writeEntry(storage, key, { v: FORMAT, ...snapshot });
}
