/**
 * A small builder of hand-made casefiles for the analysis tests: articles,
 * sources and claims with chains written as source names, all added through
 * the real commands so the casefiles are valid.
 */
import { applyCommand, type Actor } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import { newClaimCommand } from '../../../shared/claims/new-claim';
import { newHop } from '../../../shared/claims/chain';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile, SourceKind, Stance } from '../../../shared/model/schema';
import { textHash } from '../../../shared/text/hash';

export const analyst: Actor = { name: 'Dana', now: '2026-03-01T09:00:00.000Z' };

export class CasefileBuilder {
  cf: Casefile = emptyCasefile({ id: 'cf', title: 'Test', analyst: analyst.name, now: analyst.now });
  private n = 0;

  apply(...commands: Command[]): this {
    for (const c of commands) this.cf = applyCommand(this.cf, c, analyst).state;
    return this;
  }

  article(id: string, outlet: string, text = `${outlet} reports that something happened. It adds more detail here.`): this {
    return this.apply({
      type: 'article.add',
      article: {
        id, title: `${outlet} story ${id}`, outlet, author: '', publishedAt: '2024-07-03', url: '', language: 'en', notes: '',
        text, textHash: textHash(text), origin: { fileName: `${id}.txt`, format: 'txt' }, excluded: [],
      },
    });
  }

  source(id: string, name: string, kind: SourceKind = 'person', aliases: string[] = []): this {
    return this.apply({ type: 'source.add', source: { id, name, kind, role: '', affiliation: '', aliases, notes: '' } });
  }

  /**
   * A claim on `quote` (default: the whole article text) whose chain is the
   * given hops: a source id, or `{ type }` for a hop whose source is not named.
   */
  claim(id: string, articleId: string, hops: (string | { type: string; source?: string })[], quote?: string): this {
    const article = this.cf.articles[articleId]!;
    const at = quote ? article.text.indexOf(quote) : 0;
    if (at < 0) throw new Error(`"${quote}" is not in ${articleId}`);
    const end = quote ? at + quote.length : article.text.length;
    const chain = hops.map((h) => {
      const hopId = `h${++this.n}`;
      if (typeof h === 'string') return newHop(hopId, this.typeOfSource(h), h);
      return newHop(hopId, h.type, h.source ?? null);
    });
    return this.apply(newClaimCommand(article, at, end, id), { type: 'claim.setChain', claimId: id, chain });
  }

  proposition(id: string, members: [string, Stance][], statement = `Proposition ${id}`): this {
    return this.apply({
      type: 'proposition.add',
      proposition: {
        id, statement, assessment: { rating: null, reliability: null, credibility: null, notes: '' },
        members: members.map(([claimId, stance]) => ({ claimId, stance, addedBy: analyst.name, addedAt: analyst.now })),
      },
    });
  }

  judge(sourceA: string, sourceB: string, relation: 'same' | 'distinct' | null): this {
    return this.apply({ type: 'roots.judge', judgementId: `j${++this.n}`, sourceA, sourceB, relation });
  }

  linkCopies(articleA: string, articleB: string, status: 'linked' | 'open' | 'dismissed' = 'linked'): this {
    return this.apply({ type: 'copyFlag.add', flag: { id: `f${++this.n}`, articleA, articleB, similarity: 1, kind: 'near-duplicate', status } });
  }

  private typeOfSource(sourceId: string): string {
    const kind = this.cf.sources[sourceId]?.kind;
    if (!kind) throw new Error(`Add source ${sourceId} first`);
    return { person: 'named-official', institution: 'official-statement', outlet: 'outlet-citing-outlet', document: 'document', 'anonymous-group': 'anonymous', other: 'unattributed' }[kind];
  }
}
