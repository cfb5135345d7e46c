// Document-based, as the element derived its list before it rendered a service view (the
// element now uses view-alternatives.ts; the model derives the list for the feed). Nothing in the
// bundle imports this any more; kept with its tests (test/view-models.test.ts) until removed.
import { ALTERNATIVE_KINDS, noticesFor } from '@statuskit/model';
import type { Alternative, EffectiveStatus, StatusDocument } from '@statuskit/model';

const KIND_RANK = new Map<string, number>(ALTERNATIVE_KINDS.map((kind, rank) => [kind, rank]));

function alternativeKey(alternative: Alternative): string {
  const label = Object.keys(alternative.label)
    .sort()
    .map((tag) => [tag, alternative.label[tag]]);
  return [alternative.kind, alternative.href ?? '', JSON.stringify(label)].join('\u0000');
}

/**
 * The ways to get the task done another way: the service's own alternatives merged with those of
 * its current incidents and maintenance (the model's `effective[service].alternatives`), plus
 * those of maintenance that is coming up inside the notice window, so people can prepare.
 * Without duplicates, always in the model's kind order (WCAG 3.2.6 consistent help).
 */
export function alternativesFor(
  document: StatusDocument,
  effective: Readonly<Record<string, EffectiveStatus>>,
  serviceId: string,
  now: number,
): Alternative[] {
  const service = document.services.find((candidate) => candidate.id === serviceId);
  if (!service) return [];
  const current = effective[serviceId]?.alternatives ?? service.alternatives ?? [];
  const upcoming = noticesFor(document, serviceId, now, { effective }).flatMap((notice) =>
    notice.kind === 'maintenance' && notice.phase === 'upcoming'
      ? (notice.maintenance.alternatives ?? [])
      : [],
  );
  const seen = new Set<string>();
  const merged: Alternative[] = [];
  for (const alternative of [...current, ...upcoming]) {
    const key = alternativeKey(alternative);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(alternative);
  }
  const rank = (alternative: Alternative): number =>
    KIND_RANK.get(alternative.kind) ?? ALTERNATIVE_KINDS.length;
  // Array.prototype.sort is stable: within a kind, the model's order stays.
  return merged.sort((a, b) => rank(a) - rank(b));
}
