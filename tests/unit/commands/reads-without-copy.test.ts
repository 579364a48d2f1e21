/**
 * Handlers that only check a record exists (or read from it) read it without
 * drafting it, so immer does not copy the whole collection (40,000 claims)
 * for a command that changes none of it.
 */
import { expect, test } from 'vitest';
import { applyCommand, CommandError, type Actor } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import type { Casefile } from '../../../shared/model/schema';
import { smallCasefile } from '../../support/random-commands';

const actor: Actor = { name: 'Tester', now: '2026-12-06T04:00:00.000Z' };

/** The casefile with an extra claims key whose getter counts reads: a copy of the record (a spread) reads every key. */
function counted(cf: Casefile): { cf: Casefile; copies: () => number } {
  let reads = 0;
  const claims = { ...cf.claims };
  const any = Object.values(claims)[0]!;
  Object.defineProperty(claims, 'c_watch', { enumerable: true, configurable: true, get: () => { reads++; return { ...any, id: 'c_watch' }; } });
  return { cf: { ...cf, claims }, copies: () => reads };
}

test('adding a claim to a proposition, adding a proposition and reviewing a claim do not copy the claims record', () => {
  const base = smallCasefile(4);
  const [first, second] = Object.values(base.claims);
  const proposition = Object.values(base.propositions)[0]!;
  const commands: Command[] = [
    { type: 'proposition.addMember', propositionId: proposition.id, claimId: proposition.members.some((m) => m.claimId === first!.id) ? second!.id : first!.id, stance: 'supports' },
    {
      type: 'proposition.add',
      proposition: { id: 'p_x', statement: 'x', members: [{ claimId: first!.id, stance: 'supports', addedBy: 'Tester', addedAt: actor.now }], assessment: { rating: null, reliability: null, credibility: null, notes: '' } },
    },
    { type: 'review.set', review: { id: 'r_x', target: { kind: 'claim', id: first!.id }, status: 'approved', comment: '', by: 'Tester', at: actor.now } },
  ];
  for (const command of commands) {
    const { cf, copies } = counted(base);
    const next = applyCommand(cf, command, actor).state;
    expect(copies(), command.type).toBe(0);
    expect(next.claims, command.type).toBe(cf.claims);
  }
  // A command that does change a claim copies the record, as before.
  const { cf, copies } = counted(base);
  applyCommand(cf, { type: 'claim.setNotes', claimId: first!.id, notes: 'checked' }, actor);
  expect(copies()).toBeGreaterThan(0);
});

test('records added earlier in a batch are seen by the checks, and missing ones are still refused', () => {
  const base = smallCasefile(5);
  const template = Object.values(base.claims)[0]!;
  const proposition = Object.values(base.propositions)[0]!;
  const batch: Command = {
    type: 'batch', label: 'add and use',
    commands: [
      { type: 'source.add', source: { id: 's_new', name: 'New source', aliases: [], kind: 'person', outlet: '', notes: '' } as never },
      { type: 'claim.add', claim: { ...template, id: 'c_new', chain: [{ ...blankHopOf(template), sourceId: 's_new' }] } },
      { type: 'proposition.addMember', propositionId: proposition.id, claimId: 'c_new', stance: 'supports' },
      { type: 'review.set', review: { id: 'r_new', target: { kind: 'claim', id: 'c_new' }, status: 'approved', comment: '', by: 'Tester', at: actor.now } },
    ],
  } as Command;
  const next = applyCommand(base, batch, actor).state;
  expect(next.claims.c_new!.chain[0]!.sourceId).toBe('s_new');
  expect(next.propositions[proposition.id]!.members.some((m) => m.claimId === 'c_new')).toBe(true);
  expect(next.reviews.r_new!.target.id).toBe('c_new');

  expect(() => applyCommand(base, { type: 'proposition.addMember', propositionId: proposition.id, claimId: 'c_missing', stance: 'supports' }, actor))
    .toThrow(new CommandError('Claim c_missing does not exist in this casefile'));
  expect(() => applyCommand(base, { type: 'review.set', review: { id: 'r_y', target: { kind: 'proposition', id: 'p_missing' }, status: 'approved', comment: '', by: 'Tester', at: actor.now } }, actor))
    .toThrow(new CommandError('Proposition p_missing does not exist in this casefile'));
  expect(() => applyCommand(base, { type: 'claim.add', claim: { ...template, id: 'c_other', chain: [{ ...blankHopOf(template), sourceId: 's_missing' }] } }, actor))
    .toThrow(new CommandError('Source s_missing does not exist in this casefile'));
  expect(() => applyCommand(base, { type: 'claim.add', claim: { ...template, id: 'c_other2', articleId: 'a_missing' } }, actor))
    .toThrow(new CommandError('Article a_missing does not exist in this casefile'));
});

function blankHopOf(claim: Casefile['claims'][string]) {
  return {
    id: `h_${claim.id}`, sourceId: null, typeId: 'anonymous', cue: '', hedging: '', quoteMode: null, sourceCount: null,
    anonymityReasonGiven: null, reliability: null, credibility: null, note: '',
  };
}
