// Internal: how causes travel up dependency edges. Shared by `effectiveStatus` (what affects a
// service now) and `noticesFor` (what planned work will affect it). Not part of the public API.
import type { DependencyGraph } from './dependencies.js';
import { capOptional, severity, worse } from './status.js';
import type { Alternative, Status } from './types.js';

export type OriginKind = 'own' | 'incident' | 'maintenance';

/** Where a cause comes from; shared by every service the cause reaches. */
export interface Origin {
  /** Dense number for array-indexed lookups while propagating. */
  readonly index: number;
  /** kind + id + origin service: the identity of a cause; also its stable sort key. */
  readonly key: string;
  readonly kind: OriginKind;
  /** Incident or maintenance id; `''` for `own`. */
  readonly id: string;
  status: Status;
  alternatives: readonly Alternative[];
}

/**
 * An origin as it reaches one service. A reach links to the reach one step down its chain, so
 * passing a cause one edge up is one small object of a single shape, and chains share tails;
 * chain arrays are built only for results (`chainOf`).
 */
export interface Reach {
  readonly origin: Origin;
  readonly status: Status;
  /** `severity(status)`, looked up once. */
  readonly rank: number;
  /** The service reached: the first entry of the chain. */
  readonly id: string;
  readonly next: Reach | undefined;
  readonly length: number;
  readonly optional: boolean;
}

const NO_ALTERNATIVES: readonly Alternative[] = Object.freeze([]);

/** The direct contributions to a graph's services, one origin per (kind, id, service). */
export class Origins {
  readonly #graph: DependencyGraph;
  readonly #byKey = new Map<string, Origin>();
  /** Per graph position, the origins on that service. */
  readonly direct: Origin[][];

  constructor(graph: DependencyGraph) {
    this.#graph = graph;
    this.direct = graph.services.map(() => []);
  }

  get size(): number {
    return this.#byKey.size;
  }

  /**
   * Ids of no service are ignored. Only a document with duplicate incident or maintenance ids
   * adds one origin twice; then the worse status and all alternatives count.
   */
  add(
    kind: OriginKind,
    id: string,
    serviceId: string,
    status: Status,
    alternatives: readonly Alternative[] | undefined,
  ): void {
    const position = this.#graph.positions.get(serviceId);
    if (position === undefined) return;
    const key = `${kind}\u0000${id}\u0000${serviceId}`;
    const known = this.#byKey.get(key);
    if (known !== undefined) {
      known.status = worse(known.status, status);
      if (alternatives !== undefined) known.alternatives = [...known.alternatives, ...alternatives];
      return;
    }
    const origin: Origin = {
      index: this.#byKey.size,
      key,
      kind,
      id,
      status,
      alternatives: alternatives ?? NO_ALTERNATIVES,
    };
    this.#byKey.set(key, origin);
    this.direct[position]?.push(origin);
  }
}

const DEGRADED = severity('degraded');

/**
 * Whether `reach`, passed one edge up (`optionalEdge` says which kind), beats `than` at the
 * service above. For the best way: worst status, then shortest chain; for the shortest way the
 * other way round. Then, either way, a chain of required edges only; on a full tie the first
 * found (in `dependsOn` order) stays.
 */
function beats(reach: Reach, optionalEdge: boolean, than: Reach, shortestFirst: boolean): boolean {
  const rank = optionalEdge ? Math.min(reach.rank, DEGRADED) : reach.rank;
  const bySeverity = rank - than.rank;
  const byLength = than.length - (reach.length + 1);
  const first = shortestFirst ? byLength : bySeverity;
  if (first !== 0) return first > 0;
  const second = shortestFirst ? bySeverity : byLength;
  if (second !== 0) return second > 0;
  return !optionalEdge && !reach.optional && than.optional;
}

/** `reach` as it reaches `serviceId`, which depends on the service `reach` is at. */
function extend(reach: Reach, optionalEdge: boolean, serviceId: string): Reach {
  const status = optionalEdge ? capOptional(reach.status) : reach.status;
  return {
    origin: reach.origin,
    status,
    rank: status === reach.status ? reach.rank : severity(status),
    id: serviceId,
    next: reach,
    length: reach.length + 1,
    optional: optionalEdge || reach.optional,
  };
}

/**
 * For every service (by graph position), each origin that reaches it, by the path that passes on
 * the worst status, then the shortest, then one of required edges only, then the first in
 * `dependsOn` order. Services are visited in dependency order: O(services + edges × origins
 * reaching each dependency), no recursion.
 */
export function propagate(graph: DependencyGraph, origins: Origins): Reach[][] {
  const { services } = graph;
  // Per service, per origin: the best way the origin reaches it and the shortest, in two
  // parallel arrays. They differ when a long required path passes on more than a short optional
  // one; through an optional edge further up both arrive capped alike, and then only the
  // shortest matters. `slot[origin.index]` is the origin's place in the service being computed.
  const bestAt: Reach[][] = services.map(() => []);
  const shortestAt: Reach[][] = services.map(() => []);
  const slot = new Int32Array(origins.size).fill(-1);
  for (const position of graph.order) {
    const serviceId = services[position]?.id ?? '';
    const best = bestAt[position] ?? [];
    const shortest = shortestAt[position] ?? [];
    for (const origin of origins.direct[position] ?? []) {
      const reach: Reach = {
        origin,
        status: origin.status,
        rank: severity(origin.status),
        id: serviceId,
        next: undefined,
        length: 1,
        optional: false,
      };
      slot[origin.index] = best.length;
      best.push(reach);
      shortest.push(reach);
    }
    for (const edge of graph.edges[position] ?? []) {
      const optionalEdge = edge.optional;
      const fromBest = bestAt[edge.target] ?? [];
      const fromShortest = shortestAt[edge.target] ?? [];
      for (let k = 0; k < fromBest.length; k += 1) {
        const wayBest = fromBest[k];
        const wayShortest = fromShortest[k];
        if (wayBest === undefined || wayShortest === undefined) continue;
        // Through an optional edge every way arrives capped alike, so the shortest is the best.
        const via = optionalEdge ? wayShortest : wayBest;
        const at = slot[via.origin.index] ?? -1;
        const knownBest = best[at];
        const knownShortest = shortest[at];
        if (knownBest === undefined || knownShortest === undefined) {
          const reach = extend(via, optionalEdge, serviceId);
          slot[via.origin.index] = best.length;
          best.push(reach);
          shortest.push(via === wayShortest ? reach : extend(wayShortest, optionalEdge, serviceId));
          continue;
        }
        const newBest = beats(via, optionalEdge, knownBest, false);
        if (newBest) best[at] = extend(via, optionalEdge, serviceId);
        if (beats(wayShortest, optionalEdge, knownShortest, true)) {
          shortest[at] =
            newBest && via === wayShortest
              ? (best[at] ?? knownBest)
              : extend(wayShortest, optionalEdge, serviceId);
        }
      }
    }
    for (const reach of best) slot[reach.origin.index] = -1;
  }
  return bestAt;
}

/** Worst first, then shortest chain, then the origin key: the same order every time. */
function compareReach(a: Reach, b: Reach): number {
  return (
    b.rank - a.rank ||
    a.length - b.length ||
    (a.origin.key < b.origin.key ? -1 : a.origin.key > b.origin.key ? 1 : 0)
  );
}

/**
 * Sorts in place, worst first, then shortest chain, then by origin key. Most services have a
 * handful of causes, and for those an insertion sort allocates nothing where `Array#sort`
 * allocates work arrays on every call.
 */
export function sortReaches(reaches: Reach[]): Reach[] {
  if (reaches.length > 64) return reaches.sort(compareReach);
  for (let i = 1; i < reaches.length; i += 1) {
    const reach = reaches[i];
    if (reach === undefined) continue;
    let j = i - 1;
    for (let other = reaches[j]; other !== undefined && compareReach(other, reach) > 0;) {
      reaches[j + 1] = other;
      j -= 1;
      other = reaches[j];
    }
    reaches[j + 1] = reach;
  }
  return reaches;
}

/** `[service reached, …, origin service]`. */
export function chainOf(reach: Reach): string[] {
  const chain = new Array<string>(reach.length);
  let at: Reach | undefined = reach;
  for (let index = 0; at !== undefined; index += 1, at = at.next) chain[index] = at.id;
  return chain;
}
