/**
 * Where the report gets its independence figures and citation graph: from
 * shared/analysis, which owns that logic. This file only adapts its results
 * to the report model and keeps the graph picture printable.
 */
import { buildCitationGraph, layoutCitationGraph, renderCitationGraphSvg, type CitationGraph } from '../analysis/citation-graph';
import { computeIndependence, type IndependentRoot } from '../analysis/independence';
import type { Casefile } from '../model/schema';
import { KIND_LABELS } from '../analysis/graph-svg';
import type { PropositionIndependence, ReportDeps, ReportGraph } from './model';

/**
 * A bigger graph is unreadable on a page: the report draws the sources and
 * links most claims pass through and says how many it left out.
 */
export const GRAPH_MAX_NODES = 60;
export const GRAPH_MAX_EDGES = 150;

function rootText(root: IndependentRoot): string {
  return root.via.length ? `${root.label} (via ${root.via.join(', ')})` : root.label;
}

export function independenceFor(casefile: Casefile, propositionIds: string[]): Map<string, PropositionIndependence> {
  const out = new Map<string, PropositionIndependence>();
  for (const [id, r] of computeIndependence(casefile, propositionIds)) {
    out.set(id, {
      appearances: r.appearances,
      independentRoots: r.independentRoots,
      roots: r.roots.filter((root) => root.stanceCounts.supports > 0).map(rootText),
      contradictingRoots: r.contradictingRoots,
      denials: r.roots.filter((root) => root.stanceCounts.contradicts > 0).map(rootText),
      flags: r.flags.map((f) => f.message),
      suggestedRating: r.suggestedRating,
      suggestionReason: r.suggestionReason,
    });
  }
  return out;
}

/** Keeps the nodes and then the links that most claims pass through, and no node left without a link. */
export function trimGraph(graph: CitationGraph, maxNodes = GRAPH_MAX_NODES, maxEdges = GRAPH_MAX_EDGES): { graph: CitationGraph; omitted: number } {
  if (graph.nodes.length <= maxNodes && graph.edges.length <= maxEdges) return { graph, omitted: 0 };
  const byWeight = <T extends { claimIds: string[]; id: string }>(a: T, b: T) => b.claimIds.length - a.claimIds.length || a.id.localeCompare(b.id);
  const top = new Set([...graph.nodes].sort(byWeight).slice(0, maxNodes).map((n) => n.id));
  const edges = graph.edges.filter((e) => top.has(e.from) && top.has(e.to)).sort(byWeight).slice(0, maxEdges);
  const linked = new Set(edges.flatMap((e) => [e.from, e.to]));
  const nodes = graph.nodes.filter((n) => linked.has(n.id));
  return { graph: { nodes, edges }, omitted: graph.nodes.length - nodes.length };
}

export function citationGraphFor(casefile: Casefile, claimIds: string[]): ReportGraph | null {
  const full = buildCitationGraph(casefile, { claimIds });
  if (!full.nodes.length) return null;
  const { graph, omitted } = trimGraph(full);
  const svg = renderCitationGraphSvg(graph, layoutCitationGraph(graph), { taxonomy: casefile.taxonomy, legend: true, theme: 'light' });
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  return {
    // The graph's own <style> would need its own CSP hash; the report stylesheet styles `.graph svg` instead.
    svg: svg.replace(/<style>[^<]*<\/style>/, ''),
    nodes: graph.nodes.length,
    omitted,
    sources: graph.nodes.map((n) => ({ label: n.label, kind: n.kind, kindLabel: KIND_LABELS[n.kind], rootOf: n.rootOf })),
    links: graph.edges.map((e) => ({ from: index.get(e.from)!, to: index.get(e.to)!, kind: e.kind, claims: e.claimIds.length, onCycle: e.onCycle })),
  };
}

export const analysisDeps: ReportDeps = {
  independence: independenceFor,
  citationGraph: citationGraphFor,
};
