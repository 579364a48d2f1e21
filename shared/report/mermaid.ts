/**
 * The citation graph as a Mermaid flowchart: the diagram language GitHub,
 * GitLab, Obsidian and many Markdown editors draw from a ```mermaid block.
 * Labels come from the casefile, so every character outside a small safe set
 * is written as a Mermaid entity code ("#60;"): no label can close its
 * quotes, start a directive, or bring markup into the drawing.
 */
import type { ReportGraph } from './model';
import { shorten } from '../text/wording';
import { balanceBidi } from '../text/bidi';

/** The node's outline per source kind, and a dashed or dotted stroke, as in the SVG picture (shared/analysis/graph-svg.ts). */
const SHAPES: Record<string, [open: string, close: string, style?: 'anonymous' | 'unnamed']> = {
  outlet: ['[', ']'],
  person: ['([', '])'],
  institution: ['{{', '}}'],
  document: ['[/', '/]'],
  'anonymous-group': ['(', ')', 'anonymous'],
  unnamed: ['[', ']', 'unnamed'],
  other: ['(', ')'],
};

export const MERMAID_SHAPES_TEXT =
  'Rectangles are outlets, boxes with round ends people, hexagons institutions, slanted boxes documents; a dashed outline is an anonymous group, a dotted one a source not named. A thick outline marks a root source, a red arrow circular attribution.';

const MAX_LABEL_CHARS = 48;

/** Letters, digits and spaces stay; anything else becomes "#<code point>;", directional controls balanced first (shared/text/bidi.ts). */
export function mermaidText(text: string): string {
  return [...balanceBidi(shorten(text.replace(/\s+/g, ' ').trim(), MAX_LABEL_CHARS))].map((c) => (/^[\p{L}\p{N} ]$/u.test(c) ? c : `#${c.codePointAt(0)};`)).join('');
}

export function citationGraphMermaid(graph: ReportGraph): string {
  const lines = ['flowchart LR'];
  const styled: Record<'anonymous' | 'unnamed', string[]> = { anonymous: [], unnamed: [] };
  graph.sources.forEach((s, i) => {
    const [open, close, style] = SHAPES[s.kind] ?? SHAPES.other!;
    lines.push(`  n${i}${open}"${mermaidText(s.label)}"${close}`);
    if (style) styled[style].push(`n${i}`);
  });
  graph.links.forEach((l) => {
    const arrow = l.kind === 'reports' ? '-.->' : '-->';
    lines.push(`  n${l.from} ${arrow}|"${l.claims}"| n${l.to}`);
  });
  if (styled.anonymous.length) lines.push('  classDef anonymous stroke-dasharray:6 3', `  class ${styled.anonymous.join(',')} anonymous`);
  if (styled.unnamed.length) lines.push('  classDef unnamed stroke-dasharray:2 3', `  class ${styled.unnamed.join(',')} unnamed`);
  // Last, so that a root's thick outline is kept whatever its kind.
  const roots = graph.sources.flatMap((s, i) => (s.rootOf > 0 ? [`n${i}`] : []));
  if (roots.length) lines.push('  classDef root stroke-width:3px', `  class ${roots.join(',')} root`);
  const cycles = graph.links.flatMap((l, i) => (l.onCycle ? [i] : []));
  if (cycles.length) lines.push(`  linkStyle ${cycles.join(',')} stroke:#a3161b,stroke-width:2px`);
  return lines.join('\n');
}
