/**
 * Issue 18: three analysts, three replicas, random commands, disconnections
 * and delivery orders (tests/support/convergence.ts). Each run has its own
 * seed, printed when it fails; CONVERGENCE_SEED and CONVERGENCE_RUNS replay one.
 */
import { describe, expect, it } from 'vitest';
import { convergenceProblems, simulate } from '../../support/convergence';

const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 200);
const FIRST_SEED = Number(process.env.CONVERGENCE_SEED ?? 1);

describe('three analysts on three replicas of a team casefile', () => {
  it(`converge, and lose no edit and no judgment, over ${RUNS} random runs`, () => {
    let edits = 0;
    for (let seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) {
      const run = simulate(seed);
      const problems = convergenceProblems(run);
      expect(problems.slice(0, 8), `seed ${seed} (CONVERGENCE_SEED=${seed} CONVERGENCE_RUNS=1 to replay)`).toEqual([]);
      edits += run.edits.length;
    }
    expect(edits).toBeGreaterThan(RUNS * 10);
  }, 120_000);
});
