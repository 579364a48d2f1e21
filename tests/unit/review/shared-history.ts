/**
 * Two analysts whose files share history, for the review tests: A's casefile
 * of three seed articles, and B's file, which began as a copy of A's, where B
 * changed the stance of c3 in p1 and retyped c4 (anonymous). Built through
 * applyCommand, as the app builds them.
 */
import { applyCommand, type Actor } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import type { Casefile } from '../../../shared/model/schema';
import { CasefileBuilder, P } from './seed-pair';

export const A_MADE = '2026-12-01T09:30:00.000Z';
export const B_CHANGED = '2026-12-03T14:02:00.000Z';

export function run(cf: Casefile, actor: Actor, ...commands: Command[]): Casefile {
  for (const command of commands) cf = applyCommand(cf, command, actor).state;
  return cf;
}

export function casefileOfA(a: string): Casefile {
  const b = new CasefileBuilder('cf-drones', 'Drones for Russia', { name: a, now: A_MADE });
  for (const s of ['000', '002', '004']) b.article(s);
  b.claim('c1', '000', P.allegedly, [['outlet-citing-outlet', 'Bloomberg'], ['anonymous', 'European officials familiar with the matter', 'allegedly']])
    .claim('c2', '000', P.liu, [['named-official', 'Liu Pengyu']])
    .claim('c3', '002', P.irrefutable, [['outlet-citing-outlet', 'The Times'], ['anonymous', 'a western official']])
    .claim('c4', '004', P.notAware, [['official-statement', 'Chinese foreign ministry']]);
  b.proposition('p1', 'China provides lethal aid to Russia', [['c2', 'contradicts'], ['c3', 'supports']], 'single source');
  return b.cf;
}

/** B's file: a copy of A's, then B's two changes. */
export function copyChangedByB(ofA: Casefile, b: string): Casefile {
  return run(structuredClone(ofA), { name: b, now: B_CHANGED },
    { type: 'proposition.setStance', propositionId: 'p1', claimId: 'c3', stance: 'mentions' },
    { type: 'claim.setRootType', claimId: 'c4', typeId: 'anonymous', hopId: 'unused' });
}
