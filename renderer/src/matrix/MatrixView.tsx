import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type UIEvent } from 'react';
import { buildMatrix, type MatrixCell, type MatrixSort } from '../../../shared/analysis/matrix';
import { STANCE_LABELS, STANCE_SYMBOLS, typeSymbol } from '../../../shared/analysis/symbols';
import type { Casefile, SourcingType } from '../../../shared/model/schema';
import { casefileStore } from '../app/casefile-store';
import { useStore } from '../lib/store';
import { jumpToClaim } from '../propositions/actions';
import { selectProposition } from '../propositions/proposition-ui';
import './matrix.css';

const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 118;
/** Article columns share the width left by the first column, within these limits (wider ones scroll). */
const COLUMN_WIDTH = { min: 112, max: 220 };
const FIRST_COLUMN = { min: 260, max: 440, share: 0.32 };
/** Rows and columns drawn beyond the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 4;

const SORTS: { id: MatrixSort; label: string }[] = [
  { id: 'independent-roots', label: 'Independent roots' },
  { id: 'appearances', label: 'Appearances' },
  { id: 'contested', label: 'Most contested' },
  { id: 'statement', label: 'Statement (A–Z)' },
];

/**
 * Main view "Matrix": propositions × articles. A cell shows each member
 * claim's stance and its root sourcing type (colour and symbol); clicking it
 * shows the claim in its article. Rows and columns outside the viewport are
 * not drawn, so thousands of either stay smooth.
 */
export function MatrixView() {
  const { casefile } = useStore(casefileStore)!;
  const [sort, setSort] = useState<MatrixSort>('independent-roots');
  const matrix = useMemo(() => buildMatrix(casefile, sort), [casefile, sort]);
  const types = useMemo(() => new Map(casefile.taxonomy.map((t) => [t.id, t])), [casefile.taxonomy]);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, left: 0, width: 1200, height: 800 });
  const [focus, setFocus] = useState<{ row: number; col: number }>({ row: 0, col: 0 });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView((v) => ({ ...v, width: el.clientWidth, height: el.clientHeight }));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  if (!matrix.rows.length) {
    return (
      <div className="matrix-view empty-state" data-testid="matrix">
        <p><strong>No propositions yet.</strong></p>
        <p className="muted">Group claims that assert the same thing into propositions (panel “Propositions”); the matrix then shows which articles carry each one, and how.</p>
      </div>
    );
  }

  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    setView((v) => ({ ...v, top: el.scrollTop, left: el.scrollLeft }));
  };
  const first = Math.round(Math.min(FIRST_COLUMN.max, Math.max(FIRST_COLUMN.min, view.width * FIRST_COLUMN.share)));
  const column = Math.floor(Math.min(COLUMN_WIDTH.max, Math.max(COLUMN_WIDTH.min, (view.width - first) / matrix.articles.length)));
  const rowFrom = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const rowTo = Math.min(matrix.rows.length, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const colFrom = Math.max(0, Math.floor(view.left / column) - OVERSCAN);
  const colTo = Math.min(matrix.articles.length, Math.ceil((view.left + view.width) / column) + OVERSCAN);
  const columns = matrix.articles.slice(colFrom, colTo);

  const moveFocus = (e: KeyboardEvent) => {
    const delta: Record<string, [number, number]> = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1] };
    const d = delta[e.key];
    if (d) {
      e.preventDefault();
      const row = Math.max(0, Math.min(matrix.rows.length - 1, focus.row + d[0]));
      const col = Math.max(0, Math.min(matrix.articles.length - 1, focus.col + d[1]));
      setFocus({ row, col });
      scrollIntoView(scroller.current, row, col, first, column);
    } else if (e.key === 'Enter' || e.key === ' ') {
      const cell = matrix.rows[focus.row]?.cells.get(matrix.articles[focus.col]?.id ?? '');
      if (cell) {
        e.preventDefault();
        jumpToClaim(cell.claimIds[0]!);
      }
    }
  };

  return (
    <div className="matrix-view" data-testid="matrix">
      <div className="matrix-toolbar">
        <label className="matrix-sort">
          Sort by{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as MatrixSort)} aria-label="Sort propositions by">
            {SORTS.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
          </select>
        </label>
        <span className="muted">{matrix.rows.length} propositions × {matrix.articles.length} articles</span>
        <MatrixLegend taxonomy={casefile.taxonomy} />
      </div>
      <div
        ref={scroller}
        className="matrix-scroller"
        onScroll={onScroll}
        role="grid"
        aria-label="Propositions by article"
        aria-rowcount={matrix.rows.length + 1}
        aria-colcount={matrix.articles.length + 1}
        tabIndex={0}
        onKeyDown={moveFocus}
      >
        <div className="matrix-canvas" style={{ width: first + matrix.articles.length * column, height: HEADER_HEIGHT + matrix.rows.length * ROW_HEIGHT }}>
          <div className="matrix-header" role="row" aria-rowindex={1} style={{ width: first + matrix.articles.length * column }}>
            <div className="matrix-corner" role="columnheader" style={{ width: first }}>Proposition · roots / appearances</div>
            {columns.map((a, i) => (
              <div key={a.id} role="columnheader" aria-colindex={colFrom + i + 2} className="matrix-col-head" title={[a.outlet, a.publishedAt, a.title].filter(Boolean).join('\n')}
                style={{ left: first + (colFrom + i) * column, width: column }}>
                <bdi className="col-outlet">{a.outlet || 'Article'}</bdi>
                <span className="col-date">{a.publishedAt}</span>
                <bdi className="col-title">{a.title}</bdi>
              </div>
            ))}
          </div>
          {matrix.rows.slice(rowFrom, rowTo).map((row, i) => {
            const r = rowFrom + i;
            const ind = row.independence;
            return (
              <div key={row.propositionId} role="row" aria-rowindex={r + 2} className="matrix-row" style={{ top: HEADER_HEIGHT + r * ROW_HEIGHT, width: first + matrix.articles.length * column }}>
                <div role="rowheader" className="matrix-row-head" style={{ width: first }}>
                  <button type="button" className="row-statement" onClick={() => selectProposition(row.propositionId)} title={`${row.statement}\n${ind.flags.map((f) => f.message).join('\n')}`}>
                    <bdi>{row.statement || '(no statement)'}</bdi>
                  </button>
                  <span className={`row-figures${ind.singleRoot && ind.stanceCounts.supports > 1 ? ' echo' : ''}`} title={`${ind.independentRoots} independent root(s) of ${ind.appearances} appearance(s)`}>
                    {ind.independentRoots}/{ind.appearances}{ind.contradictingRoots ? ` −${ind.contradictingRoots}` : ''}
                  </span>
                </div>
                {columns.map((a, j) => {
                  const c = colFrom + j;
                  const cell = row.cells.get(a.id);
                  const focused = focus.row === r && focus.col === c;
                  return (
                    <div key={a.id} role="gridcell" aria-colindex={c + 2} className={`matrix-cell${focused ? ' focused' : ''}`}
                      style={{ left: first + c * column, width: column }}>
                      {cell && <CellButton cell={cell} casefile={casefile} types={types} onOpen={() => { setFocus({ row: r, col: c }); jumpToClaim(cell.claimIds[0]!); }} />}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function CellButton({ cell, casefile, types, onOpen }: { cell: MatrixCell; casefile: Casefile; types: Map<string, SourcingType>; onOpen: () => void }) {
  const first = types.get(cell.rootTypeIds[0] ?? '');
  const tip = cell.claimIds
    .map((id, i) => `${STANCE_LABELS[cell.stances[i]!]} · ${types.get(cell.rootTypeIds[i] ?? '')?.label ?? 'not tagged'}\n“${casefile.claims[id]?.quote.exact.slice(0, 140) ?? ''}”`)
    .join('\n\n');
  const stance = cell.stances.every((s) => s === cell.stances[0]) ? cell.stances[0]! : null;
  return (
    <button type="button" tabIndex={-1} className={`cell-button stance-${stance ?? 'mixed'}`} title={`${tip}\n\nClick to show in the article`}
      style={{ borderColor: first?.color, background: first ? `${first.color}2e` : undefined }} onClick={onOpen}
      aria-label={`${cell.claimIds.length} claim(s): ${cell.stances.map((s) => STANCE_LABELS[s]).join(', ')}; root ${cell.rootTypeIds.map((t) => types.get(t ?? '')?.label ?? 'not tagged').join(', ')}`}>
      <span className="cell-stance">{stance ? STANCE_SYMBOLS[stance] : '±'}</span>
      <span className="cell-type">{cell.rootTypeIds.slice(0, 2).map((t) => typeSymbol(types.get(t ?? ''))).join('')}</span>
      {cell.claimIds.length > 1 && <span className="cell-count">{cell.claimIds.length}</span>}
    </button>
  );
}

function MatrixLegend({ taxonomy }: { taxonomy: readonly SourcingType[] }) {
  return (
    <details className="matrix-legend">
      <summary>Legend</summary>
      <div className="legend-body">
        <p><strong>Stance</strong> {(['supports', 'contradicts', 'mentions'] as const).map((s) => <span key={s} className="legend-item"><b>{STANCE_SYMBOLS[s]}</b> {STANCE_LABELS[s]}</span>)}</p>
        <p><strong>Root sourcing type</strong>{' '}
          {taxonomy.filter((t) => !t.hidden).map((t) => (
            <span key={t.id} className="legend-item"><span className="legend-chip" style={{ borderColor: t.color, background: `${t.color}2e` }}>{typeSymbol(t)}</span> {t.label}</span>
          ))}
        </p>
        <p className="muted">Row figures: independent roots / appearances (− roots that deny it). Arrow keys move, Enter shows the claim.</p>
      </div>
    </details>
  );
}

function scrollIntoView(el: HTMLElement | null, row: number, col: number, first: number, column: number): void {
  if (!el) return;
  const top = HEADER_HEIGHT + row * ROW_HEIGHT;
  const left = first + col * column;
  if (top - HEADER_HEIGHT < el.scrollTop) el.scrollTop = top - HEADER_HEIGHT;
  else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  if (left - first < el.scrollLeft) el.scrollLeft = left - first;
  else if (left + column > el.scrollLeft + el.clientWidth) el.scrollLeft = left + column - el.clientWidth;
}
