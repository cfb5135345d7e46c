import { validateDocument, type StatusDocument } from '@statuskit/model';
import type { FeedAddress } from './feed-address.js';
import { isRecord, isRevision } from './state.js';

/** The part of the Web Storage API the cache uses. */
export type SnapshotStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

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

/**
 * `localStorage`, when this host has one and lets us touch it. Merely reading the property
 * throws a SecurityError where storage is blocked (sandboxed frames, some privacy settings).
 */
export function browserStorage(): SnapshotStorage | undefined {
  try {
    const storage = (globalThis as { localStorage?: SnapshotStorage }).localStorage;
    return storage ?? undefined;
  } catch {
    return undefined;
  }
}

/** The cached snapshot, or `undefined` when there is none or it does not pass validation. */
export function readSnapshot(
  storage: SnapshotStorage | undefined,
  key: string,
  now: number,
): CachedSnapshot | undefined {
  if (!storage) return undefined;
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return undefined;
  }
  if (text === null) return undefined;
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return undefined;
  }
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
  if (!storage) return;
  try {
    storage.setItem(key, JSON.stringify({ v: FORMAT, ...snapshot }));
  } catch {
    // QuotaExceededError: drop the stale copy rather than keep one that will not be updated.
    try {
      storage.removeItem(key);
    } catch {
      // nothing more to do
    }
  }
}
