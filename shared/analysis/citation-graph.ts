/**
 * The citation graph: who relays whom. Nodes are outlets, people,
 * institutions, documents and anonymous groups; an edge "reports" runs from
 * an article's outlet to the first hop of a claim's chain, and "cites" from
 * each hop to the next. Built from the casefile, laid out in layers
 * (outlets left, root sources right: shared/analysis/layered-layout.ts), and drawn as a standalone SVG
 * for reports; the app draws the same layout interactively.
 */
import type { Casefile, SourceKind } from '../model/schema';
import { cyclicComponents } from './cycles';
import { CHAR_WIDTH, LINE_HEIGHT } from './graph-svg';
import { independenceContext, outletKey, type IndependenceContext } from './independence';
import { recordOf } from '../model/ids';
import { layeredLayout } from './layered-layout';

export { escapeXml, renderCitationGraphSvg, type SvgOptions } from './graph-svg';

export type CitationNodeKind = SourceKind | 'unnamed';

export interface CitationNode {
  /** "s:<source id>" (registry source), "o:<outlet name>" (an outlet not in the registry) or "u:<cited by>:<type>" (unnamed). */
  id: string;
  label: string;
  kind: CitationNodeKind;
  /** Registry entries this node stands for (several when judged or named the same). */
  sourceIds: string[];
  /** Claims whose attribution passes through this node, as outlet or hop. */
  claimIds: string[];
  /** Articles this node published. */
  articleIds: string[];
  /** Claims whose chain ends here. */
  rootOf: number;
  /** The most common sourcing type of hops at this node, or null for an outlet that only publishes. */
  typeId: string | null;
  onCycle: boolean;
}

export interface CitationEdge {
  id: string;
  from: string;
  to: string;
  kind: 'reports' | 'cites';
  claimIds: string[];
  onCycle: boolean;
}

export interface CitationGraph {
  nodes: CitationNode[];
  edges: CitationEdge[];
}

/**
 * The graph of every tagged claim's attribution, or of `claimIds` only
 * (a report's scope). Claims with no chain add nothing.
 */
export function buildCitationGraph(casefile: Casefile, options: { claimIds?: readonly string[] } = {}): CitationGraph {
  const ctx = independenceContext(casefile);
  const nodes = new Map<string, CitationNode & { typeCounts: Map<string, number>; claimSet: Set<string> }>();
  const edges = new Map<string, CitationEdge & { claimSet: Set<string> }>();
  const node = (id: string, make: () => Pick<CitationNode, 'label' | 'kind' | 'sourceIds'>) => {
    let n = nodes.get(id);
    if (!n) {
      n = { id, ...make(), claimIds: [], articleIds: [], rootOf: 0, typeId: null, onCycle: false, typeCounts: new Map(), claimSet: new Set() };
      nodes.set(id, n);
    }
    return n;
  };
  const claims = options.claimIds ? options.claimIds.map((id) => recordOf(casefile.claims, id)).filter((c) => !!c) : Object.values(casefile.claims);

  for (const claim of claims) {
    if (!claim.chain.length) continue;
    const article = casefile.articles[claim.articleId];
    if (!article) continue;
    const outletId = outletKey(ctx, article.id);
    let prev = node(outletId, () => registryNode(ctx, outletId, article.outlet || article.title));
    if (!prev.articleIds.includes(article.id)) prev.articleIds.push(article.id);
    prev.claimSet.add(claim.id);
    claim.chain.forEach((hop, i) => {
      const id = hop.sourceId ? `s:${ctx.identity.canonical(hop.sourceId)}` : `u:${prev.id}:${hop.typeId}`;
      const current = node(id, () =>
        hop.sourceId ? registryNode(ctx, id, '') : { label: `${ctx.typeLabels.get(hop.typeId) ?? hop.typeId} (not named)`, kind: 'unnamed', sourceIds: [] },
      );
      if (hop.sourceId && !current.sourceIds.includes(hop.sourceId)) current.sourceIds.push(hop.sourceId);
      current.claimSet.add(claim.id);
      current.typeCounts.set(hop.typeId, (current.typeCounts.get(hop.typeId) ?? 0) + 1);
      if (i === claim.chain.length - 1) current.rootOf++;
      const kind = i === 0 ? 'reports' : 'cites';
      const edgeId = `${kind}|${prev.id}|${current.id}`;
      let edge = edges.get(edgeId);
      if (!edge) {
        edge = { id: edgeId, from: prev.id, to: current.id, kind, claimIds: [], onCycle: false, claimSet: new Set() };
        edges.set(edgeId, edge);
      }
      edge.claimSet.add(claim.id);
      prev = current;
    });
  }

  const { componentOf } = cyclicComponents([...edges.values()].map((e) => [e.from, e.to] as const));
  const outNodes: CitationNode[] = [...nodes.values()].map(({ typeCounts, claimSet, ...n }) => ({
    ...n,
    label: n.sourceIds.length > 1 ? n.sourceIds.map((s) => casefile.sources[s]?.name ?? s).join(' = ') : n.label,
    claimIds: [...claimSet],
    typeId: [...typeCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null,
    onCycle: componentOf.has(n.id),
  }));
  const outEdges: CitationEdge[] = [...edges.values()].map(({ claimSet, ...e }) => ({
    ...e,
    claimIds: [...claimSet],
    onCycle: componentOf.has(e.from) && componentOf.get(e.from) === componentOf.get(e.to),
  }));
  return { nodes: outNodes, edges: outEdges };
}

function registryNode(ctx: IndependenceContext, id: string, fallback: string): Pick<CitationNode, 'label' | 'kind' | 'sourceIds'> {
  if (!id.startsWith('s:')) return { label: fallback, kind: 'outlet', sourceIds: [] };
  const source = ctx.casefile.sources[id.slice(2)];
  return { label: source?.name ?? fallback, kind: source?.kind ?? 'other', sourceIds: [] };
}

// ---------------------------------------------------------------------------
// Layout

export interface Point {
  x: number;
  y: number;
}

export interface NodeBox {
  /** Centre of the node. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The label wrapped into lines. */
  lines: string[];
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: Record<string, NodeBox>;
  edges: Record<string, Point[]>;
}

const MAX_LINE_CHARS = 26;
const MAX_LINES = 3;
const PAD_X = 12;
const PAD_Y = 8;

/** The label in at most three lines of about 26 characters, cut with "…" when longer. */
export function wrapLabel(label: string, width = MAX_LINE_CHARS, maxLines = MAX_LINES): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  const out = lines.slice(0, maxLines).map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  if (lines.length > maxLines) out[maxLines - 1] = `${out[maxLines - 1]!.slice(0, width - 1)}…`;
  return out.length ? out : [''];
}

/**
 * Layered layout, left to right: reporting outlets first, root sources last.
 * Pure TypeScript, so it runs the same in Node and in the browser. Given the
 * layout before an edit, nodes it had stay where they were.
 */
export function layoutCitationGraph(graph: CitationGraph, previous?: GraphLayout): GraphLayout {
  const lines = new Map<string, string[]>();
  const sized = graph.nodes.map((n) => {
    const l = wrapLabel(n.label);
    lines.set(n.id, l);
    const width = Math.max(60, Math.ceil(Math.max(...l.map((x) => x.length)) * CHAR_WIDTH) + 2 * PAD_X);
    return { id: n.id, width, height: l.length * LINE_HEIGHT + 2 * PAD_Y };
  });
  const placed = layeredLayout({ nodes: sized, edges: graph.edges.map((e) => ({ id: e.id, from: e.from, to: e.to, weight: e.claimIds.length })) }, previous);
  const nodes: Record<string, NodeBox> = {};
  for (const n of sized) {
    const at = placed.nodes.get(n.id)!;
    nodes[n.id] = { x: at.x, y: at.y, width: n.width, height: n.height, lines: lines.get(n.id)! };
  }
  return { width: placed.width, height: placed.height, nodes, edges: Object.fromEntries(placed.edges) };
}
