/**
 * Two analysts whose files share history: Ann makes a casefile, Bo's file
 * starts as a copy of hers, then each changes different records. Every
 * difference must be credited, side by side, to whoever made that side's
 * record, never to the names the file lists (Bo's copy lists Ann too).
 */
import { describe, expect, test } from 'vitest';
import { applyCommand } from '../../../shared/commands/apply';
import { colleagueName, compareCasefiles, describeAuthorship, planMerge, reviewReportSection, type Difference } from '../../../shared/review';
import { A_MADE, B_CHANGED, casefileOfA, copyChangedByB, run } from './shared-history';

const ANN = 'Ann Ek';
const BO = 'Bo Li';
const ANN_MADE = A_MADE;
const BO_CHANGED = B_CHANGED;
const ANN_CHANGED = '2026-12-04T08:15:00.000Z';
const WHEN = { timeZone: 'UTC', currentYear: 2026 };
const annsCasefile = () => casefileOfA(ANN);

// Ann's file as it was when Bo copied it; Bo's changes; then Ann goes on in hers.
const original = annsCasefile();
const bos = copyChangedByB(original, BO);
const anns = run(original, { name: ANN, now: ANN_CHANGED },
  { type: 'claim.setRootType', claimId: 'c2', typeId: 'official-statement', hopId: 'unused' });

function credits(d: Difference | undefined) {
  return { mine: d?.mineBy ? describeAuthorship(d.mineBy, WHEN) : '', theirs: d?.theirsBy ? describeAuthorship(d.theirsBy, WHEN) : '' };
}

describe.each([
  { me: ANN, mine: anns, theirs: bos },
  { me: BO, mine: bos, theirs: anns },
])('$me compares her or his file with the other', ({ me, mine, theirs }) => {
  const comparison = compareCasefiles(mine, theirs);
  const byKey = new Map(comparison.differences.map((d) => [d.key, d]));
  const mineIsAnn = me === ANN;
  const side = (ann: string, bo: string) => (mineIsAnn ? { mine: ann, theirs: bo } : { mine: bo, theirs: ann });

  test('finds exactly the three changes made since the copy', () => {
    expect([...byKey.keys()].sort()).toEqual(['stance:c3:c3:p1:p1', 'type:c2:c2', 'type:c4:c4']);
  });

  test('Bo’s stance change is credited to Bo, on the side that holds it; Ann is credited only with adding the claim', () => {
    expect(credits(byKey.get('stance:c3:c3:p1:p1'))).toEqual(side(
      `added by ${ANN}, 1 Dec 09:30`,
      `stance changed by ${BO}, 3 Dec 14:02 · added by ${ANN}, 1 Dec 09:30`,
    ));
  });

  test('Bo’s retyped claim is credited to Bo; Ann’s retyped claim to Ann', () => {
    expect(credits(byKey.get('type:c4:c4'))).toEqual(side(
      `chain set by ${ANN}, 1 Dec 09:30`,
      `chain changed by ${BO}, 3 Dec 14:02 · chain set by ${ANN}, 1 Dec 09:30`,
    ));
    expect(credits(byKey.get('type:c2:c2'))).toEqual(side(
      `chain changed by ${ANN}, 4 Dec 08:15 · chain set by ${ANN}, 1 Dec 09:30`,
      `chain set by ${ANN}, 1 Dec 09:30`,
    ));
  });

  test('the file is labelled with the colleague alone, not with both names it lists', () => {
    expect(theirs.meta.analysts).toEqual(mineIsAnn ? [ANN, BO] : [ANN]);
    expect(colleagueName(comparison)).toBe(mineIsAnn ? BO : theirs.meta.title);
  });

  test('the report’s review section writes the same credits', () => {
    const section = reviewReportSection(mine, [comparison], WHEN).comparisons[0]!;
    const stance = section.disagreements.find((d) => d.kind === 'Different stance')!;
    expect({ mine: stance.mineBy, theirs: stance.theirsBy }).toEqual(credits(byKey.get('stance:c3:c3:p1:p1')));
  });
});

test('merging Bo’s changes into Ann’s file credits Bo in the summary and keeps his authorship on the records', () => {
  const comparison = compareCasefiles(anns, bos);
  const accept = ['stance:c3:c3:p1:p1', 'type:c4:c4'];
  const plan = planMerge(anns, bos, comparison, accept, (prefix) => `${prefix}_x`);
  expect(plan.summary.lines.join('\n')).toContain(`1 stance changed (stance changed by ${BO}, `);
  expect(plan.summary.lines.join('\n')).toContain(`(chain changed by ${BO}, `);
  expect(plan.summary.lines.join('\n')).not.toContain(ANN);
  const merged = applyCommand(anns, plan.command!, { name: ANN, now: '2026-12-05T10:00:00.000Z' }).state;
  expect(merged.propositions.p1!.members.find((m) => m.claimId === 'c3')).toMatchObject({ stance: 'mentions', addedBy: ANN, modifiedBy: BO, modifiedAt: BO_CHANGED });
  expect(merged.claims.c4!.chainProvenance).toMatchObject({ createdBy: ANN, modifiedBy: BO, modifiedAt: BO_CHANGED });
  // After the merge the two files agree on what Ann accepted; only her own change remains.
  expect(compareCasefiles(merged, bos).differences.map((d) => d.key)).toEqual(['type:c2:c2']);
});

test('the assessment records who first rated it and who changed the rating', () => {
  const rated = run(annsCasefile(), { name: BO, now: BO_CHANGED },
    { type: 'proposition.assess', propositionId: 'p1', assessment: { rating: 'contested', reliability: 'B', credibility: 2, notes: '' } });
  expect(rated.propositions.p1!.assessment).toMatchObject({ rating: 'contested', createdBy: ANN, createdAt: ANN_MADE, modifiedBy: BO, modifiedAt: BO_CHANGED });
  const diff = compareCasefiles(annsCasefile(), rated).differences.find((d) => d.kind === 'assessment');
  expect(credits(diff).theirs).toBe(`assessment changed by ${BO}, 3 Dec 14:02 · rated by ${ANN}, 1 Dec 09:30`);
});

test('authorship reads as who changed it last and who made it; a change in the moment of making is the making', () => {
  const at = '2026-12-03T14:02:00.000Z';
  const made = { part: 'chain', createdBy: ANN, createdAt: ANN_MADE, changedBy: null, changedAt: null } as const;
  expect(describeAuthorship(made, WHEN)).toBe(`chain set by ${ANN}, 1 Dec 09:30`);
  expect(describeAuthorship({ ...made, changedBy: BO, changedAt: at }, WHEN)).toBe(`chain changed by ${BO}, 3 Dec 14:02 · chain set by ${ANN}, 1 Dec 09:30`);
  expect(describeAuthorship({ ...made, changedBy: ANN, changedAt: ANN_MADE }, WHEN)).toBe(`chain set by ${ANN}, 1 Dec 09:30`);
  expect(describeAuthorship({ ...made, createdAt: '2025-06-30T23:59:00.000Z' }, WHEN)).toBe(`chain set by ${ANN}, 30 Jun 2025 23:59`);
  expect(describeAuthorship({ ...made, createdAt: 'not a time' }, WHEN)).toBe(`chain set by ${ANN}, not a time`);
});
