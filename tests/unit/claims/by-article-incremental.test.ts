import fc from 'fast-check';
import type { Patch } from 'immer';
import { expect, test } from 'vitest';
import { claimGroupsFollowing, groupClaimsByArticle, type ClaimGroups, type GroupedCasefile } from '../../../shared/claims/by-article';
import { applyCommand } from '../../../shared/commands/apply';
import type { Casefile } from '../../../shared/model/schema';
import { applyStep, smallCasefile, steps } from '../../support/random-commands';

function sorted(groups: ClaimGroups): [string, string[]][] {
  return [...groups].map(([id, list]): [string, string[]] => [id, list.map((c) => c.id)]).sort((a, b) => a[0].localeCompare(b[0]));
}

/** A claim moved to another article under the same id (an import over an existing claim does that). */
function moveClaim(state: Casefile, n: number): Casefile {
  const claims = Object.values(state.claims);
  const articles = Object.values(state.articles);
  const claim = claims[n % Math.max(1, claims.length)];
  const article = articles[(n >> 3) % articles.length]!;
  if (!claim || article.text.length < 10) return state;
  const position = { type: 'TextPositionSelector' as const, start: 2, end: 9 };
  return applyCommand(state, {
    type: 'claim.import', claim: { ...claim, articleId: article.id, position, textHash: article.textHash, quote: { ...claim.quote, exact: article.text.slice(2, 9) } },
  }, { name: 'Tester', now: '2026-12-06T04:00:00.000Z' }).state;
}

test('claims grouped by article, updated after each change, equal the groups built in full, over random edits and undos', () => {
  fc.assert(
    fc.property(fc.nat(50), steps(20), fc.array(fc.nat(1_000), { maxLength: 4 }), fc.nat(3), (seed, list, moves, every) => {
      let state = smallCasefile(seed);
      let last: GroupedCasefile = { casefile: state, groups: groupClaimsByArticle(state.claims) };
      const history: Patch[][] = [];
      list.forEach((step, i) => {
        const before = state;
        state = applyStep(state, step, history);
        if (moves[i] !== undefined) state = moveClaim(state, moves[i]);
        // Sometimes several revisions are taken at once.
        if (i % (every + 1) !== every && i !== list.length - 1) return;
        const groups = claimGroupsFollowing(last, state);
        const full = groupClaimsByArticle(state.claims);
        expect(sorted(groups)).toEqual(sorted(full));
        // The lists of articles none of whose claims changed are the same arrays as before.
        for (const [articleId, listNow] of groups) {
          const untouched = Object.values(state.claims).filter((c) => c.articleId === articleId)
            .every((c) => last.casefile.claims[c.id] === c) && Object.values(last.casefile.claims).filter((c) => c.articleId === articleId)
            .every((c) => state.claims[c.id] === c);
          if (untouched && last.groups.has(articleId)) expect(listNow).toBe(last.groups.get(articleId));
        }
        if (before === state && last.casefile === before) expect(groups).toBe(last.groups);
        last = { casefile: state, groups };
      });
    }),
    { numRuns: 200 },
  );
});

test('another casefile, or a whole new claims collection, is grouped in full', () => {
  const a = smallCasefile(1);
  const b = smallCasefile(2);
  const fromA = { casefile: a, groups: groupClaimsByArticle(a.claims) };
  expect(sorted(claimGroupsFollowing(fromA, b))).toEqual(sorted(groupClaimsByArticle(b.claims)));
  const replaced = { ...a, claims: { ...b.claims } };
  expect(sorted(claimGroupsFollowing(fromA, replaced))).toEqual(sorted(groupClaimsByArticle(b.claims)));
});
