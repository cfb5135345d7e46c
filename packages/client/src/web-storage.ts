/** The part of the Web Storage API the caches use. */
export type SnapshotStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

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

/** Reads an entry; blocked storage reads as nothing. */
export function readEntry(storage: SnapshotStorage | undefined, key: string): unknown {
  if (!storage) return undefined;
  try {
    const text = storage.getItem(key);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Saves an entry; quota, private mode and blocked storage are silently ignored. */
export function writeEntry(storage: SnapshotStorage | undefined, key: string, entry: object): void {
  if (!storage) return;
  try {
    storage.setItem(key, JSON.stringify(entry));
  } catch {
    // QuotaExceededError: drop the stale copy rather than keep one that will not be updated.
    try {
      storage.removeItem(key);
    } catch {
      // nothing more to do
    }
  }
}
