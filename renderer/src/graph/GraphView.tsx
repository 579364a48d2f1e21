import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { useEffect, useMemo, useRef, useState } from 'react';
import { buildCitationGraph, renderCitationGraphSvg, type CitationGraph, type CitationNode, type GraphLayout } from '../../../shared/analysis/citation-graph';
import { edgePath, kindDash, KIND_LABELS, nodeOutline } from '../../../shared/analysis/graph-svg';
import type { Casefile } from '../../../shared/model/schema';
import { casefileStore } from '../app/casefile-store';
import { notify } from '../app/notices';
import { useStore } from '../lib/store';
import { jumpToClaim } from '../propositions/actions';
import { fileSlug, offerDownload } from '../lib/download';
import { layoutGraph, svgToPng } from './graph-layout';
import './graph.css';

type Scope = 'all' | 'propositions' | `proposition:${string}`;

function claimsInScope(casefile: Casefile, scope: Scope): string[] | undefined {
  if (scope === 'all') return undefined;
  const props = scope === 'propositions' ? Object.values(casefile.propositions) : [casefile.propositions[scope.slice('proposition:'.length)]].filter((p) => !!p);
  return [...new Set(props.flatMap((p) => p!.members.map((m) => m.claimId)))];
}

/**
 * Main view "Graph": who cites whom. Outlets on the left, root sources on the
 * right; drag to pan, wheel or pinch to zoom; click a node to list its claims.
 * Exports the same picture as SVG or PNG.
 */
export function GraphView() {
  const { casefile } = useStore(casefileStore)!;
  const [scope, setScope] = useState<Scope>('all');
  const claimIds = useMemo(() => claimsInScope(casefile, scope), [casefile, scope]);
  const graph = useMemo(() => buildCitationGraph(casefile, { claimIds }), [casefile, claimIds]);
  const signature = useMemo(() => JSON.stringify([graph.nodes.map((n) => [n.id, n.label]), graph.edges.map((e) => e.id)]), [graph]);
  const [layout, setLayout] = useState<{ signature: string; layout: GraphLayout } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void layoutGraph(graph).then((l) => live && setLayout({ signature, layout: l }));
    return () => {
      live = false;
    };
    // The layout depends only on the nodes, labels and edges (the signature), not on claim details.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);

  const current = layout?.signature === signature ? layout.layout : null;
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
        ) : current ? (
          <GraphCanvas graph={graph} layout={current} casefile={casefile} selected={selected} onSelect={setSelected} />
        ) : (
          <p className="graph-wait muted" aria-live="polite">Laying out {graph.nodes.length} sources…</p>
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

const TYPE_FALLBACK = 'var(--surface-2)';

/** Below this zoom, labels are hidden: unreadable anyway, and the costliest thing to draw. */
const LABELS_FROM_ZOOM = 0.3;

function GraphCanvas({ graph, layout, casefile, selected, onSelect }: {
  graph: CitationGraph; layout: GraphLayout; casefile: Casefile; selected: string | null; onSelect: (id: string | null) => void;
}) {
  const stageRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const behaviour = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const scale = useRef(1);
  const colours = useMemo(() => new Map(casefile.taxonomy.map((t) => [t.id, t.color])), [casefile.taxonomy]);
  const near = useMemo(() => {
    if (!selected) return null;
    const set = new Set<string>([selected]);
    for (const e of graph.edges) {
      if (e.from === selected || e.to === selected) {
        set.add(e.from);
        set.add(e.to);
      }
    }
    return set;
  }, [graph, selected]);

  const zoomBy = (factor: number) => {
    if (stageRef.current && behaviour.current) select(stageRef.current).call(behaviour.current.scaleBy, factor);
  };
  const fit = () => {
    const stage = stageRef.current;
    if (!stage || !behaviour.current) return;
    const { clientWidth: w, clientHeight: h } = stage;
    const k = Math.min(1.5, (w - 40) / Math.max(1, layout.width), (h - 40) / Math.max(1, layout.height));
    select(stage).call(behaviour.current.transform, zoomIdentity.translate((w - layout.width * k) / 2, (h - layout.height * k) / 2).scale(k));
  };

  useEffect(() => {
    const stage = stageRef.current;
    const layer = layerRef.current;
    if (!stage || !layer) return;
    // Pan and zoom move one composited layer with a CSS transform: the browser
    // reuses what it has drawn instead of redrawing thousands of shapes per frame.
    // The layer is promoted only while the analyst moves it; once they pause,
    // the browser redraws it sharp at the new scale.
    let rest = 0;
    const z = zoom<HTMLDivElement, unknown>()
      .scaleExtent([0.02, 6])
      .on('start', () => {
        clearTimeout(rest);
        layer.style.willChange = 'transform';
      })
      .on('end', () => {
        clearTimeout(rest);
        rest = window.setTimeout(() => (layer.style.willChange = 'auto'), 400);
      })
      .on('zoom', (e: { transform: { x: number; y: number; k: number } }) => {
        const { x, y, k } = e.transform;
        layer.style.transform = `translate(${x}px, ${y}px) scale(${k})`;
        scale.current = k;
        stage.classList.toggle('far', k < LABELS_FROM_ZOOM);
      });
    behaviour.current = z;
    select(stage).call(z).on('dblclick.zoom', null);
    fit();
    return () => {
      clearTimeout(rest);
      select(stage).on('.zoom', null);
    };
    // Fit once per layout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout]);

  useEffect(() => {
    const stage = stageRef.current;
    if (!selected || !stage || !behaviour.current) return;
    const box = layout.nodes[selected];
    if (!box) return;
    // Bring a node picked from the finder into view, zoomed in enough to read.
    const k = Math.max(0.6, scale.current);
    select(stage).call(behaviour.current.transform, zoomIdentity.translate(stage.clientWidth / 2 - box.x * k, stage.clientHeight / 2 - box.y * k).scale(k));
  }, [selected, layout]);

  return (
    <div className="graph-canvas">
      <div className="graph-zoom-buttons">
        <button type="button" onClick={() => zoomBy(1.4)} aria-label="Zoom in">+</button>
        <button type="button" onClick={() => zoomBy(1 / 1.4)} aria-label="Zoom out">−</button>
        <button type="button" onClick={fit}>Fit</button>
      </div>
      <div ref={stageRef} className="graph-stage" data-testid="graph-stage" onClick={(e) => (e.target as Element).closest('.node') || onSelect(null)}>
        <div ref={layerRef} className="graph-layer" data-testid="graph-layer">
          <svg className={`graph-svg${near ? ' has-selection' : ''}`} role="img" aria-label={`Citation graph: ${graph.nodes.length} sources`} data-testid="graph-svg"
            width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`}>
            <defs>
              <marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
                <path d="M0,0L10,5L0,10z" className="arrow-head" />
              </marker>
              <marker id="graph-arrow-cycle" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
                <path d="M0,0L10,5L0,10z" className="arrow-head cycle" />
              </marker>
            </defs>
            <g>
              {graph.edges.map((e) => (
                <path key={e.id} d={edgePath(layout.edges[e.id] ?? [])} data-from={e.from} data-to={e.to} data-kind={e.kind}
                  className={`edge edge-${e.kind}${e.onCycle ? ' cycle' : ''}${near && near.has(e.from) && near.has(e.to) && (e.from === selected || e.to === selected) ? ' hl' : ''}`}
                  strokeWidth={Math.min(4, 1.2 + Math.log2(e.claimIds.length))} markerEnd={`url(#${e.onCycle ? 'graph-arrow-cycle' : 'graph-arrow'})`} />
              ))}
              {graph.nodes.map((n) => {
                const box = layout.nodes[n.id];
                if (!box) return null;
                const colour = n.typeId ? colours.get(n.typeId) : undefined;
                const dash = kindDash(n.kind);
                return (
                  <g key={n.id} transform={`translate(${box.x},${box.y})`} data-node={n.id} data-label={n.label}
                    className={`node node-${n.kind}${n.onCycle ? ' cycle' : ''}${n.id === selected ? ' selected' : ''}${near?.has(n.id) ? ' hl' : ''}${n.articleIds.length ? ' publisher' : ''}`}
                    onClick={() => onSelect(n.id)}>
                    <title>{`${n.label} — ${KIND_LABELS[n.kind]}, ${n.claimIds.length} claim(s)${n.rootOf ? `, root of ${n.rootOf}` : ''}`}</title>
                    <path d={nodeOutline(n.kind, box.width, box.height)} className="node-shape"
                      fill={colour ?? TYPE_FALLBACK} fillOpacity={colour ? 0.22 : 1} stroke={colour ?? 'var(--muted)'} strokeWidth={n.rootOf ? 2.2 : 1.4} strokeDasharray={dash} />
                    <text textAnchor="middle">
                      {box.lines.map((line, i) => <tspan key={i} x={0} y={-((box.lines.length - 1) * 15) / 2 + 4 + i * 15}>{line}</tspan>)}
                    </text>
                  </g>
                );
              })}
            </g>
          </svg>
        </div>
      </div>
    </div>
  );
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
