/**
 * Shape checks for values read from the network, storage or another tab. No model code here: the
 * view client uses them too, and must not pull the model's validation into a quiet page.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isRevision(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Whether the data should be shown as possibly out of date. */
export function isStale(
  source: 'none' | 'cache' | 'feed',
  lastUpdated: number | undefined,
  now: number,
  staleAfterMs: number,
  feedFresh = true,
): boolean {
  if (source === 'cache' || !feedFresh) return true;
  if (source === 'none') return false;
  return lastUpdated === undefined || now - lastUpdated > staleAfterMs;
}
