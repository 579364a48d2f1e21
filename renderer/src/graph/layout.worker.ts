/** Lays out large citation graphs off the main thread (dagre takes seconds on thousands of nodes). */
import { layoutCitationGraph, type CitationGraph } from '../../../shared/analysis/citation-graph';

self.onmessage = (e: MessageEvent<{ id: number; graph: CitationGraph }>) => {
  self.postMessage({ id: e.data.id, layout: layoutCitationGraph(e.data.graph) });
};
