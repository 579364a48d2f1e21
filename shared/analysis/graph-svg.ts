/**
 * Drawing the citation graph: outline shapes per node kind (so kinds do not
 * rely on colour alone), edge paths, and a standalone SVG document for
 * reports and export. Every label comes from the casefile: it is escaped,
 * and set in an isolate of its own (shared/text/bidi.ts).
 */
import type { SourcingType } from '../model/schema';
import type { CitationGraph, CitationNodeKind, GraphLayout, Point } from './citation-graph';
import { isolateBidi } from '../text/bidi';

/** Text metrics shared with the layout, which sizes nodes to fit their labels. */
export const FONT_SIZE = 12;
export const LINE_HEIGHT = 15;
export const CHAR_WIDTH = 6.6;

export const KIND_LABELS: Record<CitationNodeKind, string> = {
  outlet: 'Outlet',
  person: 'Person',
  institution: 'Institution',
  document: 'Document',
  'anonymous-group': 'Anonymous group',
  other: 'Other source',
  unnamed: 'Source not named',
};

/** Kinds drawn with a dashed (anonymous) or dotted (not named) outline. */
export function kindDash(kind: CitationNodeKind): string | undefined {
  return kind === 'anonymous-group' ? '6 3' : kind === 'unnamed' ? '2 3' : undefined;
}

/** The outline of a node of `kind`, `w` × `h`, centred on (0, 0), as SVG path data. */
export function nodeOutline(kind: CitationNodeKind, w: number, h: number): string {
  const x = -w / 2;
  const y = -h / 2;
  const r = (rx: number) =>
    `M${x + rx},${y}H${x + w - rx}A${rx},${rx} 0 0 1 ${x + w},${y + rx}V${y + h - rx}A${rx},${rx} 0 0 1 ${x + w - rx},${y + h}` +
    `H${x + rx}A${rx},${rx} 0 0 1 ${x},${y + h - rx}V${y + rx}A${rx},${rx} 0 0 1 ${x + rx},${y}Z`;
  switch (kind) {
    case 'outlet':
      return `M${x},${y}H${x + w}V${y + h}H${x}Z`;
    case 'person':
      return r(Math.min(h / 2, w / 2));
    case 'institution': {
      const p = Math.min(10, w / 6);
      return `M${x + p},${y}H${x + w - p}L${x + w},${y + h / 2}L${x + w - p},${y + h}H${x + p}L${x},${y + h / 2}Z`;
    }
    case 'document': {
      const f = Math.min(10, h / 3);
      return `M${x},${y}H${x + w - f}L${x + w},${y + f}V${y + h}H${x}Z M${x + w - f},${y}V${y + f}H${x + w}`;
    }
    default:
      return r(Math.min(6, h / 3));
  }
}

/** A smooth path through a link's points from the layout (quadratic segments through the midpoints). */
export function edgePath(points: readonly Point[]): string {
  if (!points.length) return '';
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0]!.x)},${f(points[0]!.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const q = points[i + 1]!;
    d += `Q${f(p.x)},${f(p.y)} ${f((p.x + q.x) / 2)},${f((p.y + q.y) / 2)}`;
  }
  const last = points[points.length - 1]!;
  return `${d}L${f(last.x)},${f(last.y)}`;
}

// Characters XML 1.0 forbids are dropped; the five markup characters are escaped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, '').replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);
}

export interface SvgOptions {
  /** Sourcing types, for node colours and the legend (the casefile's taxonomy). */
  taxonomy: readonly SourcingType[];
  title?: string;
  /** Adds the shapes, edges and colours legend under the graph (default true). */
  legend?: boolean;
  theme?: 'light' | 'dark';
}

const THEMES = {
  light: { bg: '#ffffff', text: '#1d232b', muted: '#5b6470', edge: '#7a8591', neutral: '#eef1f4', cycle: '#c0392b' },
  dark: { bg: '#1b1f24', text: '#e6e9ed', muted: '#a4adb8', edge: '#8c96a2', neutral: '#2c333b', cycle: '#ff7a6b' },
};

/** The graph as a standalone SVG document (no scripts, no external references). */
export function renderCitationGraphSvg(graph: CitationGraph, layout: GraphLayout, options: SvgOptions): string {
  const t = THEMES[options.theme ?? 'light'];
  const colour = new Map(options.taxonomy.map((s) => [s.id, s.color]));
  const titleHeight = options.title ? 30 : 0;
  const legend = options.legend === false ? null : legendSvg(graph, options.taxonomy, t, layout.height + titleHeight, Math.max(layout.width, 560));
  const width = Math.max(layout.width, legend?.width ?? 0, 200);
  const height = layout.height + titleHeight + (legend?.height ?? 0);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(options.title ?? 'Citation graph')}">`,
    `<style>text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:${FONT_SIZE}px;fill:${t.text}}.muted{fill:${t.muted};font-size:11px}.title{font-size:15px;font-weight:600}</style>`,
    `<defs>${marker('arrow', t.edge)}${marker('arrow-cycle', t.cycle)}</defs>`,
    `<rect width="100%" height="100%" fill="${t.bg}"/>`,
  );
  if (options.title) out.push(`<text class="title" x="20" y="22">${escapeXml(isolateBidi(options.title))}</text>`);
  out.push(`<g transform="translate(0,${titleHeight})">`);
  for (const e of graph.edges) {
    const stroke = e.onCycle ? t.cycle : t.edge;
    const dash = e.kind === 'reports' ? ' stroke-dasharray="5 3"' : '';
    out.push(
      `<path d="${edgePath(layout.edges[e.id] ?? [])}" fill="none" stroke="${stroke}" stroke-width="${Math.min(4, 1.2 + Math.log2(e.claimIds.length))}"${dash} marker-end="url(#${e.onCycle ? 'arrow-cycle' : 'arrow'})"><title>${escapeXml(`${e.kind}: ${e.claimIds.length} claim${e.claimIds.length === 1 ? '' : 's'}`)}</title></path>`,
    );
  }
  for (const n of graph.nodes) {
    const box = layout.nodes[n.id];
    if (!box) continue;
    const c = n.typeId ? colour.get(n.typeId) : undefined;
    const fill = c ?? t.neutral;
    const stroke = n.onCycle ? t.cycle : c ?? t.muted;
    const dash = kindDash(n.kind);
    const firstBaseline = -((box.lines.length - 1) * LINE_HEIGHT) / 2 + 4;
    out.push(
      `<g transform="translate(${box.x},${box.y})"><title>${escapeXml(`${isolateBidi(n.label)} — ${KIND_LABELS[n.kind]}, ${n.claimIds.length} claim${n.claimIds.length === 1 ? '' : 's'}${n.rootOf ? `, root of ${n.rootOf}` : ''}`)}</title>`,
      `<path d="${nodeOutline(n.kind, box.width, box.height)}" fill="${fill}" fill-opacity="${c ? 0.22 : 1}" stroke="${stroke}" stroke-width="${n.rootOf ? 2.2 : 1.4}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      `<text text-anchor="middle"${n.articleIds.length ? ' font-weight="600"' : ''}>${box.lines
        .map((l, i) => `<tspan x="0" y="${firstBaseline + i * LINE_HEIGHT}">${escapeXml(isolateBidi(l))}</tspan>`)
        .join('')}</text></g>`,
    );
  }
  out.push('</g>');
  if (legend) out.push(legend.svg);
  out.push('</svg>');
  return out.join('');
}

function marker(id: string, colour: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${colour}"/></marker>`;
}

function legendSvg(graph: CitationGraph, taxonomy: readonly SourcingType[], t: (typeof THEMES)['light'], top: number, maxWidth: number) {
  const kinds = [...new Set(graph.nodes.map((n) => n.kind))];
  const types = taxonomy.filter((s) => graph.nodes.some((n) => n.typeId === s.id));
  const items: string[] = [];
  let x = 20;
  let y = top + 22;
  let right = 0;
  const place = (w: number) => {
    if (x + w > maxWidth - 20 && x > 20) {
      x = 20;
      y += 26;
    }
    const at = x;
    x += w;
    right = Math.max(right, x);
    return at;
  };
  for (const k of kinds) {
    const label = KIND_LABELS[k];
    const at = place(44 + label.length * CHAR_WIDTH + 14);
    const dash = kindDash(k);
    items.push(
      `<g transform="translate(${at + 16},${y})"><path d="${nodeOutline(k, 30, 16)}" fill="${t.neutral}" stroke="${t.muted}"${dash ? ` stroke-dasharray="${dash}"` : ''}/></g>`,
      `<text x="${at + 36}" y="${y + 4}">${escapeXml(label)}</text>`,
    );
  }
  x = 20;
  y += 26;
  for (const [label, dash, colour] of [['reports (outlet → first hop)', '5 3', t.edge], ['cites (hop → next hop)', '', t.edge], ['circular attribution', '', t.cycle]] as const) {
    const at = place(40 + label.length * CHAR_WIDTH + 14);
    items.push(
      `<path d="M${at},${y}H${at + 30}" stroke="${colour}" stroke-width="1.6"${dash ? ` stroke-dasharray="${dash}"` : ''} marker-end="url(#${colour === t.cycle ? 'arrow-cycle' : 'arrow'})"/>`,
      `<text x="${at + 36}" y="${y + 4}">${escapeXml(label)}</text>`,
    );
  }
  if (types.length) {
    x = 20;
    y += 26;
    for (const s of types) {
      const at = place(28 + s.label.length * CHAR_WIDTH + 14);
      items.push(
        `<rect x="${at}" y="${y - 7}" width="14" height="14" fill="${s.color}" fill-opacity="0.22" stroke="${s.color}" stroke-width="2"/>`,
        `<text x="${at + 20}" y="${y + 4}">${escapeXml(isolateBidi(s.label))}</text>`,
      );
    }
  }
  const height = y - top + 20;
  return { svg: `<g class="legend">${items.join('')}</g>`, height, width: Math.ceil(right + 20) };
}
