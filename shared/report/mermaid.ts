/**
 * The citation graph as a Mermaid flowchart: the diagram language GitHub,
 * GitLab, Obsidian and many Markdown editors draw from a ```mermaid block.
 * Labels come from the casefile, so every character outside a small safe set
 * is written as a Mermaid entity code ("#60;"): no label can close its
 * quotes, start a directive, or bring markup into the drawing.
 */
import type { ReportGraph } from './model';

/** The node's outline per source kind, echoing the shapes of the SVG picture. */
const SHAPES: Record<string, [open: string, close: string]> = {
  outlet: ['[', ']'],
  person: ['([', '])'],
  institution: ['[[', ']]'],
  document: ['[/', '/]'],
  'anonymous-group': ['{{', '}}'],
  unnamed: ['{{', '}}'],
  other: ['(', ')'],
};

export const MERMAID_SHAPES_TEXT =
  'Rectangles are outlets, rounded boxes people, double-edged boxes institutions, slanted boxes documents, hexagons anonymous or unnamed sources; a thick outline marks a root source, a red arrow circular attribution.';

const MAX_LABEL_CHARS = 48;

/** Letters, digits and spaces stay; anything else becomes "#<code point>;". */
export function mermaidText(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  const short = chars.length > MAX_LABEL_CHARS ? [...chars.slice(0, MAX_LABEL_CHARS - 1), '…'] : chars;
  return short.map((c) => (/^[\p{L}\p{N} ]$/u.test(c) ? c : `#${c.codePointAt(0)};`)).join('');
}

export function citationGraphMermaid(graph: ReportGraph): string {
  const lines = ['flowchart LR'];
  graph.sources.forEach((s, i) => {
    const [open, close] = SHAPES[s.kind] ?? SHAPES.other!;
    lines.push(`  n${i}${open}"${mermaidText(s.label)}"${close}`);
  });
  graph.links.forEach((l) => {
    const arrow = l.kind === 'reports' ? '-.->' : '-->';
    lines.push(`  n${l.from} ${arrow}|"${l.claims}"| n${l.to}`);
  });
  const roots = graph.sources.flatMap((s, i) => (s.rootOf > 0 ? [`n${i}`] : []));
  if (roots.length) lines.push('  classDef root stroke-width:3px', `  class ${roots.join(',')} root`);
  const cycles = graph.links.flatMap((l, i) => (l.onCycle ? [i] : []));
  if (cycles.length) lines.push(`  linkStyle ${cycles.join(',')} stroke:#a3161b,stroke-width:2px`);
  return lines.join('\n');
}
