import { describe, expect, test } from 'vitest';
import { buildCitationGraph, layoutCitationGraph, type CitationGraph, type GraphLayout, type NodeBox } from '../../../shared/analysis/citation-graph';
import { generateCasefile, SCALES } from '../../support/generate';
import { CasefileBuilder } from './build';

const typical = generateCasefile(SCALES.typical);
const claimIds = Object.keys(typical.claims);
/** The citation graph of the typical generated casefile's first `n` claims. */
const graphOf = (n: number) => buildCitationGraph(typical, { claimIds: claimIds.slice(0, n) });

function overlapping(layout: GraphLayout): [string, string][] {
  const boxes = Object.entries(layout.nodes).sort((a, b) => a[1].x - a[1].width / 2 - (b[1].x - b[1].width / 2));
  const out: [string, string][] = [];
  boxes.forEach(([id, a], i) => {
    for (const [other, b] of boxes.slice(i + 1)) {
      if (b.x - b.width / 2 >= a.x + a.width / 2) break;
      if (Math.abs(a.y - b.y) < (a.height + b.height) / 2) out.push([id, other]);
    }
  });
  return out;
}

const left = (b: NodeBox) => b.x - b.width / 2;
const right = (b: NodeBox) => b.x + b.width / 2;

describe('the layout of a casefile-sized citation graph', () => {
  const graph = graphOf(claimIds.length);
  const layout = layoutCitationGraph(graph);

  test('is the same every time', () => {
    expect(graph.nodes.length).toBeGreaterThan(150);
    expect(layoutCitationGraph(graph)).toEqual(layout);
    // Also when built again from the casefile.
    expect(layoutCitationGraph(graphOf(claimIds.length))).toEqual(layout);
  });

  test('no two nodes overlap, and every node is inside the picture', () => {
    expect(overlapping(layout)).toEqual([]);
    for (const b of Object.values(layout.nodes)) {
      expect(left(b)).toBeGreaterThanOrEqual(0);
      expect(b.y - b.height / 2).toBeGreaterThanOrEqual(0);
      expect(right(b)).toBeLessThanOrEqual(layout.width);
      expect(b.y + b.height / 2).toBeLessThanOrEqual(layout.height);
    }
  });

  test('outlets nobody cites are on the left; links not on a cycle run rightwards to the sources they cite', () => {
    const cited = new Set(graph.edges.map((e) => e.to));
    const firstColumn = Math.min(...Object.values(layout.nodes).map((b) => b.x));
    for (const n of graph.nodes.filter((x) => !cited.has(x.id))) {
      expect(n.kind).toBe('outlet');
      expect(layout.nodes[n.id]!.x).toBe(firstColumn);
    }
    for (const e of graph.edges.filter((x) => x.from !== x.to)) {
      const [from, to] = [layout.nodes[e.from]!, layout.nodes[e.to]!];
      const points = layout.edges[e.id]!;
      if (!e.onCycle) expect(right(from)).toBeLessThan(left(to));
      // Rightwards from its source's right side, or on a cycle maybe backwards from its left side: always to its target.
      if (right(from) < left(to)) expect([points[0]!.x, points[points.length - 1]!.x]).toEqual([right(from), left(to)]);
      else expect([points[0]!.x, points[points.length - 1]!.x]).toEqual([left(from), right(to)]);
    }
  });

  test('4,500 nodes with a web of outlets citing each other in circles: few layers, laid out in seconds (dagre took minutes)', () => {
    const large = generateCasefile(SCALES.large);
    const big = buildCitationGraph(large, { claimIds: Object.keys(large.claims).slice(0, 6_000) });
    expect(big.nodes.length).toBeGreaterThan(4_000);
    expect(big.edges.filter((e) => e.onCycle).length).toBeGreaterThan(1_000);
    const t0 = performance.now();
    const l = layoutCitationGraph(big);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(new Set(Object.values(l.nodes).map((b) => b.x)).size).toBeLessThanOrEqual(25);
    expect(overlapping(l)).toEqual([]);
  });
});

describe('after a small edit, given the layout before', () => {
  const before = graphOf(600);
  const layout = layoutCitationGraph(before);

  /** Nodes of both graphs that stayed in their column and moved less than a node's height, and whether they kept their order in each column. */
  function compare(after: CitationGraph, next: GraphLayout) {
    const common = after.nodes.map((n) => n.id).filter((id) => layout.nodes[id]);
    const still = common.filter((id) => layout.nodes[id]!.x === next.nodes[id]!.x && Math.abs(layout.nodes[id]!.y - next.nodes[id]!.y) < 30);
    const byColumn = (l: GraphLayout) => common.filter((id) => next.nodes[id]!.x === l.nodes[id]!.x).sort((a, b) => l.nodes[a]!.x - l.nodes[b]!.x || l.nodes[a]!.y - l.nodes[b]!.y);
    return { common: common.length, still: still.length, sameOrder: byColumn(layout).join() === byColumn(next).join() };
  }

  test('adding claims: the nodes that were there keep their places (within a node height) and order; new ones fit in without overlap', () => {
    for (const n of [601, 603, 605]) {
      const after = graphOf(n);
      const next = layoutCitationGraph(after, layout);
      const { common, still, sameOrder } = compare(after, next);
      expect(still / common).toBeGreaterThan(0.9);
      expect(sameOrder).toBe(true);
      expect(overlapping(next)).toEqual([]);
      expect(Object.keys(next.nodes).sort()).toEqual(after.nodes.map((x) => x.id).sort());
    }
  });

  test('removing a claim: the others keep their places and order', () => {
    const after = graphOf(599);
    const next = layoutCitationGraph(after, layout);
    const { common, still, sameOrder } = compare(after, next);
    expect(still / common).toBeGreaterThan(0.9);
    expect(sameOrder).toBe(true);
  });

  test('a different graph (another scope) is laid out afresh, as without the layout before', () => {
    const other = graphOf(100);
    expect(layoutCitationGraph(other, layout)).toEqual(layoutCitationGraph(other));
  });
});

describe('cycles and loops', () => {
  test('a loop of citations is laid out without overlaps; its links are drawn between the right sides', () => {
    const b = new CasefileBuilder()
      .source('reuters', 'Reuters', 'outlet').source('bloomberg', 'Bloomberg', 'outlet')
      .article('a1', 'Reuters').article('a2', 'Bloomberg').article('a3', 'AP')
      .claim('c1', 'a1', ['bloomberg']).claim('c2', 'a2', ['reuters']).claim('c3', 'a3', ['reuters']);
    const graph = buildCitationGraph(b.cf);
    const layout = layoutCitationGraph(graph);
    expect(overlapping(layout)).toEqual([]);
    for (const e of graph.edges) {
      const points = layout.edges[e.id]!;
      const from = layout.nodes[e.from]!;
      const to = layout.nodes[e.to]!;
      // Each link leaves its source at one side and reaches its target at one side.
      expect([left(from), right(from)]).toContain(points[0]!.x);
      expect([left(to), right(to)]).toContain(points[points.length - 1]!.x);
    }
  });
});
