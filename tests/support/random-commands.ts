/**
 * Random edits of a small generated casefile for property-based tests of
 * derived data: each step is a command an analyst could send (or an undo of
 * the last one, replayed from its inverse patches), built against the
 * casefile as it is at that step.
 */
import fc from 'fast-check';
import type { Patch } from 'immer';
import { applyCommand, CommandError, replayPatches } from '../../shared/commands/apply';
import type { Command } from '../../shared/commands/commands';
import type { Casefile, Claim } from '../../shared/model/schema';
import { generateCasefile } from './generate';

const KINDS = [
  'claim.setNotes', 'claim.setChain', 'claim.remove', 'claim.add', 'claim.reattach',
  'proposition.addMember', 'proposition.removeMember', 'proposition.setStance', 'proposition.add', 'proposition.remove',
  'review.set', 'review.remove', 'source.update', 'roots.judge', 'undo',
] as const;

export interface Step {
  kind: (typeof KINDS)[number];
  a: number;
  b: number;
  c: number;
  text: string;
}

const TEXTS = ['', 'checked', 'drone factory', 'Reuters said', 'officials'] as const;

export const steps = (maxLength = 12): fc.Arbitrary<Step[]> =>
  fc.array(fc.record({
    kind: fc.constantFrom(...KINDS),
    a: fc.nat(1_000), b: fc.nat(1_000), c: fc.nat(1_000),
    text: fc.constantFrom(...TEXTS),
  }), { maxLength });

/**
 * One random step drawn from `random`, without fast-check (for tests that
 * interleave steps with other random events). A small `spread` makes steps
 * pick the same few records and ids again: more conflicts, records re-created.
 */
export function randomStep(random: () => number, spread = 1_001): Step {
  const nat = () => Math.floor(random() * spread);
  return { kind: KINDS[Math.floor(random() * KINDS.length)]!, a: nat(), b: nat(), c: nat(), text: TEXTS[Math.floor(random() * TEXTS.length)]! };
}

/** A casefile small enough to recompute everything after every step. */
export function smallCasefile(seed: number): Casefile {
  return generateCasefile({ name: 'small', articles: 4, articleChars: 900, claims: 24, sources: 6, propositions: 6 }, seed);
}

const actor = { name: 'Tester', now: '2026-12-06T04:00:00.000Z' };

/** The state after `step` (unchanged when the command is refused), with what was replayed for undo. */
export function applyStep(state: Casefile, step: Step, history: Patch[][]): Casefile {
  if (step.kind === 'undo') {
    const inverse = history.pop();
    return inverse ? replayPatches(state, inverse) : state;
  }
  const command = commandFor(state, step);
  if (!command) return state;
  try {
    const applied = applyCommand(state, command, actor);
    history.push(applied.inversePatches);
    return applied.state;
  } catch (error) {
    if (error instanceof CommandError) return state;
    throw error;
  }
}

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length ? list[n % list.length] : undefined;
}

/** The command a step stands for against `cf`, or null when it has nothing to act on (and for undo). */
export function commandFor(cf: Casefile, { kind, a, b, c, text }: Step): Command | null {
  const claims = Object.values(cf.claims);
  const propositions = Object.values(cf.propositions);
  const sources = Object.keys(cf.sources);
  const claim = pick(claims, a);
  const proposition = pick(propositions, b);
  const stance = pick(['supports', 'contradicts', 'mentions'] as const, c)!;
  switch (kind) {
    case 'claim.setNotes':
      return claim ? { type: kind, claimId: claim.id, notes: text } : null;
    case 'claim.setChain': {
      if (!claim) return null;
      const hops = [pick(sources, b), c % 3 ? pick(sources, c) : null].slice(0, 1 + (a % 2));
      return {
        type: kind, claimId: claim.id,
        chain: hops.map((sourceId, i) => ({
          id: `h_${a}_${i}`, sourceId: sourceId ?? null, typeId: pick(cf.taxonomy, b + i)!.id, cue: text, hedging: '',
          quoteMode: null, sourceCount: null, anonymityReasonGiven: null, reliability: null, credibility: null, note: '',
        })),
      };
    }
    case 'claim.remove':
      return claim ? { type: kind, claimId: claim.id } : null;
    case 'claim.add':
      return claim ? { type: kind, claim: movedCopy(cf, claim, `c_new_${a}_${b}`, c) } : null;
    case 'claim.reattach': {
      if (!claim) return null;
      const moved = movedCopy(cf, claim, claim.id, c);
      return { type: kind, claimId: claim.id, quote: moved.quote, position: moved.position, textHash: moved.textHash };
    }
    case 'proposition.addMember':
      return claim && proposition ? { type: kind, propositionId: proposition.id, claimId: claim.id, stance } : null;
    case 'proposition.removeMember': {
      const member = proposition && pick(proposition.members, a);
      return member ? { type: kind, propositionId: proposition.id, claimId: member.claimId } : null;
    }
    case 'proposition.setStance': {
      const member = proposition && pick(proposition.members, a);
      return member ? { type: kind, propositionId: proposition.id, claimId: member.claimId, stance } : null;
    }
    case 'proposition.add':
      return {
        type: kind,
        proposition: {
          id: `p_new_${a}_${b}`, statement: text || 'A new proposition', members: claim ? [{ claimId: claim.id, stance, addedBy: 'Tester', addedAt: actor.now }] : [],
          assessment: { rating: null, reliability: null, credibility: null, notes: '' },
        },
      };
    case 'proposition.remove':
      return proposition ? { type: kind, propositionId: proposition.id } : null;
    case 'review.set':
      return claim ? {
        type: kind,
        review: { id: `r_${a % 5}`, target: { kind: 'claim', id: claim.id }, status: pick(['approved', 'disputed', 'needs-work'] as const, c)!, comment: text, by: 'Tester', at: `2026-12-06T04:00:0${c % 10}.000Z` },
      } : null;
    case 'review.remove': {
      const review = pick(Object.keys(cf.reviews), a);
      return review ? { type: kind, reviewId: review } : null;
    }
    case 'source.update': {
      const source = pick(sources, a);
      return source ? { type: kind, sourceId: source, patch: { name: text || 'Renamed source' } } : null;
    }
    case 'roots.judge': {
      const [x, y] = [pick(sources, a), pick(sources, b)];
      return x && y && x !== y ? { type: kind, judgementId: `j_${a % 3}`, sourceA: x, sourceB: y, relation: pick(['same', 'distinct', null] as const, c)! } : null;
    }
    case 'undo':
      return null;
  }
}

/** `claim` under `id`, moved `shift` characters along its article (same text hash). */
function movedCopy(cf: Casefile, claim: Claim, id: string, shift: number): Claim {
  const text = cf.articles[claim.articleId]!.text;
  const start = Math.min(text.length - 10, (claim.position.start + shift) % text.length);
  const end = Math.min(text.length, start + 10 + (shift % 40));
  return {
    ...claim, id,
    quote: { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
    position: { type: 'TextPositionSelector', start, end },
  };
}
