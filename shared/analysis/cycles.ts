/**
 * Circular attribution: A cites B cites A. Found as the strongly connected
 * components of the "cites" graph (Tarjan's algorithm, iterative so a long
 * chain cannot overflow the stack); a self-citation is a cycle of one.
 */
import { pushTo } from '../lib/collections';

export interface CyclicComponents {
  /** Component number of each node that lies on a cycle. */
  componentOf: Map<string, number>;
  /** One readable cycle per component: keys from a node back to itself. */
  cycles: string[][];
}

type Edge = readonly [string, string];

/** Each node's successors. */
function successorsOf(edges: readonly Edge[]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const [a, b] of edges) pushTo(next, a, b);
  return next;
}

export function cyclicComponents(edges: readonly Edge[]): CyclicComponents {
  const next = successorsOf(edges);
  const components = stronglyConnected(next);
  const componentOf = new Map<string, number>();
  const cycles: string[][] = [];
  for (const members of components) {
    const first = members[0]!;
    const selfLoop = members.length === 1 && (next.get(first) ?? []).includes(first);
    if (members.length < 2 && !selfLoop) continue;
    const n = cycles.length;
    for (const m of members) componentOf.set(m, n);
    cycles.push(shortestCycle(first, next, new Set(members)));
  }
  return { componentOf, cycles };
}

function stronglyConnected(next: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  const nodes = new Set<string>([...next.keys(), ...[...next.values()].flat()]);
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const succ = next.get(frame.node) ?? [];
      if (frame.i < succ.length) {
        const w = succ[frame.i++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.node);
        out.push(component.reverse());
      }
    }
  }
  return out;
}

/** The shortest way from `start` back to itself inside its component (breadth first). */
function shortestCycle(start: string, next: Map<string, string[]>, inside: Set<string>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    for (const w of next.get(node) ?? []) {
      if (w === start) {
        const path = [start];
        for (let at = node; at !== start; at = parent.get(at)!) path.push(at);
        return [start, ...path.slice(1).reverse(), start];
      }
      if (inside.has(w) && !parent.has(w)) {
        parent.set(w, node);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** Whether the edges contain any cycle: a cheap depth-first check before the full analysis (most graphs have none). */
export function hasCycle(edges: readonly Edge[]): boolean {
  if (edges.some(([a, b]) => a === b)) return true;
  const next = successorsOf(edges);
  // 1: on the current path, 2: finished.
  const state = new Map<string, 1 | 2>();
  for (const start of next.keys()) {
    if (state.has(start)) continue;
    const stack: [string, number][] = [[start, 0]];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const succ = next.get(top[0]);
      if (succ && top[1] < succ.length) {
        const w = succ[top[1]++]!;
        const s = state.get(w);
        if (s === 1) return true;
        if (s === undefined) {
          state.set(w, 1);
          stack.push([w, 0]);
        }
      } else {
        state.set(top[0], 2);
        stack.pop();
      }
    }
  }
  return false;
}

/** Up to this many paths, `sameLevels` scans lists instead of building maps. */
const FEW_PATHS = 24;

/**
 * True when every key sits at the same position in every path it is on: then
 * every edge goes from one position to the next and there is no cycle. The
 * common case (outlet, then sources), checked without maps or edge lists.
 */
export function sameLevels(paths: readonly { path: readonly string[] }[]): boolean {
  const keys: string[] = [];
  const levels: number[] = [];
  for (const { path } of paths) {
    for (let i = 0; i < path.length; i++) {
      const at = keys.indexOf(path[i]!);
      if (at < 0) {
        keys.push(path[i]!);
        levels.push(i);
      } else if (levels[at] !== i) return false;
    }
  }
  return true;
}

/** Which attribution paths run through a cycle, and the cycles themselves. */
export function pathCycles(paths: readonly { id: string; path: readonly string[] }[]): {
  claimIds: string[];
  cycles: { keys: string[]; claimIds: string[] }[];
} {
  if (paths.length <= FEW_PATHS && sameLevels(paths)) return { claimIds: [], cycles: [] };
  const edges: [string, string][] = [];
  for (const p of paths) for (let i = 1; i < p.path.length; i++) edges.push([p.path[i - 1]!, p.path[i]!]);
  if (!hasCycle(edges)) return { claimIds: [], cycles: [] };
  const { componentOf, cycles } = cyclicComponents(edges);
  if (!cycles.length) return { claimIds: [], cycles: [] };
  const byCycle = cycles.map((keys) => ({ keys, claimIds: [] as string[] }));
  for (const p of paths) {
    const through = new Set<number>();
    for (let i = 1; i < p.path.length; i++) {
      const c = componentOf.get(p.path[i - 1]!);
      if (c !== undefined && c === componentOf.get(p.path[i]!)) through.add(c);
    }
    for (const c of through) byCycle[c]!.claimIds.push(p.id);
  }
  const found = byCycle.filter((c) => c.claimIds.length);
  return { claimIds: [...new Set(found.flatMap((c) => c.claimIds))], cycles: found };
}
