import { applyPatches } from 'immer';
import { describe, expect, test } from 'vitest';
import { applyCommand } from '../../../shared/commands/apply';
import { Command } from '../../../shared/commands/commands';
import type { Casefile } from '../../../shared/model/schema';
import { checkReferences } from '../../../shared/model/validate';
import { compareCasefiles, formatWhen, planMerge } from '../../../shared/review';
import { DANA, danasCasefile, PLANTED_KEYS, SAM, SAM_TIME, samsCasefile } from './seed-pair';

const dana = { name: DANA, now: '2026-03-05T10:00:00.000Z' };
let counter = 0;
const makeId = (prefix: string) => `${prefix}_new${++counter}`;

const ACCEPTED = [
  'only-theirs:t13',
  'type:m2:t2',
  'assessment:dp1:sp1',
  'review:rv-sam-1',
  'member:m18:t18:dp1:sp1',
  'stance:m10:t10:dp2:sp2',
  'only-mine:m5',
];

function merge(mine: Casefile, theirs: Casefile, keys: string[]) {
  const plan = planMerge(mine, theirs, compareCasefiles(mine, theirs), keys, makeId);
  expect(plan.command).not.toBeNull();
  // The batch crosses the API: it must pass the command schema.
  expect(Command.safeParse(plan.command).success).toBe(true);
  return { plan, applied: applyCommand(mine, plan.command!, dana) };
}

describe('merging accepted differences', () => {
  const mine = danasCasefile();
  const theirs = samsCasefile();
  const { plan, applied } = merge(mine, theirs, ACCEPTED);
  const after = applied.state;

  test('accepted items keep who annotated them and when', () => {
    const imported = after.claims.t13!;
    expect(imported).toMatchObject({ createdBy: SAM, createdAt: SAM_TIME, articleId: 'a002', anchor: 'exact' });
    expect(after.articles.a002!.text.slice(imported.position.start, imported.position.end)).toBe(imported.quote.exact);
    expect(after.claims.m2!.chain.map((h) => h.typeId)).toEqual(['official-statement']);
    expect(after.claims.m2).toMatchObject({ createdBy: DANA, modifiedBy: SAM, modifiedAt: SAM_TIME });
    expect(after.propositions.dp1!.assessment.rating).toBe('corroborated');
    expect(after.propositions.dp1).toMatchObject({ modifiedBy: SAM, modifiedAt: SAM_TIME });
    expect(after.reviews['rv-sam-1']).toEqual({
      id: 'rv-sam-1', target: { kind: 'claim', id: 'm19' }, status: 'needs-work', comment: 'The chain should start at Reuters.', by: SAM, at: SAM_TIME,
    });
  });

  test('an imported claim brings its proposition membership and its source; sources known by name are reused', () => {
    expect(after.propositions.dp2!.members).toContainEqual({ claimId: 't13', stance: 'contradicts', addedBy: SAM, addedAt: SAM_TIME });
    const sourceId = after.claims.t13!.chain[0]!.sourceId!;
    expect(after.sources[sourceId]).toMatchObject({ name: 'Chinese embassy in the UK', createdBy: SAM });
    // Liu Pengyu is in both registries: Dana's entry is used, not a second one.
    expect(after.claims.m2!.chain[0]!.sourceId).toBe(mine.claims.m2!.chain[0]!.sourceId);
    expect(Object.keys(after.sources)).toHaveLength(Object.keys(mine.sources).length + 1);
  });

  test('stance, membership and removal follow their file', () => {
    expect(after.propositions.dp2!.members.find((m) => m.claimId === 'm10')).toMatchObject({ stance: 'mentions', addedBy: SAM });
    expect(after.propositions.dp1!.members.map((m) => m.claimId)).not.toContain('m18');
    expect(after.claims.m5).toBeUndefined();
  });

  test('the summary says what came in', () => {
    expect(plan.summary.applied).toBe(7);
    expect(plan.summary.importedSources).toBe(1);
    // Each line credits the records that came in, by their own authorship (the time in this machine's zone).
    const sam = `${SAM}, ${formatWhen(SAM_TIME)}`;
    expect(plan.summary.lines).toEqual([
      `1 claim added from theirs, with their sourcing (claim marked by ${sam})`,
      '1 claim of mine removed',
      `1 attribution chain replaced by theirs, 1 with another sourcing type (chain set by ${sam})`,
      `1 proposition membership changed (proposition made by ${sam})`,
      `1 stance changed (added by ${sam})`,
      `1 assessment taken from theirs (rated by ${sam})`,
      `1 review comment added (written by ${sam})`,
      '1 source added to the registry',
    ]);
    expect(plan.command!.label).toBe(`Merge 7 changes from ${SAM}`);
  });

  test('the result is a valid casefile, and comparing again shows exactly the differences not accepted', () => {
    expect(checkReferences(after).problems).toEqual([]);
    const again = compareCasefiles(after, theirs);
    expect(again.differences.map((d) => d.key).sort()).toEqual(PLANTED_KEYS.filter((k) => !ACCEPTED.includes(k)));
  });

  test('the merge is one undo step', () => {
    expect(applyPatches(after, applied.inversePatches)).toEqual(mine);
  });

  test('keys that no longer differ, and orphans, are skipped and said so', () => {
    const plan2 = planMerge(after, theirs, compareCasefiles(after, theirs), ['only-theirs:t13', 'orphan:t11'], makeId);
    expect(plan2.command).toBeNull();
    expect(plan2.summary.skipped).toEqual([
      { key: 'only-theirs:t13', reason: 'no longer differs' },
      { key: 'orphan:t11', reason: 'cannot be merged: it has no place in my text' },
    ]);
  });
});

describe('merging into a casefile that already uses their ids', () => {
  test('an imported claim and a proposition created from theirs get new ids when theirs are taken', () => {
    const mine = danasCasefile();
    const theirs = structuredClone(samsCasefile());
    // Sam's t13 is called m1 in his file (an id Dana uses too), and sits in a proposition Dana lacks, whose id she also uses.
    const t13 = theirs.claims.t13!;
    delete theirs.claims.t13;
    theirs.claims.m1 = { ...t13, id: 'm1' };
    theirs.propositions.sp2!.members = theirs.propositions.sp2!.members.filter((m) => m.claimId !== 't13');
    theirs.propositions.dp2 = {
      id: 'dp2', statement: 'China controls drone exports', members: [{ claimId: 'm1', stance: 'supports', addedBy: SAM, addedAt: SAM_TIME }],
      assessment: { rating: null, reliability: null, credibility: null, notes: '' }, createdBy: SAM, createdAt: SAM_TIME,
    };
    const { applied } = merge(mine, theirs, ['only-theirs:m1']);
    const added = Object.values(applied.state.claims).filter((c) => c.createdBy === SAM);
    expect(added).toHaveLength(1);
    expect(added[0]!.id).not.toBe('m1');
    expect(applied.state.claims.m1!.createdBy).toBe(DANA);
    const created = Object.values(applied.state.propositions).find((p) => p.statement === 'China controls drone exports')!;
    expect(created.id).not.toBe('dp2');
    expect(created.members).toEqual([{ claimId: added[0]!.id, stance: 'supports', addedBy: SAM, addedAt: SAM_TIME }]);
    expect(applied.state.propositions.dp2!.statement).toBe('China provides lethal aid to Russia');
  });

  test('a sourcing type only they have is added to my taxonomy', () => {
    const mine = danasCasefile();
    const theirs = structuredClone(samsCasefile());
    theirs.taxonomy.push({ id: 'leaked-chat', label: 'Leaked chat', color: '#123456', description: '', hidden: false });
    theirs.claims.t15!.chain[0]!.typeId = 'leaked-chat';
    const { applied, plan } = merge(mine, theirs, ['type:m15:t15']);
    expect(applied.state.taxonomy.at(-1)).toMatchObject({ id: 'leaked-chat', label: 'Leaked chat' });
    expect(applied.state.claims.m15!.chain[0]!.typeId).toBe('leaked-chat');
    expect(plan.summary.addedTypes).toBe(1);
  });
});

describe('the import commands check what they bring in', () => {
  test('a claim outside its article’s text, or citing a source I lack, is refused and nothing changes', () => {
    const mine = danasCasefile();
    const theirs = samsCasefile();
    const t13 = theirs.claims.t13!;
    const outside = { ...t13, articleId: 'a002', position: { ...t13.position, end: 10_000_000 } };
    expect(() => applyCommand(mine, { type: 'claim.import', claim: outside }, dana)).toThrow('must cover some of its article text');
    expect(() => applyCommand(mine, { type: 'claim.import', claim: { ...t13, articleId: 'a002' } }, dana)).toThrow(/Source .* does not exist/);
    expect(() => applyCommand(mine, { type: 'proposition.import', proposition: theirs.propositions.sp2! }, dana)).toThrow(/Claim t2 does not exist/);
  });
});
