/**
 * The review queue's state in the window: which proposal is active and the
 * spans the analyst changed before accepting. Never saved; a changed span is
 * forgotten when its article's text changes.
 */
import { buildProposals, countProposals, withSpan, type Proposal } from '../../../shared/attribution';
import type { Casefile } from '../../../shared/model/schema';
import { recordOf } from '../../../shared/model/ids';
import { groupBy } from '../../../shared/lib/collections';
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
  /** What else the count depends on: the article's claim spans, page chrome and rejections. */
  signature: string;
  count: number;
}

const countCache = new Map<string, Counted>();
let counted: { key: unknown[]; counts: Map<string, number> } | null = null;

/**
 * How many proposals each article read so far has (articles with none are
 * left out), in the casefile's article order. Each article's count is kept
 * until its text, claims, page chrome or rejections change, so accepting a
 * proposal recounts one article, not thousands.
 */
export function proposalCounts(casefile: Casefile, detected = detectionStore.get().detected): Map<string, number> {
  const key = [casefile.articles, casefile.claims, casefile.rejectedProposals, detected];
  if (counted && counted.key.every((k, i) => k === key[i])) return counted.counts;
  const claimsByArticle = groupBy(Object.values(casefile.claims), (c) => c.articleId);
  const rejectedByArticle = groupBy(Object.values(casefile.rejectedProposals ?? {}), (r) => r.articleId);
  const counts = new Map<string, number>();
  for (const article of Object.values(casefile.articles)) {
    const found = detected.get(article.id);
    if (!found || found.textHash !== article.textHash) continue;
    const claims = claimsByArticle.get(article.id) ?? [];
    const rejected = rejectedByArticle.get(article.id) ?? [];
    const signature = [
      claims.map((c) => `${c.anchor}:${c.textHash === article.textHash ? `${c.position.start}-${c.position.end}` : ''}`).join(','),
      article.excluded.map((r) => `${r.start}-${r.end}`).join(','),
      rejected.map((r) => r.id).join(','),
    ].join('|');
    let entry = countCache.get(article.id);
    if (!entry || entry.article !== article || entry.found !== found || entry.signature !== signature) {
      const view = {
        ...casefile,
        claims: Object.fromEntries(claims.map((c) => [c.id, c])),
        rejectedProposals: Object.fromEntries(rejected.map((r) => [r.id, r])),
      };
      entry = { article, found, signature, count: countProposals(view, article.id, found.attributions) };
      countCache.set(article.id, entry);
    }
    if (entry.count) counts.set(article.id, entry.count);
  }
  counted = { key, counts };
  return counts;
}
