import fc from 'fast-check';
import { expect, test } from 'vitest';
import { applyCommand, applyCommandOnClaimsCopy, CommandError, copyOfClaims, type Applied } from '../../../shared/commands/apply';
import { changesBetween } from '../../../shared/commands/changes';
import type { Command } from '../../../shared/commands/commands';
import type { Casefile } from '../../../shared/model/schema';
import { expectSameSharing } from '../../support/sharing';
import { commandFor, smallCasefile, steps, type Step } from '../../support/random-commands';

const actor = { name: 'Tester', now: '2026-12-07T04:00:00.000Z' };

/** The step's command, sometimes in a batch with a second claim command, sometimes as a root-type change or an import. */
function variedCommand(state: Casefile, step: Step): Command | null {
  const command = commandFor(state, step);
  if (!command || command.type === 'batch' || !command.type.startsWith('claim.')) return command;
  const claimId = command.type === 'claim.add' ? command.claim.id : 'claimId' in command ? command.claimId : '';
  switch (step.c % 5) {
    case 0:
      return { type: 'batch', label: 'Two claim edits', commands: [command, { type: 'claim.setNotes', claimId, notes: 'batched' }] };
    case 1:
      return { type: 'claim.setRootType', claimId, typeId: state.taxonomy[step.b % state.taxonomy.length]!.id, hopId: `h_root_${step.a}` };
    case 2:
      return command.type === 'claim.add' ? { type: 'claim.import', claim: { ...command.claim, createdBy: 'Colleague', createdAt: actor.now } } : command;
    case 3: {
      // The claim's article rewritten: a new lead, a paragraph cut, so its claims move or are orphaned.
      const claim = command.type === 'claim.add' ? command.claim : state.claims[claimId];
      const article = claim && state.articles[claim.articleId];
      if (!article) return command;
      const text = `Update: corrected.\n\n${article.text.slice(step.a % 200)}`;
      const replace: Command = { type: 'article.replaceText', articleId: article.id, text };
      return step.b % 2 ? replace : { type: 'batch', label: 'Claim, then the text', commands: [command, replace] };
    }
    default:
      return command;
  }
}

function attempt(apply: () => Applied | null): Applied | null | string {
  try {
    return apply();
  } catch (error) {
    if (error instanceof CommandError) return `refused: ${error.message}`;
    throw error;
  }
}

test('a claim command applied onto a copy of the claims gives what applyCommand gives: state, patches, sharing and refusals, over random commands', () => {
  fc.assert(
    fc.property(fc.nat(50), steps(16), (seed, list) => {
      let state = smallCasefile(seed);
      for (const step of list) {
        const command = step.kind === 'undo' ? null : variedCommand(state, step);
        if (!command) continue;
        const before = JSON.stringify(state);
        const claimsBefore = state.claims;
        const spare = copyOfClaims(state.claims);
        const viaImmer = attempt(() => applyCommand(state, command, actor));
        const onCopy = attempt(() => applyCommandOnClaimsCopy(state, command, actor, spare));
        expect(JSON.stringify(state)).toBe(before);
        expect(state.claims).toBe(claimsBefore);
        if (onCopy === null) {
          // Only commands that touch claims they do not name, or no claims, are left to applyCommand.
          const onClaims = (type: string) => type.startsWith('claim.') || type === 'article.replaceText';
          expect(onClaims(command.type) || (command.type === 'batch' && command.commands.every((c) => onClaims(c.type)))).toBe(false);
          expect(spare).toEqual(state.claims);
          if (typeof viaImmer !== 'string') state = viaImmer!.state;
          continue;
        }
        expect(onCopy).toEqual(viaImmer);
        if (typeof viaImmer === 'string' || typeof onCopy === 'string') {
          // A refused command leaves the copy usable.
          expect(spare).toEqual(state.claims);
          continue;
        }
        expectSameSharing(viaImmer!.state, onCopy.state, state);
        expect(changesBetween(state, onCopy.state)).toEqual(changesBetween(state, viaImmer!.state));
        state = onCopy.state;
      }
    }),
    { numRuns: 200 },
  );
});

test('the claims record is copied once beforehand, not per command: the result holds the spare copy itself', () => {
  const state = smallCasefile(4);
  const claim = Object.values(state.claims)[0]!;
  const spare = copyOfClaims(state.claims);
  const applied = applyCommandOnClaimsCopy(state, { type: 'claim.setNotes', claimId: claim.id, notes: 'checked against the ministry' }, actor, spare)!;
  expect(applied.state.claims).toBe(spare);
  expect(applied.state.claims[claim.id]!.notes).toBe('checked against the ministry');
  expect(state.claims[claim.id]!.notes).toBe(claim.notes);
  expect(applied.patches).toEqual(applyCommand(state, { type: 'claim.setNotes', claimId: claim.id, notes: 'checked against the ministry' }, actor).patches);
});

test('a command that writes claims it does not name, or none, is left to applyCommand', () => {
  const state = smallCasefile(5);
  const spare = copyOfClaims(state.claims);
  const articleId = Object.keys(state.articles)[0]!;
  expect(applyCommandOnClaimsCopy(state, { type: 'article.remove', articleId }, actor, spare)).toBeNull();
  expect(applyCommandOnClaimsCopy(state, { type: 'casefile.rename', title: 'Renamed' }, actor, spare)).toBeNull();
  const claimId = Object.keys(state.claims)[0]!;
  expect(applyCommandOnClaimsCopy(state, { type: 'batch', label: 'Mixed', commands: [{ type: 'claim.setNotes', claimId, notes: 'x' }, { type: 'article.remove', articleId }] }, actor, spare)).toBeNull();
  expect(spare).toEqual(state.claims);
});

test('a claim command that changes nothing returns the casefile itself, as applyCommand does', () => {
  const state = smallCasefile(6);
  const claim = Object.values(state.claims)[0]!;
  const same = { name: state.meta.analysts[0] ?? 'Tester', now: state.meta.modifiedAt };
  const stamped = { ...claim, modifiedBy: same.name, modifiedAt: same.now };
  const unchanged = { ...state, claims: { ...state.claims, [claim.id]: stamped }, meta: { ...state.meta, analysts: [same.name, ...state.meta.analysts] } };
  const command: Command = { type: 'claim.setNotes', claimId: claim.id, notes: claim.notes };
  expect(applyCommand(unchanged, command, same).state).toBe(unchanged);
  expect(applyCommandOnClaimsCopy(unchanged, command, same, copyOfClaims(unchanged.claims))!.state).toBe(unchanged);
});
