/** A casefile holding the real seed article 000, for the claims tests. */
import { applyCommand, type Actor } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import { newClaimCommand } from '../../../shared/claims/new-claim';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile } from '../../../shared/model/schema';
import { textHash } from '../../../shared/text/hash';
import { seed } from '../anchoring/seeds';

export const dana: Actor = { name: 'Dana', now: '2026-03-01T09:00:00.000Z' };
export const SEED_000 = seed('000');

export function casefileWith000(): Casefile {
  const cf = emptyCasefile({ id: 'cf', title: 'Drones', analyst: 'Dana', now: dana.now });
  return apply(cf, {
    type: 'article.add',
    article: {
      id: 'a000', title: 'Allies believe China allegedly developing attack drones to aid Russia, Bloomberg reports',
      outlet: 'Kyiv Independent', author: 'Dmytro Basmat', publishedAt: '2024-07-03', url: '', language: 'en', notes: '',
      text: SEED_000, textHash: textHash(SEED_000), origin: { fileName: '000.txt', format: 'txt' }, excluded: [],
    },
  });
}

export function apply(cf: Casefile, ...commands: Command[]): Casefile {
  for (const c of commands) cf = applyCommand(cf, c, dana).state;
  return cf;
}

/** Adds a claim on the first occurrence of `quote` in article a000. */
export function claimQuote(cf: Casefile, id: string, quote: string): Casefile {
  const article = cf.articles.a000!;
  const at = article.text.indexOf(quote);
  if (at < 0) throw new Error(`"${quote}" is not in seed 000`);
  return apply(cf, newClaimCommand(article, at, at + quote.length, id));
}
