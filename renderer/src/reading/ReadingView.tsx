import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { claimAt } from '../../../shared/claims/by-article';
import type { Article, Claim, SourcingType } from '../../../shared/model/schema';
import { paragraphRanges } from '../../../shared/text/normalise';
import { ArticleTextActions } from '../anchoring/ArticleTextActions';
import { casefileStore } from '../app/casefile-store';
import { selectClaim, uiStore } from '../app/ui-store';
import { createClaimFromSelection, toggleChromeForSelection } from '../claims/actions';
import { claimsOf } from '../claims/claim-lists';
import { claimsUi, setFindOpen } from '../claims/claims-ui';
import { Legend } from '../claims/Legend';
import { SourcingProfile } from '../claims/SourcingProfile';
import { withKey } from '../keyboard/shortcuts';
import { useStore } from '../lib/store';
import { useProposalHighlights } from '../proposals/highlights';
import { ClaimTooltip, type Hover } from './ClaimTooltip';
import { ContextMenu, type MenuAt } from './ContextMenu';
import { liveRange, offsetAtPoint, paragraphsOf, scrollRangeIntoView } from './dom-offsets';
import { FindBar } from './FindBar';
import { applyTypeColours, clearLayers, LAYER, paintLayers, type Span } from './highlights';
import './reading.css';

export function ReadingView() {
  const { casefile, readOnly } = useStore(casefileStore)!;
  const { articleId, claimId, sidePanel } = useStore(uiStore);
  const { findOpen, reveal } = useStore(claimsUi);
  const article = articleId ? casefile.articles[articleId] : undefined;
  const claims = claimsOf(casefile, articleId);
  const textRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [menu, setMenu] = useState<MenuAt | null>(null);

  useClaimHighlights(textRef, article, claims, casefile.taxonomy, claimId);
  useScrollToClaim(textRef, article, claimId ? casefile.claims[claimId] : undefined, reveal);
  useProposalHighlights(textRef, casefile, article, sidePanel === 'proposed');

  if (!article) {
    return (
      <div className="reading-pane">
        <div className="empty-state">
          <p><strong>{Object.keys(casefile.articles).length ? 'Choose an article to read.' : 'Your articles will appear here.'}</strong></p>
          <p className="muted">Select a passage and press C to mark it as a claim, then 1–8 for how it is sourced.</p>
        </div>
      </div>
    );
  }

  const claimUnder = (e: MouseEvent) => {
    const at = textRef.current ? offsetAtPoint(textRef.current, e.clientX, e.clientY) : null;
    return at === null ? undefined : claimAt(claims, at);
  };
  const onClick = (e: MouseEvent) => {
    if (!window.getSelection()?.isCollapsed) return;
    selectClaim(claimUnder(e)?.id ?? null, article.id);
  };
  const onMove = (e: MouseEvent) => {
    const claim = claimUnder(e);
    setHover((h) => (claim ? (h?.claimId === claim.id ? h : { claimId: claim.id, x: e.clientX, y: e.clientY }) : null));
  };
  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    setHover(null);
    const selection = window.getSelection();
    const hasSelection = !!selection && !selection.isCollapsed && !!textRef.current && selection.getRangeAt(0).intersectsNode(textRef.current);
    setMenu({ x: e.clientX, y: e.clientY, claimId: claimUnder(e)?.id ?? null, hasSelection });
  };

  return (
    <div className="reading-pane" aria-label="Reading view" tabIndex={-1}>
      <div className="reading-toolbar" role="toolbar" aria-label="Reading tools">
        <button type="button" className="primary" disabled={readOnly} onMouseDown={(e) => e.preventDefault()}
          onClick={() => void createClaimFromSelection()} title={withKey('Create a claim from the selected text', 'createClaim')}>
          Claim <kbd>C</kbd>
        </button>
        <button type="button" disabled={readOnly} onMouseDown={(e) => e.preventDefault()}
          onClick={() => void toggleChromeForSelection()} title={withKey('Mark the selected text as page chrome, or unmark it', 'markChrome')}>
          Page chrome <kbd>X</kbd>
        </button>
        <button type="button" onClick={() => setFindOpen(true)} title={withKey('Find in article', 'find')}>Find</button>
        <ArticleTextActions articleId={article.id} />
        <span className="reading-toolbar-count muted">{claims.length} claim{claims.length === 1 ? '' : 's'}</span>
      </div>
      {findOpen && <FindBar article={article} containerRef={textRef} />}
      <article className="reading">
        <ArticleHeader article={article} claims={claims} taxonomy={casefile.taxonomy} />
        <div onClick={onClick} onMouseMove={onMove} onMouseLeave={() => setHover(null)} onContextMenu={onContextMenu}>
          <ArticleText ref={textRef} articleId={article.id} text={article.text} />
        </div>
      </article>
      {hover && !menu && <ClaimTooltip hover={hover} />}
      {menu && <ContextMenu at={menu} onClose={() => setMenu(null)} />}
    </div>
  );
}

function ArticleHeader({ article, claims, taxonomy }: { article: Article; claims: Claim[]; taxonomy: readonly SourcingType[] }) {
  return (
    <header className="reading-header">
      <p className="reading-outlet">{article.outlet || 'Unknown outlet'}{article.publishedAt ? ` · ${article.publishedAt}` : ''}{article.language ? ` · ${article.language}` : ''}</p>
      <h2 className="reading-title">{article.title || article.origin.fileName}</h2>
      {article.author && <p className="reading-byline">By {article.author}</p>}
      {article.url && <p className="reading-url muted" title={article.url}>{article.url}</p>}
      <div className="reading-sourcing">
        <SourcingProfile claims={claims} taxonomy={taxonomy} showKey={false} />
        <Legend taxonomy={taxonomy} claims={claims} />
      </div>
    </header>
  );
}

/** The paragraphs: rendered once per text, never for a highlight change. */
const ArticleText = memo(function ArticleText({ articleId, text, ref }: { articleId: string; text: string; ref: React.Ref<HTMLDivElement> }) {
  const paragraphs = useMemo(() => paragraphRanges(text), [text]);
  return (
    <div ref={ref} className="reading-text" data-article-id={articleId}>
      {paragraphs.map((p) => <p key={p.start} data-start={p.start}>{text.slice(p.start, p.end)}</p>)}
    </div>
  );
});

/** Draws the article's claims, its page chrome and the selected claim as CSS highlights. */
function useClaimHighlights(
  ref: React.RefObject<HTMLDivElement | null>, article: Article | undefined, claims: Claim[], taxonomy: readonly SourcingType[], selectedId: string | null,
): void {
  useEffect(() => applyTypeColours(taxonomy), [taxonomy]);
  useEffect(() => () => clearLayers(), []);
  // Layout effects: the highlights change in the frame that commits the change, so a confirmed claim
  // is never a frame without its highlight, and is drawn a frame sooner.
  useLayoutEffect(() => {
    const container = ref.current;
    if (!container || !article) return;
    const layers = new Map<string, Span[]>();
    taxonomy.forEach((_, i) => layers.set(LAYER.type(i), []));
    layers.set(LAYER.untagged, []);
    layers.set(LAYER.moved, []);
    const typeIndex = new Map(taxonomy.map((t, i) => [t.id, i]));
    for (const c of claims) {
      if (c.anchor === 'orphaned' || c.textHash !== article.textHash) continue;
      const root = c.chain[c.chain.length - 1];
      const i = root ? typeIndex.get(root.typeId) : undefined;
      layers.get(i === undefined ? LAYER.untagged : LAYER.type(i))!.push(c.position);
      if (c.anchor === 'moved') layers.get(LAYER.moved)!.push(c.position);
    }
    layers.set(LAYER.chrome, article.excluded);
    // A claim drawn while it was being created is among the claims now.
    layers.set(LAYER.pending, []);
    paintLayers(container, layers);
    // Drop layers of types that no longer exist (a shorter taxonomy).
    for (const name of CSS.highlights.keys()) {
      if (name.startsWith('cb-type-') && !layers.has(name)) CSS.highlights.delete(name);
    }
  }, [ref, article, claims, taxonomy]);
  useLayoutEffect(() => {
    const container = ref.current;
    const claim = selectedId ? claims.find((c) => c.id === selectedId) : undefined;
    if (!container) return;
    const visible = claim && claim.anchor !== 'orphaned' && claim.textHash === article?.textHash;
    paintLayers(container, new Map([[LAYER.selected, visible ? [claim.position] : []]]));
  }, [ref, article, claims, selectedId]);
}

/**
 * Brings the selected claim into view when it is off screen, after a reveal
 * request (J/K, a list) or when the article opens on it; a claim clicked or
 * just created is in view already.
 */
function useScrollToClaim(ref: React.RefObject<HTMLDivElement | null>, article: Article | undefined, claim: Claim | undefined, reveal: number): void {
  const articleId = article?.id;
  const start = claim?.position.start;
  const end = claim?.position.end;
  const shown = useRef<{ reveal: number; articleId?: string }>({ reveal });
  useEffect(() => {
    const container = ref.current;
    const asked = shown.current.reveal !== reveal || shown.current.articleId !== articleId;
    shown.current = { reveal, articleId };
    if (!asked || !container || start === undefined || end === undefined) return;
    const range = liveRange(paragraphsOf(container), start, end);
    if (range) scrollRangeIntoView(container, range);
  }, [ref, articleId, reveal, start, end]);
}
