import { expect, test } from 'vitest';
import { applyCommand } from '../../../shared/commands/apply';
import { compareCasefiles, reviewReportSection } from '../../../shared/review';
import { DANA, danasCasefile, SAM, samsCasefile } from './seed-pair';

test('the review section of a report: agreement sentences, disagreements and the comments in the casefile', () => {
  const mine = applyCommand(danasCasefile(), {
    type: 'review.set',
    review: { id: 'rv1', target: { kind: 'claim', id: 'm10' }, status: 'disputed', comment: 'Keep “supports”.', by: DANA, at: '2026-03-05T10:00:00.000Z' },
  }, { name: DANA, now: '2026-03-05T10:00:00.000Z' }).state;
  const comparison = compareCasefiles(mine, samsCasefile());
  const section = reviewReportSection(mine, [comparison], { maxDisagreements: 3, timeZone: 'UTC', currentYear: 2026 });

  expect(section.statusCounts).toEqual({ approved: 0, disputed: 1, 'needs-work': 0 });
  expect(section.comments).toEqual([{
    target: 'claim', targetId: 'm10', targetText: mine.claims.m10!.quote.exact, articleTitle: mine.articles.a002!.title,
    status: 'disputed', statusLabel: 'Disputed', comment: 'Keep “supports”.', by: DANA, at: '2026-03-05T10:00:00.000Z',
    byLine: `written by ${DANA}, 5 Mar 10:00`,
  }]);
  const c = section.comparisons[0]!;
  expect(c.colleague).toBe(SAM);
  expect(c.totalDisagreements).toBe(14);
  expect(c.disagreements).toHaveLength(3);
  // Only Dana marked it: her side is credited to her claim, theirs to nobody (not to the names in Sam's file).
  expect(c.disagreements[0]).toMatchObject({
    kind: 'Claim only in mine', mine: expect.stringContaining('Anonymous'), mineBy: `claim marked by ${DANA}, 1 Mar 09:00`, theirsBy: '',
  });
  expect(c.agreementLines[0]).toBe(
    "Sourcing type (Cohen's kappa): κ = 0.84 on 16 matched claims (observed agreement 0.88, expected by chance 0.21). Caution: fewer than 20 items, so this figure says little.",
  );
  expect(c.agreementLines[1]).toContain('2 claims only in mine, 2 only in theirs, 1 matched but without a sourcing type, 1 of theirs with no place in my text');
});
