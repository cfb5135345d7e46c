import { epochMs, isIncidentActive, isMaintenanceInProgress } from './active.js';
import { dependencyGraph } from './dependencies.js';
import { chainOf, Origins, propagate, sortReaches } from './propagation.js';
import type { Reach } from './propagation.js';
import { impactStatus } from './status.js';
import { ALTERNATIVE_KINDS } from './types.js';
import type { Alternative, Status, StatusDocument } from './types.js';

export interface CauseBase {
  /** What reaches the described service: `originStatus`, capped at `degraded` if `optional`. */
  readonly status: Status;
  /** The status at the origin. */
  readonly originStatus: Status;
  /** `[described service, …, origin service]`, following dependency edges; length 1 if direct. */
  readonly chain: readonly string[];
  /** Whether any edge on the chain is an optional dependency. */
  readonly optional: boolean;
}

/** One reason a service is not operational: its own status, an incident or maintenance. */
export type Cause = CauseBase &
  (
    | { readonly kind: 'own' }
    | { readonly kind: 'incident'; readonly incidentId: string }
    | { readonly kind: 'maintenance'; readonly maintenanceId: string }
  );

export interface EffectiveStatus {
  /** The worst of the causes' `status`, or `operational` when there are none. */
  readonly status: Status;
  /** Worst first, then shortest chain, then a stable key. */
  readonly causes: readonly Cause[];
  /** Ways to get the task done meanwhile, in `ALTERNATIVE_KINDS` order. */
  readonly alternatives: readonly Alternative[];
}

function toCause(reach: Reach): Cause {
  const chain = chainOf(reach);
  const { origin, status, optional } = reach;
  const originStatus = origin.status;
  // Written out rather than spread: this runs once per cause per service.
  switch (origin.kind) {
    case 'own':
      return { kind: 'own', status, originStatus, chain, optional };
    case 'incident':
      return { kind: 'incident', incidentId: origin.id, status, originStatus, chain, optional };
    case 'maintenance':
      return {
        kind: 'maintenance',
        maintenanceId: origin.id,
        status,
        originStatus,
        chain,
        optional,
      };
  }
}

const KIND_RANK = new Map<string, number>(ALTERNATIVE_KINDS.map((kind, rank) => [kind, rank]));

function kindRank(alternative: Alternative): number {
  return KIND_RANK.get(alternative.kind) ?? ALTERNATIVE_KINDS.length;
}

/** Same kind, href and label: the same alternative, even when two incidents both list it. */
function alternativeKey(alternative: Alternative): string {
  const label = Object.keys(alternative.label)
    .sort()
    .map((tag) => [tag, alternative.label[tag]]);
  return [alternative.kind, alternative.href ?? '', JSON.stringify(label)].join('\u0000');
}

const NO_CAUSES: readonly Cause[] = Object.freeze([]);
const NO_ALTERNATIVES: readonly Alternative[] = Object.freeze([]);

/**
 * Collects a service's alternatives: without duplicates (same kind, href and label), in
 * `ALTERNATIVE_KINDS` order, and within a kind in the order met (own first, then by cause).
 * Keys are computed once per alternative object per derivation; a duplicate is spotted by
 * stamping its key's number with the current service, so nothing is allocated per lookup.
 */
function alternativeCollector(): (
  service: number,
  own: readonly Alternative[] | undefined,
  reaches: readonly Reach[],
) => readonly Alternative[] {
  const numberOfKey = new Map<string, number>();
  const numberOf = new Map<Alternative, number>();
  const stamp: number[] = [];
  const collect = (
    result: Alternative[] | undefined,
    list: readonly Alternative[],
    service: number,
  ): Alternative[] | undefined => {
    for (const alternative of list) {
      let number = numberOf.get(alternative);
      if (number === undefined) {
        const key = alternativeKey(alternative);
        number = numberOfKey.get(key) ?? numberOfKey.size;
        numberOfKey.set(key, number);
        numberOf.set(alternative, number);
      }
      if (stamp[number] === service) continue;
      stamp[number] = service;
      result ??= [];
      // Insertion by kind keeps the order met within a kind.
      const rank = kindRank(alternative);
      let at = result.length;
      for (let before = result[at - 1]; before !== undefined && kindRank(before) > rank;) {
        result[at] = before;
        at -= 1;
        before = result[at - 1];
      }
      result[at] = alternative;
    }
    return result;
  };
  return (service, own, reaches) => {
    let result = own === undefined ? undefined : collect(undefined, own, service);
    for (const reach of reaches) {
      if (reach.origin.alternatives.length > 0) {
        result = collect(result, reach.origin.alternatives, service);
      }
    }
    return result ?? NO_ALTERNATIVES;
  };
}

/**
 * The effective (experienced) status of every service in the document at `now`: the worst of
 *
 * - its own `status`;
 * - the impact of each open incident that lists it (`minor` → `degraded`, …);
 * - `maintenance` for each maintenance in progress that lists it (`isMaintenanceInProgress`);
 * - what each dependency passes on, transitively: a required dependency its effective status
 *   unchanged, an optional one at most `degraded` (`capOptional`).
 *
 * `unknown` ranks between `operational` and `degraded` (see `severity`), and `capOptional` leaves
 * it as it is: a dependency, required or optional, whose effective status is `unknown` makes an
 * otherwise operational service `unknown`, and never makes it look worse than that.
 *
 * Every non-operational contribution becomes a `Cause` carrying the chain it travelled. One origin
 * (kind + origin service + incident or maintenance id) reached along several paths, as in a
 * diamond, gives one cause: the path passing on the worst status, then the shortest, then one of
 * only required edges, then the first in `dependsOn` order.
 *
 * Never throws and never loops on a structurally typed document, valid or not: an edge that would
 * close a cycle is treated as absent (see `dependencyGraph`), dependencies on ids of no service
 * are ignored, and so are incidents and maintenance listing such ids. Services are computed in
 * dependency order in O(services + edges × causes).
 */
export function effectiveStatus(
  document: StatusDocument,
  now: Date | number,
): Readonly<Record<string, EffectiveStatus>> {
  const nowMs = epochMs(now);
  const graph = dependencyGraph(document);
  const { services } = graph;

  const origins = new Origins(graph);
  for (const service of services) {
    if (service.status !== 'operational') {
      origins.add('own', '', service.id, service.status, undefined);
    }
  }
  for (const incident of document.incidents) {
    if (!isIncidentActive(incident)) continue;
    const status = impactStatus(incident.impact);
    for (const serviceId of incident.services) {
      origins.add('incident', incident.id, serviceId, status, incident.alternatives);
    }
  }
  for (const window of document.maintenance) {
    if (!isMaintenanceInProgress(window, nowMs)) continue;
    for (const serviceId of window.services) {
      origins.add('maintenance', window.id, serviceId, 'maintenance', window.alternatives);
    }
  }
  const reached = propagate(graph, origins);

  const collectAlternatives = alternativeCollector();
  const result: Record<string, EffectiveStatus> = {};
  for (let position = 0; position < services.length; position += 1) {
    const service = services[position];
    if (service === undefined) continue;
    const reaches = sortReaches(reached[position] ?? []);
    const entry: EffectiveStatus = {
      status: reaches[0]?.status ?? 'operational',
      causes: reaches.length === 0 ? NO_CAUSES : reaches.map(toCause),
      alternatives: collectAlternatives(position, service.alternatives, reaches),
    };
    // Plain assignment is many times cheaper than Object.fromEntries at this size; only the key
    // `__proto__` would set the prototype instead of a property.
    if (service.id === '__proto__') {
      Object.defineProperty(result, service.id, {
        value: entry,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      result[service.id] = entry;
    }
  }
  return result;
}

/** A chain for people and logs: `tax-return ← login ← eid`. */
export function formatChain(chain: readonly string[]): string {
  return chain.join(' ← ');
}
