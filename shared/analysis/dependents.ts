/**
 * What depends on a claim or a source, so the app can say so before the
 * analyst deletes it (the deletion itself stays one undoable command).
 */
import type { Casefile, Claim, Proposition } from '../model/schema';
import { plural, shorten } from '../text/wording';

export interface Dependents {
  propositions: Pick<Proposition, 'id' | 'statement'>[];
  /** Claims whose attribution chain names the source. */
  claims: Pick<Claim, 'id' | 'articleId' | 'quote'>[];
  /** The analyst's root judgements that name the source. */
  judgements: number;
  reviews: number;
}

export function claimDependents(casefile: Casefile, claimId: string): Dependents {
  return {
    propositions: Object.values(casefile.propositions).filter((p) => p.members.some((m) => m.claimId === claimId)),
    claims: [],
    judgements: 0,
    reviews: Object.values(casefile.reviews).filter((r) => r.target.kind === 'claim' && r.target.id === claimId).length,
  };
}

export function sourceDependents(casefile: Casefile, sourceId: string): Dependents {
  const claims = Object.values(casefile.claims).filter((c) => c.chain.some((h) => h.sourceId === sourceId));
  const claimIds = new Set(claims.map((c) => c.id));
  return {
    propositions: Object.values(casefile.propositions).filter((p) => p.members.some((m) => claimIds.has(m.claimId))),
    claims,
    judgements: Object.values(casefile.rootJudgements).filter((j) => j.sourceA === sourceId || j.sourceB === sourceId).length,
    reviews: 0,
  };
}

/** The dependents as lines for a confirmation ("Used by 2 propositions: …"); empty when nothing depends on it. */
export function describeDependents(casefile: Casefile, d: Dependents, max = 8): string[] {
  const lines: string[] = [];
  const list = (items: string[]) => [...items.slice(0, max).map((s) => `  • ${s}`), ...(items.length > max ? [`  • … and ${items.length - max} more`] : [])];
  if (d.claims.length) {
    lines.push(`Named in the attribution chain of ${plural(d.claims.length, 'claim')} (the hop keeps its type, without a source):`);
    lines.push(...list(d.claims.map((c) => `"${oneLine(c.quote.exact)}" (${casefile.articles[c.articleId]?.title ?? 'article'})`)));
  }
  if (d.propositions.length) {
    lines.push(`${d.claims.length ? 'Which counts in' : 'Member of'} ${plural(d.propositions.length, 'proposition')}:`);
    lines.push(...list(d.propositions.map((p) => oneLine(p.statement))));
  }
  if (d.judgements) lines.push(`${plural(d.judgements, 'root judgement')} (same/distinct) will be dropped.`);
  if (d.reviews) lines.push(`${plural(d.reviews, 'review comment')} will be dropped.`);
  return lines;
}

/** One line of at most 90 characters. */
function oneLine(text: string): string {
  return shorten(text.replace(/\s+/g, ' ').trim(), 90);
}
