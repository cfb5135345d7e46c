/**
 * Which banner notices the user has hidden, remembered per feed, notice key and version, so a
 * notice that changes (a new update, a new time, a window that starts) shows again. The feed is
 * part of the key because two feeds can use the same incident ids. Kept in
 * `localStorage` when the browser allows it, and in memory for this page either way: private
 * modes, blocked storage and full quotas only cost the memory across visits.
 */

const STORAGE_KEY = 'statuskit:dismissed';
/** Old entries are dropped beyond this many, so the stored list cannot grow without bound. */
const MAX_ENTRIES = 50;

let remembered: Map<string, string> | undefined;

function load(): Map<string, string> {
  if (remembered) return remembered;
  remembered = new Map();
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [key, version] of Object.entries(parsed)) {
        if (typeof version === 'string') remembered.set(key, version);
      }
    }
  } catch {
    // No storage, or something else wrote there: start from nothing.
  }
  return remembered;
}

function entry(feed: string, key: string): string {
  return `${feed} ${key}`;
}

/** Whether the notice `key` of `feed` was hidden at exactly this `version`. */
export function isDismissed(feed: string, key: string, version: string): boolean {
  return load().get(entry(feed, key)) === version;
}

/** Remembers that the user hid these notices of `feed`. */
export function rememberDismissal(
  feed: string,
  notices: readonly { key: string; version: string }[],
): void {
  const map = load();
  for (const { key, version } of notices) {
    map.delete(entry(feed, key));
    map.set(entry(feed, key), version);
  }
  while (map.size > MAX_ENTRIES) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
  try {
    globalThis.localStorage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(map)));
  } catch {
    // Remembered for this page only.
  }
}

/** Forgets every dismissal (tests, and a "show hidden messages" control a page may offer). */
export function forgetDismissals(): void {
  remembered = new Map();
  try {
    globalThis.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored.
  }
}
