import { isRecord, type Issues } from './reader.js';
import type { ValidationIssue } from './result.js';
import { dependencyTarget } from './service.js';

interface Edge {
  readonly target: number;
  /** Index of the `dependsOn` entry, for the issue's path. */
  readonly entry: number;
}

interface Graph {
  readonly ids: readonly string[];
  /** Position of each node's service in `services`. */
  readonly positions: readonly number[];
  readonly edges: readonly (readonly Edge[])[];
}

/**
 * The dependency graph of the services as given, before they are validated, so a cycle is found
 * even among services that have other problems. Entries that cannot form a cycle (unknown
 * services, self-dependencies, repeats; each reported elsewhere) are left out.
 */
function dependencyGraph(services: readonly unknown[]): Graph {
  const node = new Map<string, number>();
  const ids: string[] = [];
  const positions: number[] = [];
  const dependsOn: unknown[] = [];
  services.forEach((item, position) => {
    if (!isRecord(item) || typeof item.id !== 'string' || node.has(item.id)) return;
    node.set(item.id, ids.length);
    ids.push(item.id);
    positions.push(position);
    dependsOn.push(item.dependsOn);
  });
  const edges = dependsOn.map((entries, source) => {
    const list: Edge[] = [];
    if (!Array.isArray(entries)) return list;
    const seen = new Set<number>();
    (entries as readonly unknown[]).forEach((entry, index) => {
      const target = node.get(dependencyTarget(entry) ?? '');
      if (target === undefined || target === source || seen.has(target)) return;
      seen.add(target);
      list.push({ target, entry: index });
    });
    return list;
  });
  return { ids, positions, edges };
}

/** Enough to fix a broken catalogue one step at a time, while bounding the message sizes. */
const MAX_CYCLES_REPORTED = 20;

interface Step {
  readonly node: number;
  /** The next of the node's edges to follow; the one before it leads to the next step. */
  next: number;
}

/** The cycle closed by an edge back to `path[from]`, reported at that service's entry. */
function cycleIssue(graph: Graph, path: readonly Step[], from: number): ValidationIssue {
  const cycle = path.slice(from);
  const first = cycle[0];
  const entry = first && graph.edges[first.node]?.[first.next - 1]?.entry;
  const position = first && graph.positions[first.node];
  const names = cycle.map((step) => graph.ids[step.node]);
  names.push(names[0]);
  return {
    path: `services[${position ?? 0}].dependsOn[${entry ?? 0}]`,
    message: `dependency cycle: ${names.join(' → ')}`,
  };
}

const NEW = 0;
const ON_PATH = 1;
const DONE = 2;

/**
 * Reports each cycle once, as found by one depth-first search over the whole graph: every edge
 * back to a service still on the search path closes one cycle. The search keeps its own stack
 * (2,000 services in a chain must not overflow the call stack) and follows each edge once.
 */
export function dependencyCycles(services: readonly unknown[], issues: Issues): void {
  const graph = dependencyGraph(services);
  const state = new Uint8Array(graph.ids.length);
  /** Where a node sits in `path` while it is on it. */
  const depth = new Int32Array(graph.ids.length);
  const path: Step[] = [];
  let found = 0;

  for (let root = 0; root < graph.ids.length; root++) {
    if (state[root] !== NEW) continue;
    state[root] = ON_PATH;
    depth[root] = 0;
    path.push({ node: root, next: 0 });
    for (let top = path.at(-1); top !== undefined; top = path.at(-1)) {
      const edge = graph.edges[top.node]?.[top.next];
      if (edge === undefined) {
        state[top.node] = DONE;
        path.pop();
        continue;
      }
      top.next += 1;
      const { target } = edge;
      if (state[target] === NEW) {
        state[target] = ON_PATH;
        depth[target] = path.length;
        path.push({ node: target, next: 0 });
      } else if (state[target] === ON_PATH) {
        found += 1;
        if (found <= MAX_CYCLES_REPORTED) issues.push(cycleIssue(graph, path, depth[target] ?? 0));
      }
    }
  }
  if (found > MAX_CYCLES_REPORTED) {
    issues.push({
      path: 'services',
      message: `${found - MAX_CYCLES_REPORTED} more dependency cycles; fix the ones listed and validate again`,
    });
  }
}
