import type { Notice } from '../notices.js';
import { ALTERNATIVE_KINDS } from '../types.js';
import type { Alternative } from '../types.js';

const KIND_RANK = new Map<string, number>(ALTERNATIVE_KINDS.map((kind, rank) => [kind, rank]));

/** Same kind, link and label (in every language): the same way to get the task done. */
function alternativeKey(alternative: Alternative): string {
  const label = Object.keys(alternative.label)
    .sort()
    .map((tag) => [tag, alternative.label[tag]]);
  return [alternative.kind, alternative.href ?? '', JSON.stringify(label)].join('\u0000');
}

/**
 * The service's current alternatives (`effectiveStatus`) merged with those of maintenance coming
 * up inside the notice window (`notices`), so people can prepare: without duplicates, in
 * `ALTERNATIVE_KINDS` order (WCAG 3.2.6 consistent help). `undefined` when the upcoming work adds
 * nothing, so the view need not repeat `alternatives`.
 */
export function alternativesWithPlanned(
  current: readonly Alternative[],
  notices: readonly Notice[],
): Alternative[] | undefined {
  const seen = new Set(current.map(alternativeKey));
  const added: Alternative[] = [];
  for (const notice of notices) {
    if (notice.kind !== 'maintenance' || notice.phase !== 'upcoming') continue;
    for (const alternative of notice.maintenance.alternatives ?? []) {
      const key = alternativeKey(alternative);
      if (seen.has(key)) continue;
      seen.add(key);
      added.push(alternative);
    }
  }
  if (added.length === 0) return undefined;
  const rank = (alternative: Alternative): number =>
    KIND_RANK.get(alternative.kind) ?? ALTERNATIVE_KINDS.length;
  // Array.prototype.sort is stable: within a kind, current ones first, in their order.
  return [...current, ...added].sort((a, b) => rank(a) - rank(b));
}
