import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { memo, startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildCitationGraph, layoutCitationGraph, renderCitationGraphSvg, type CitationGraph, type CitationNode, type GraphLayout } from '../../../shared/analysis/citation-graph';
import { KIND_LABELS } from '../../../shared/analysis/graph-svg';
import { groupBy } from '../../../shared/lib/collections';
import type { Casefile } from '../../../shared/model/schema';
import { casefileStore } from '../app/casefile-store';
import { notify } from '../app/notices';
import { useStore } from '../lib/store';
import { jumpToClaim } from '../propositions/actions';
import { fileSlug, offerDownload } from '../lib/download';
import { svgToPng } from './graph-png';
import { bitmapTransform, canvasMargin, canvasView, transformCss, type Margin } from './bitmap-view';
import { buildPicture, drawPicture, LABELS_FROM_ZOOM, nodeAt, type Palette, type Picture, type View } from './graph-picture';
import './graph.css';

type Scope = 'all' | 'propositions' | `proposition:${string}`;

function claimsInScope(casefile: Casefile, scope: Scope): string[] | undefined {
  if (scope === 'all') return undefined;
  const props = scope === 'propositions' ? Object.values(casefile.propositions) : [casefile.propositions[scope.slice('proposition:'.length)]].filter((p) => !!p);
  return [...new Set(props.flatMap((p) => p!.members.map((m) => m.claimId)))];
}

/**
 * Main view "Graph": who cites whom. Outlets on the left, root sources on the
 * right; drag to pan, wheel or pinch to zoom; click a node (or Tab to the
 * sources and move with the arrow keys) to list its claims.
 * Exports the same picture as SVG or PNG.
 */
export function GraphView() {
  const { casefile } = useStore(casefileStore)!;
  const [scope, setScope] = useState<Scope>('all');
  const claimIds = useMemo(() => claimsInScope(casefile, scope), [casefile, scope]);
  const graph = useMemo(() => buildCitationGraph(casefile, { claimIds }), [casefile, claimIds]);
  const signature = useMemo(() => JSON.stringify([graph.nodes.map((n) => [n.id, n.label]), graph.edges.map((e) => e.id)]), [graph]);
  const [selected, setSelected] = useState<string | null>(null);
  // The layout depends only on the nodes, labels and edges (the signature), not on claim details.
  // After an edit, the nodes that were there keep their places: the layout before is passed on.
  const [laidOut, setLaidOut] = useState<{ signature: string; layout: GraphLayout } | null>(null);
  let current = laidOut?.layout ?? null;
  if (laidOut?.signature !== signature) {
    current = layoutCitationGraph(graph, laidOut?.layout);
    setLaidOut({ signature, layout: current });
  }
  const node = selected ? graph.nodes.find((n) => n.id === selected) ?? null : null;
  const propositions = Object.values(casefile.propositions).sort((a, b) => a.statement.localeCompare(b.statement));

  const exportAs = async (format: 'svg' | 'png') => {
    if (!current) return;
    const svg = renderCitationGraphSvg(graph, current, { taxonomy: casefile.taxonomy, title: `${casefile.meta.title}: who cites whom` });
    const name = `${fileSlug(casefile.meta.title)}-citation-graph`;
    try {
      if (format === 'svg') offerDownload(new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`], { type: 'image/svg+xml' }), `${name}.svg`);
      else offerDownload(await svgToPng(svg), `${name}.png`);
    } catch (error) {
      notify('error', `The ${format.toUpperCase()} could not be made: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <div className="graph-view" data-testid="graph">
      <div className="graph-toolbar">
        <label className="graph-scope">
          Show{' '}
          <select value={scope} onChange={(e) => { setScope(e.target.value as Scope); setSelected(null); }} aria-label="Which claims the graph shows">
            <option value="all">All tagged claims</option>
            <option value="propositions">Claims in propositions</option>
            {propositions.map((p) => <option key={p.id} value={`proposition:${p.id}`}>Proposition: {p.statement.slice(0, 60)}</option>)}
          </select>
        </label>
        <span className="muted">{graph.nodes.length} sources, {graph.edges.length} links</span>
        <NodeFinder graph={graph} onPick={setSelected} />
        <span className="graph-export">
          <button type="button" disabled={!current || !graph.nodes.length} onClick={() => void exportAs('svg')}>Export SVG</button>
          <button type="button" disabled={!current || !graph.nodes.length} onClick={() => void exportAs('png')}>Export PNG</button>
        </span>
      </div>
      <div className="graph-body">
        {!graph.nodes.length ? (
          <div className="empty-state">
            <p><strong>Nothing to draw yet.</strong></p>
            <p className="muted">The graph shows the attribution chains of tagged claims: each outlet, person, document or anonymous group, and who cites whom.</p>
          </div>
        ) : current && (
          <GraphCanvas graph={graph} layout={current} casefile={casefile} selected={selected} onSelect={setSelected} />
        )}
        {node && <NodeClaims casefile={casefile} node={node} onClose={() => setSelected(null)} />}
      </div>
    </div>
  );
}

function NodeFinder({ graph, onPick }: { graph: CitationGraph; onPick: (id: string | null) => void }) {
  const nodes = useMemo(() => [...graph.nodes].sort((a, b) => a.label.localeCompare(b.label)), [graph]);
  if (nodes.length < 2) return null;
  return (
    <select aria-label="Find a source in the graph" defaultValue="" onChange={(e) => onPick(e.target.value || null)}>
      <option value="">Find a source…</option>
      {nodes.map((n) => <option key={n.id} value={n.id}>{n.label.slice(0, 80)}</option>)}
    </select>
  );
}

/** The page's theme colours and font, as the canvas needs them (it cannot read CSS variables itself). */
function readPalette(el: HTMLElement): Palette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1d1f23'), muted: v('--muted', '#5d626b'), focus: v('--focus', '#1a73e8'), danger: v('--danger', '#b3261e'),
    neutral: v('--surface-2', '#efede8'), background: v('--surface', '#ffffff'), font: v('--ui-font', 'sans-serif'),
  };
}

/** Follows the light/dark theme: the palette is read again when the system theme changes. */
function usePalette(ref: React.RefObject<HTMLElement | null>): Palette | null {
  const [palette, setPalette] = useState<Palette | null>(null);
  useEffect(() => {
    const read = () => ref.current && setPalette(readPalette(ref.current));
    read();
    const media = matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', read);
    return () => media.removeEventListener('change', read);
  }, [ref]);
  return palette;
}

/** A gesture has settled when no other begins within this time after it ends; then the picture is drawn sharp. */
const SETTLE_MS = 100;

function describe(n: CitationNode): string {
  return `${n.label} — ${KIND_LABELS[n.kind]}, ${n.claimIds.length} claim(s)${n.rootOf ? `, root of ${n.rootOf}` : ''}`;
}

/**
 * The graph drawn into a canvas (graph-picture.ts), panned and zoomed with
 * d3-zoom, one redraw per animation frame. Nodes are found under the pointer
 * by hit-testing; beside the canvas, a visually hidden list of every source
 * and its links is the text alternative and the keyboard's way in.
 */
function GraphCanvas({ graph, layout, casefile, selected, onSelect }: {
  graph: CitationGraph; layout: GraphLayout; casefile: Casefile; selected: string | null; onSelect: (id: string | null) => void;
}) {
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const behaviour = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const painter = useRef({
    picture: null as Picture | null, palette: null as Palette | null, view: { x: 0, y: 0, k: 1 } as View, focused: null as string | null, hovered: null as string | null,
    frame: 0,
    /** The next frame draws sharp. */
    sharp: true,
    /** The view and margin the canvas was last drawn sharp at. */
    drawn: null as { view: View; margin: Margin } | null,
    /** Gestures (drag, wheel, pinch) under way, and the timer that draws sharp once they have settled. */
    gestures: 0,
    settle: 0,
  });
  const [focused, setFocused] = useState<string | null>(null);
  // The list of sources comes after the first picture: laying out its thousands of entries would delay it.
  const [listShown, setListShown] = useState(false);
  const palette = usePalette(stageRef);
  const colours = useMemo(() => new Map(casefile.taxonomy.map((t) => [t.id, t.color])), [casefile.taxonomy]);
  const picture = useMemo(() => (palette ? buildPicture(graph, layout, colours, palette, selected) : null), [graph, layout, colours, palette, selected]);

  /**
   * Draws at the next animation frame: sharp (the picture rasterised at the
   * current view), or, during a gesture, the canvas as last drawn moved and
   * scaled to the current view (bitmap-view.ts), which costs no drawing.
   */
  const requestDraw = useCallback((sharp = true) => {
    const p = painter.current;
    p.sharp ||= sharp;
    if (p.frame) return;
    p.frame = requestAnimationFrame(() => {
      p.frame = 0;
      const canvas = canvasRef.current;
      const stage = stageRef.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !stage || !ctx || !p.picture || !p.palette) return;
      if (!p.sharp && p.drawn) {
        canvas.style.transform = transformCss(bitmapTransform(p.drawn.view, p.view, p.drawn.margin));
        return;
      }
      p.sharp = false;
      const ratio = window.devicePixelRatio || 1;
      const { clientWidth, clientHeight } = stage;
      const margin = canvasMargin(clientWidth, clientHeight);
      const [width, height] = [clientWidth + 2 * margin.x, clientHeight + 2 * margin.y];
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        Object.assign(canvas.style, { left: `${-margin.x}px`, top: `${-margin.y}px`, width: `${width}px`, height: `${height}px` });
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
      }
      drawPicture(ctx, p.picture, canvasView(p.view, margin), { width, height, ratio }, p.palette, { focused: p.focused, hovered: p.hovered });
      canvas.style.transform = '';
      p.drawn = { view: p.view, margin };
      if (!canvas.dataset.drawn) startTransition(() => setListShown(true));
      canvas.dataset.drawn = 'true';
    });
  }, []);

  useEffect(() => {
    painter.current.picture = picture;
    painter.current.palette = palette;
    requestDraw();
  }, [picture, palette, requestDraw]);

  const moveTo = useCallback((t: { x: number; y: number; k: number }) => {
    const stage = stageRef.current;
    if (stage && behaviour.current) select(stage).call(behaviour.current.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
  }, []);
  const zoomBy = (factor: number) => {
    if (stageRef.current && behaviour.current) select(stageRef.current).call(behaviour.current.scaleBy, factor);
  };
  const fit = () => {
    const stage = stageRef.current;
    if (!stage) return;
    const { clientWidth: w, clientHeight: h } = stage;
    const k = Math.min(1.5, (w - 40) / Math.max(1, layout.width), (h - 40) / Math.max(1, layout.height));
    moveTo({ x: (w - layout.width * k) / 2, y: (h - layout.height * k) / 2, k });
  };
  /** Centres a node, zoomed in enough to read it. */
  const bringIntoView = useCallback((id: string, always: boolean) => {
    const stage = stageRef.current;
    const box = layout.nodes[id];
    if (!stage || !box) return;
    const { x, y, k } = painter.current.view;
    const sx = box.x * k + x;
    const sy = box.y * k + y;
    if (!always && k >= LABELS_FROM_ZOOM && sx > 0 && sy > 0 && sx < stage.clientWidth && sy < stage.clientHeight) return;
    const zoomTo = Math.max(0.6, k);
    moveTo({ x: stage.clientWidth / 2 - box.x * zoomTo, y: stage.clientHeight / 2 - box.y * zoomTo, k: zoomTo });
  }, [layout, moveTo]);

  useEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const p = painter.current;
    const z = zoom<HTMLDivElement, unknown>()
      .scaleExtent([0.02, 6])
      .on('start', (e: { sourceEvent: unknown }) => {
        if (!e.sourceEvent) return;
        p.gestures++;
        clearTimeout(p.settle);
      })
      .on('zoom', (e: { transform: View; sourceEvent: unknown }) => {
        const { x, y, k } = e.transform;
        p.view = { x, y, k };
        stage.dataset.zoom = `${x.toFixed(1)} ${y.toFixed(1)} ${k.toFixed(4)}`;
        // A move from the buttons, the keyboard or Fit is drawn sharp at once.
        requestDraw(!e.sourceEvent);
      })
      .on('end', (e: { sourceEvent: unknown }) => {
        if (!e.sourceEvent) return;
        p.gestures = Math.max(0, p.gestures - 1);
        clearTimeout(p.settle);
        if (!p.gestures) p.settle = window.setTimeout(() => requestDraw(), SETTLE_MS);
      });
    behaviour.current = z;
    select(stage).call(z).on('dblclick.zoom', null);
    fit();
    const resized = new ResizeObserver(() => requestDraw());
    resized.observe(stage);
    return () => {
      clearTimeout(p.settle);
      resized.disconnect();
      select(stage).on('.zoom', null);
    };
    // Fit once per layout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout]);

  useEffect(() => {
    if (selected) bringIntoView(selected, false);
  }, [selected, bringIntoView]);

  useEffect(() => {
    painter.current.focused = focused;
    if (focused) bringIntoView(focused, false);
    requestDraw();
  }, [focused, bringIntoView, requestDraw]);

  const pointAt = (e: React.MouseEvent) => {
    const rect = stageRef.current!.getBoundingClientRect();
    return painter.current.picture ? nodeAt(painter.current.picture, painter.current.view, e.clientX - rect.left, e.clientY - rect.top) : null;
  };
  const hover = (e: React.MouseEvent<HTMLDivElement>) => {
    const id = pointAt(e);
    if (id === painter.current.hovered) return;
    painter.current.hovered = id;
    const node = id ? graph.nodes.find((n) => n.id === id) : undefined;
    e.currentTarget.classList.toggle('over-node', !!node);
    e.currentTarget.title = node ? describe(node) : '';
    // The hover mark waits for a drag to settle.
    requestDraw(!painter.current.gestures);
  };

  return (
    <div className="graph-canvas">
      <div className="graph-zoom-buttons">
        <button type="button" onClick={() => zoomBy(1.4)} aria-label="Zoom in">+</button>
        <button type="button" onClick={() => zoomBy(1 / 1.4)} aria-label="Zoom out">−</button>
        <button type="button" onClick={fit}>Fit</button>
      </div>
      <div ref={stageRef} className="graph-stage" data-testid="graph-stage" onClick={(e) => onSelect(pointAt(e))} onMouseMove={hover}
        onMouseLeave={() => { painter.current.hovered = null; requestDraw(); }}>
        <canvas ref={canvasRef} className="graph-picture" data-testid="graph-picture" role="img"
          aria-label={`Citation graph: ${graph.nodes.length} sources and ${graph.edges.length} links, listed after it`} />
      </div>
      {listShown && <SourceList graph={graph} layout={layout} selected={selected} focused={focused} onFocus={setFocused} onSelect={onSelect} />}
    </div>
  );
}

/**
 * Every source with its links, for screen readers and the keyboard: Tab
 * reaches one source, arrow keys move up and down a layer (↑ ↓) and across
 * layers (← →), Enter lists its claims. The canvas shows the focus.
 */
const SourceList = memo(function SourceList({ graph, layout, selected, focused, onFocus, onSelect }: {
  graph: CitationGraph; layout: GraphLayout; selected: string | null; focused: string | null; onFocus: (id: string | null) => void; onSelect: (id: string) => void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const labels = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n.label])), [graph]);
  const outgoing = useMemo(() => groupBy(graph.edges, (e) => e.from), [graph]);
  const layers = useMemo(() => sourceLayers(graph, layout), [graph, layout]);
  const tabStop = focused ?? selected ?? graph.nodes[0]?.id;

  const step = (id: string, key: string): string | null => {
    const at = layers.place.get(id);
    if (!at) return null;
    const column = layers.columns[at.column]!;
    if (key === 'ArrowDown') return column[at.row + 1] ?? null;
    if (key === 'ArrowUp') return column[at.row - 1] ?? null;
    const other = layers.columns[at.column + (key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : NaN)];
    if (!other?.length) return null;
    const y = layout.nodes[id]!.y;
    return other.reduce((best, n) => (Math.abs(layout.nodes[n]!.y - y) < Math.abs(layout.nodes[best]!.y - y) ? n : best));
  };
  const onKeyDown = (e: React.KeyboardEvent, id: string) => {
    const next = step(id, e.key);
    if (!next) return;
    e.preventDefault();
    listRef.current?.querySelector<HTMLButtonElement>(`button[data-node="${CSS.escape(next)}"]`)?.focus();
  };

  return (
    <ul ref={listRef} className="graph-sources" aria-label="Sources in the graph and their links" data-testid="graph-sources">
      {graph.nodes.map((n) => {
        const box = layout.nodes[n.id];
        return (
          <li key={n.id}>
            <button type="button" data-node={n.id} data-label={n.label} data-x={box?.x} data-y={box?.y} tabIndex={n.id === tabStop ? 0 : -1}
              aria-current={n.id === selected ? 'true' : undefined} onFocus={() => onFocus(n.id)} onBlur={() => onFocus(null)}
              onClick={() => onSelect(n.id)} onKeyDown={(e) => onKeyDown(e, n.id)}>
              {describe(n)}
            </button>
            {outgoing.has(n.id) && (
              <ul>
                {outgoing.get(n.id)!.map((e) => (
                  <li key={e.id} data-from={e.from} data-to={e.to} data-kind={e.kind}>
                    {e.kind} {labels.get(e.to)}{e.onCycle ? ' (circular)' : ''}, {e.claimIds.length} claim(s)
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
});

/** Nodes by layer (left to right), each layer top to bottom, for arrow-key moves. */
function sourceLayers(graph: CitationGraph, layout: GraphLayout): { columns: string[][]; place: Map<string, { column: number; row: number }> } {
  const byX = groupBy(graph.nodes.filter((n) => layout.nodes[n.id]), (n) => layout.nodes[n.id]!.x);
  const columns = [...byX.keys()].sort((a, b) => a - b).map((x) => byX.get(x)!.map((n) => n.id).sort((a, b) => layout.nodes[a]!.y - layout.nodes[b]!.y));
  const place = new Map<string, { column: number; row: number }>();
  columns.forEach((column, c) => column.forEach((id, row) => place.set(id, { column: c, row })));
  return { columns, place };
}

function NodeClaims({ casefile, node, onClose }: { casefile: Casefile; node: CitationNode; onClose: () => void }) {
  const claims = node.claimIds.map((id) => casefile.claims[id]).filter((c) => !!c);
  return (
    <aside className="node-claims" aria-label={`Claims through ${node.label}`} data-testid="node-claims">
      <div className="node-claims-head">
        <div>
          <bdi className="node-claims-title">{node.label}</bdi>
          <p className="muted small">{KIND_LABELS[node.kind]} · {claims.length} claim{claims.length === 1 ? '' : 's'}{node.rootOf ? ` · root of ${node.rootOf}` : ''}{node.articleIds.length ? ` · published ${node.articleIds.length} article(s)` : ''}</p>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close">×</button>
      </div>
      <ul>
        {claims.slice(0, 200).map((c) => {
          const a = casefile.articles[c!.articleId];
          return (
            <li key={c!.id}>
              <button type="button" className="node-claim" onClick={() => jumpToClaim(c!.id)}>
                <bdi className="node-claim-source">{a?.outlet || a?.title}</bdi>
                <bdi className="node-claim-quote">{c!.quote.exact}</bdi>
              </button>
            </li>
          );
        })}
      </ul>
      {claims.length > 200 && <p className="muted small">… and {claims.length - 200} more.</p>}
    </aside>
  );
}
