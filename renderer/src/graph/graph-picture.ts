/**
 * Draws the citation graph into a canvas, with the look of the SVG the
 * reports use (shared/analysis/graph-svg.ts: the same outlines, dashes, edge
 * curves and widths). The shapes are merged into a few paths per style and
 * per horizontal band of the picture, so a frame of pan or zoom costs a few
 * dozen draw calls whatever the number of nodes; labels are drawn only for
 * the nodes in view, and only when large enough to read.
 */
import type { CitationGraph, CitationNode, GraphLayout, NodeBox, Point } from '../../../shared/analysis/citation-graph';
import { pushTo } from '../../../shared/lib/collections';
import { edgePath, kindDash, LINE_HEIGHT, nodeOutline } from '../../../shared/analysis/graph-svg';
import type { View } from './bitmap-view';

export type { View } from './bitmap-view';

/** Colours and font read from the page's CSS variables (they follow the theme). */
export interface Palette {
  text: string;
  muted: string;
  focus: string;
  danger: string;
  neutral: string;
  background: string;
  font: string;
}

/** Below this zoom, labels are not drawn: unreadable anyway, and the costliest thing to draw. */
export const LABELS_FROM_ZOOM = 0.3;
/** Height of a band of the picture whose shapes are merged; bands out of view are skipped. */
const BAND = 1_500;
const ARROW = 9;

interface Batch {
  /** The bands the shapes reach, top and bottom. */
  band: number;
  bandTo: number;
  path: Path2D;
  /** Filled arrow heads of edges, or filled node shapes. */
  fill: string | null;
  fillAlpha: number;
  stroke: string | null;
  width: number;
  dash: number[];
  alpha: number;
}

export interface Picture {
  graph: CitationGraph;
  layout: GraphLayout;
  batches: Batch[];
  /** Nodes sorted by band, for labels and hit-testing. */
  bands: Map<number, string[]>;
}

const bandOf = (y: number) => Math.floor(y / BAND);

/** Builds the merged paths of the picture for one selection. */
export function buildPicture(graph: CitationGraph, layout: GraphLayout, colours: ReadonlyMap<string, string>, palette: Palette, selected: string | null): Picture {
  const near = selected ? neighbourhood(graph, selected) : null;
  const groups = new Map<string, Batch>();
  const batch = (band: number, bandTo: number, style: Omit<Batch, 'band' | 'bandTo' | 'path'>): Path2D => {
    const key = `${band}|${bandTo}|${style.fill}|${style.fillAlpha}|${style.stroke}|${style.width}|${style.dash.join(',')}|${style.alpha}`;
    let b = groups.get(key);
    if (!b) groups.set(key, (b = { band, bandTo, path: new Path2D(), ...style }));
    return b.path;
  };

  for (const e of graph.edges) {
    const points = layout.edges[e.id];
    if (!points || points.length < 2) continue;
    const lit = !!near && (e.from === selected || e.to === selected);
    const colour = e.onCycle ? palette.danger : lit ? palette.text : palette.muted;
    const alpha = (near && !lit ? 0.25 : 1) * (e.onCycle || lit ? 1 : 0.75);
    const width = Math.round(Math.min(4, 1.2 + Math.log2(e.claimIds.length)) * 5) / 5;
    const ys = points.map((p) => p.y);
    const [top, bottom] = [bandOf(Math.min(...ys)), bandOf(Math.max(...ys))];
    batch(top, bottom, { fill: null, fillAlpha: 1, stroke: colour, width, dash: e.kind === 'reports' ? [5, 3] : [], alpha }).addPath(new Path2D(edgePath(points)));
    const end = bandOf(points[points.length - 1]!.y);
    batch(end, end, { fill: colour, fillAlpha: 1, stroke: null, width: 0, dash: [], alpha }).addPath(arrowHead(points));
  }

  for (const n of graph.nodes) {
    const box = layout.nodes[n.id];
    if (!box) continue;
    const typeColour = n.typeId ? colours.get(n.typeId) : undefined;
    const outline = new Path2D();
    outline.addPath(new Path2D(nodeOutline(n.kind, box.width, box.height)), new DOMMatrix().translate(box.x, box.y));
    const dimmed = !!near && !near.has(n.id);
    batch(bandOf(box.y), bandOf(box.y), {
      fill: typeColour ?? palette.neutral, fillAlpha: typeColour ? 0.22 : 1,
      stroke: n.id === selected ? palette.focus : n.onCycle ? palette.danger : typeColour ?? palette.muted,
      width: n.id === selected ? 3.5 : n.rootOf ? 2.2 : 1.4, dash: dashOf(n), alpha: dimmed ? 0.25 : 1,
    }).addPath(outline);
  }

  const bands = new Map<number, string[]>();
  for (const n of graph.nodes) {
    const box = layout.nodes[n.id];
    if (box) pushTo(bands, bandOf(box.y), n.id);
  }
  // Edges under nodes, as in the SVG.
  const batches = [...groups.values()].sort((a, b) => Number(!!b.stroke && !b.fill) - Number(!!a.stroke && !a.fill));
  return { graph, layout, batches, bands };
}

function dashOf(n: CitationNode): number[] {
  return kindDash(n.kind)?.split(' ').map(Number) ?? [];
}

function neighbourhood(graph: CitationGraph, id: string): Set<string> {
  const set = new Set([id]);
  for (const e of graph.edges) {
    if (e.from === id) set.add(e.to);
    if (e.to === id) set.add(e.from);
  }
  return set;
}

/** The SVG marker's triangle: tip at the last point, along the last segment. */
function arrowHead(points: readonly Point[]): Path2D {
  const tip = points[points.length - 1]!;
  const from = points[points.length - 2]!;
  const angle = Math.atan2(tip.y - from.y, tip.x - from.x);
  const at = (dx: number, dy: number) => `${tip.x + dx * Math.cos(angle) - dy * Math.sin(angle)},${tip.y + dx * Math.sin(angle) + dy * Math.cos(angle)}`;
  return new Path2D(`M${at(-ARROW, -ARROW / 2)}L${at(0, 0)}L${at(-ARROW, ARROW / 2)}Z`);
}

/** The bands of the picture in view at `view` in a canvas of `width` × `height` CSS pixels. */
function bandsInView(view: View, width: number, height: number): [number, number] {
  const top = -view.y / view.k;
  const bottom = (height - view.y) / view.k;
  // Labels and strokes reach a little past a node's band.
  return [bandOf(top) - 1, bandOf(bottom) + 1];
}

/** Draws the picture at `view` into `ctx` (a canvas of `width` × `height` CSS pixels at `ratio` device pixels each). */
export function drawPicture(ctx: CanvasRenderingContext2D, picture: Picture, view: View, size: { width: number; height: number; ratio: number }, palette: Palette, marks: { focused: string | null; hovered: string | null }): void {
  const { width, height, ratio } = size;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width * ratio, height * ratio);
  ctx.setTransform(ratio * view.k, 0, 0, ratio * view.k, ratio * view.x, ratio * view.y);
  const [first, last] = bandsInView(view, width, height);
  for (const b of picture.batches) {
    if (b.bandTo < first || b.band > last) continue;
    ctx.globalAlpha = b.alpha;
    if (b.fill) {
      ctx.globalAlpha = b.alpha * b.fillAlpha;
      ctx.fillStyle = b.fill;
      ctx.fill(b.path);
      ctx.globalAlpha = b.alpha;
    }
    if (b.stroke) {
      ctx.strokeStyle = b.stroke;
      ctx.lineWidth = b.width;
      // A dash shorter than a pixel is invisible and costs a segment each: far out, lines are solid.
      ctx.setLineDash(b.dash.length && Math.min(...b.dash) * view.k * ratio >= 1.5 ? b.dash : []);
      ctx.stroke(b.path);
    }
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  for (const [id, widthPx, colour] of [[marks.hovered, 3, palette.muted], [marks.focused, 3.5, palette.focus]] as const) {
    const node = id ? picture.graph.nodes.find((n) => n.id === id) : undefined;
    const box = id ? picture.layout.nodes[id] : undefined;
    if (!node || !box) continue;
    ctx.save();
    ctx.translate(box.x, box.y);
    ctx.strokeStyle = colour;
    ctx.lineWidth = widthPx;
    ctx.stroke(new Path2D(nodeOutline(node.kind, box.width + 6, box.height + 6)));
    ctx.restore();
  }
  if (view.k >= LABELS_FROM_ZOOM) drawLabels(ctx, picture, view, { width, height }, palette);
}

function drawLabels(ctx: CanvasRenderingContext2D, picture: Picture, view: View, size: { width: number; height: number }, palette: Palette): void {
  const [first, last] = bandsInView(view, size.width, size.height);
  const left = -view.x / view.k;
  const right = (size.width - view.x) / view.k;
  const top = -view.y / view.k;
  const bottom = (size.height - view.y) / view.k;
  const byId = new Map(picture.graph.nodes.map((n) => [n.id, n]));
  ctx.fillStyle = palette.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  let bold: boolean | null = null;
  for (let band = first; band <= last; band++) {
    for (const id of picture.bands.get(band) ?? []) {
      const box = picture.layout.nodes[id]!;
      if (box.x + box.width / 2 < left || box.x - box.width / 2 > right || box.y + box.height / 2 < top || box.y - box.height / 2 > bottom) continue;
      const publisher = (byId.get(id)?.articleIds.length ?? 0) > 0;
      if (publisher !== bold) {
        ctx.font = `${publisher ? '600 ' : ''}12px ${palette.font}`;
        bold = publisher;
      }
      const firstBaseline = box.y - ((box.lines.length - 1) * LINE_HEIGHT) / 2 + 4;
      box.lines.forEach((line, i) => ctx.fillText(line, box.x, firstBaseline + i * LINE_HEIGHT));
    }
  }
}

/** The node under a point of the canvas (CSS pixels), if any. */
export function nodeAt(picture: Picture, view: View, px: number, py: number): string | null {
  const x = (px - view.x) / view.k;
  const y = (py - view.y) / view.k;
  for (let band = bandOf(y) - 1; band <= bandOf(y) + 1; band++) {
    for (const id of picture.bands.get(band) ?? []) {
      const box: NodeBox = picture.layout.nodes[id]!;
      if (Math.abs(x - box.x) <= box.width / 2 && Math.abs(y - box.y) <= box.height / 2) return id;
    }
  }
  return null;
}
