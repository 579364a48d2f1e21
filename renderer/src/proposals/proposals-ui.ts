/**
 * The review queue's state in the window: which proposal is active and the
 * spans the analyst changed before accepting. Never saved; a changed span is
 * forgotten when its article's text changes.
 */
import { buildProposals, countProposals, withSpan, type Proposal } from '../../../shared/attribution';
import type { Casefile, Claim, RejectedProposal } from '../../../shared/model/schema';
import { recordOf } from '../../../shared/model/ids';
import { groupBy, memoizeWeak } from '../../../shared/lib/collections';
import { claimGroupsOf } from '../claims/claim-lists';
import { Store } from '../lib/store';
import { detectionStore, type Detected } from './detection';

export interface ChangedSpan {
  start: number;
  end: number;
  textHash: string;
}

export interface ProposalUi {
  activeId: string | null;
  spans: Readonly<Record<string, ChangedSpan>>;
}

export const proposalUi = new Store<ProposalUi>({ activeId: null, spans: {} });

export function setActiveProposal(activeId: string | null): void {
  proposalUi.set((s) => (s.activeId === activeId ? s : { ...s, activeId }));
}

export function setProposalSpan(proposal: Proposal, span: ChangedSpan): void {
  proposalUi.set((s) => ({ ...s, spans: { ...s.spans, [proposal.id]: span } }));
}

let last: { key: unknown[]; proposals: Proposal[] } | null = null;

/**
 * The article's proposals as the queue shows them: built from its detected
 * attributions (none until the detector has read its current text), with the
 * spans the analyst changed. Cached on what they depend on.
 */
export function proposalsOf(casefile: Casefile, articleId: string | null, detected = detectionStore.get().detected, spans = proposalUi.get().spans): Proposal[] {
  const article = articleId ? recordOf(casefile.articles, articleId) : undefined;
  const found: Detected | undefined = articleId ? detected.get(articleId) : undefined;
  if (!article || !found || found.textHash !== article.textHash) return [];
  const key = [article, found, casefile.claims, casefile.sources, casefile.taxonomy, casefile.rejectedProposals, spans];
  if (last && last.key.length === key.length && last.key.every((k, i) => k === key[i])) return last.proposals;
  const proposals = buildProposals(casefile, article.id, found.attributions).flatMap((p) => {
    const changed = recordOf(spans, p.id);
    if (!changed || changed.textHash !== article.textHash) return [p];
    return [withSpan(article, p, changed.start, changed.end) ?? p];
  });
  last = { key, proposals };
  return proposals;
}

interface Counted {
  article: object;
  found: Detected;
  /** The article's claims and rejections as last counted (lists that are replaced, never changed, when they change). */
  claims: readonly Claim[];
  rejected: readonly RejectedProposal[];
  /** What else the count depends on: the article's claim spans, page chrome and rejections. */
  signature: string;
  count: number;
}

const countCache = new Map<string, Counted>();
let counted: { key: unknown[]; counts: Map<string, number> } | null = null;

const rejectedByArticle = memoizeWeak((rejected: NonNullable<Casefile['rejectedProposals']>) => groupBy(Object.values(rejected), (r) => r.articleId));
const NO_REJECTIONS: NonNullable<Casefile['rejectedProposals']> = {};
const NONE: readonly never[] = [];

/**
 * How many proposals each article read so far has (articles with none are
 * left out), in the casefile's article order. Each article's count is kept
 * until its text, claims, page chrome or rejections change, so accepting a
 * proposal recounts one article, not thousands. The claims come grouped by
 * article from `claimGroupsOf`, which after a change gives new lists only to
 * the articles whose claims changed: an article with the same list, article
 * and detection keeps its count without looking at its claims.
 */
export function proposalCounts(casefile: Casefile, detected = detectionStore.get().detected): Map<string, number> {
  const key = [casefile.articles, casefile.claims, casefile.rejectedProposals, detected];
  if (counted && counted.key.every((k, i) => k === key[i])) return counted.counts;
  const claimsByArticle = claimGroupsOf(casefile);
  const rejections = rejectedByArticle(casefile.rejectedProposals ?? NO_REJECTIONS);
  const counts = new Map<string, number>();
  for (const article of Object.values(casefile.articles)) {
    const found = detected.get(article.id);
    if (!found || found.textHash !== article.textHash) continue;
    const claims = claimsByArticle.get(article.id) ?? NONE;
    const rejected = rejections.get(article.id) ?? NONE;
    let entry = countCache.get(article.id);
    const same = entry && entry.article === article && entry.found === found;
    if (!same || entry!.claims !== claims || entry!.rejected !== rejected) {
      const signature = [
        claims.map((c) => `${c.anchor}:${c.textHash === article.textHash ? `${c.position.start}-${c.position.end}` : ''}`).join(','),
        article.excluded.map((r) => `${r.start}-${r.end}`).join(','),
        rejected.map((r) => r.id).join(','),
      ].join('|');
      if (!same || entry!.signature !== signature) {
        const view = {
          ...casefile,
          claims: Object.fromEntries(claims.map((c) => [c.id, c])),
          rejectedProposals: Object.fromEntries(rejected.map((r) => [r.id, r])),
        };
        entry = { article, found, claims, rejected, signature, count: countProposals(view, article.id, found.attributions) };
      } else {
        entry = { ...entry!, claims, rejected };
      }
      countCache.set(article.id, entry);
    }
    if (entry!.count) counts.set(article.id, entry!.count);
  }
  counted = { key, counts };
  return counts;
}
