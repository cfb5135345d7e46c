import type { Service, StatusDocument } from './types.js';

/** One dependency of a service, with the plain-id shorthand expanded. */
export interface DependencyEdge {
  readonly service: string;
  readonly optional: boolean;
}

/**
 * The service's dependencies in the order listed, each id once. An id listed both as required and
 * as optional is required: the stronger claim wins.
 */
export function dependencyEdges(service: Service): DependencyEdge[] {
  const optionalById = new Map<string, boolean>();
  for (const ref of service.dependsOn ?? []) {
    const id = typeof ref === 'string' ? ref : ref.service;
    const optional = typeof ref !== 'string' && ref.optional === true;
    optionalById.set(id, (optionalById.get(id) ?? true) && optional);
  }
  return Array.from(optionalById, ([id, optional]) => ({ service: id, optional }));
}

/** A dependency edge between positions in a `DependencyGraph`. */
export interface GraphEdge {
  readonly target: number;
  readonly optional: boolean;
}

/** The document's services as a graph that is safe to walk in dependency order. */
export interface DependencyGraph {
  /** The first service with each id, in document order; later duplicates are ignored. */
  readonly services: readonly Service[];
  /** Service id → position in `services`. */
  readonly positions: ReadonlyMap<string, number>;
  /**
   * Per position, the dependencies kept: ids of no service are left out, and so is every edge
   * that would close a cycle (the validator rejects cycles; derivation must still end).
   */
  readonly edges: readonly (readonly GraphEdge[])[];
  /** Every position once, each after all the positions its kept edges point to. */
  readonly order: readonly number[];
}

/**
 * Builds the graph with an iterative depth-first search (no recursion, so a 100,000-deep chain
 * cannot overflow the stack), in O(services + edges). Which edge of a cycle is dropped depends
 * only on document order, so the result is deterministic.
 */
export function dependencyGraph(document: StatusDocument): DependencyGraph {
  const services: Service[] = [];
  const positions = new Map<string, number>();
  for (const service of document.services) {
    if (positions.has(service.id)) continue;
    positions.set(service.id, services.length);
    services.push(service);
  }

  // The same rules as `dependencyEdges`, without its per-service map: `slot[target]` is where
  // `target` sits in the list of the service `owner[target]`, so a repeat is found in O(1).
  const owner = new Int32Array(services.length).fill(-1);
  const slot = new Int32Array(services.length);
  const listed: GraphEdge[][] = services.map((service, position) => {
    const edges: GraphEdge[] = [];
    for (const ref of service.dependsOn ?? []) {
      const target = positions.get(typeof ref === 'string' ? ref : ref.service);
      if (target === undefined) continue;
      const optional = typeof ref !== 'string' && ref.optional === true;
      if (owner[target] !== position) {
        owner[target] = position;
        slot[target] = edges.length;
        edges.push({ target, optional });
      } else if (!optional) {
        edges[slot[target] ?? 0] = { target, optional };
      }
    }
    return edges;
  });

  const UNSEEN = 0;
  const OPEN = 1; // on the search stack: an edge to it closes a cycle
  const DONE = 2;
  const state = new Uint8Array(services.length);
  const kept: GraphEdge[][] = services.map(() => []);
  const order: number[] = [];
  const stack: number[] = [];
  const next: number[] = []; // per stack entry, the index of the next edge to look at

  for (let root = 0; root < services.length; root += 1) {
    if (state[root] !== UNSEEN) continue;
    state[root] = OPEN;
    stack.push(root);
    next.push(0);
    while (stack.length > 0) {
      const top = stack.length - 1;
      const node = stack[top] ?? 0;
      const index = next[top] ?? 0;
      const edge = listed[node]?.[index];
      if (edge === undefined) {
        stack.pop();
        next.pop();
        state[node] = DONE;
        order.push(node);
        continue;
      }
      next[top] = index + 1;
      const targetState = state[edge.target];
      if (targetState === OPEN) continue;
      kept[node]?.push(edge);
      if (targetState === UNSEEN) {
        state[edge.target] = OPEN;
        stack.push(edge.target);
        next.push(0);
      }
    }
  }

  return { services, positions, edges: kept, order };
}
