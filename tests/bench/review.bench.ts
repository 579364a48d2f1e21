/**
 * Review at scale: comparing two large casefiles (40,000 claims each) — the
 * generated casefile and a second coder's perturbed copy of it — and planning
 * the merge of every difference.
 */
import { newId } from '../../shared/model/ids';
import type { Casefile, Claim } from '../../shared/model/schema';
import { DEFAULT_TAXONOMY } from '../../shared/model/taxonomy';
import { compareCasefiles, planMerge } from '../../shared/review';
import { SCALES, generateCasefile, seededRandom } from '../support/generate';
import { medianMs, type BenchModule } from './harness';

const TARGET_MS = 600;

/**
 * A second coder's version: of every 100 claims, 5 get another root type,
 * 2 are dropped, 2 have their span shifted, 1 gets notes; 2% new claims;
 * a tenth of the propositions change one member's stance.
 */
export function perturbedCopy(cf: Casefile, seed: number): Casefile {
  const rand = seededRandom(seed);
  const copy: Casefile = structuredClone(cf);
  copy.meta = { ...copy.meta, id: 'cf_bench_second_coder', analysts: ['Second Coder'] };
  const claims = Object.values(copy.claims);
  for (const claim of claims) {
    const r = rand();
    if (r < 0.05) claim.chain[claim.chain.length - 1]!.typeId = DEFAULT_TAXONOMY[Math.floor(rand() * DEFAULT_TAXONOMY.length)]!.id;
    else if (r < 0.07) delete copy.claims[claim.id];
    else if (r < 0.09) shift(claim, copy);
    else if (r < 0.1) claim.notes = 'Checked against the original.';
  }
  for (let i = 0; i < claims.length * 0.02; i++) {
    const base = claims[Math.floor(rand() * claims.length)]!;
    const text = copy.articles[base.articleId]!.text;
    const start = Math.max(0, Math.min(text.length - 120, base.position.end + 50));
    const id = `c_extra_${i}`;
    copy.claims[id] = { ...base, id, position: { ...base.position, start, end: start + 60 }, quote: { ...base.quote, exact: text.slice(start, start + 60) } };
  }
  for (const p of Object.values(copy.propositions)) {
    p.members = p.members.filter((m) => copy.claims[m.claimId]);
    if (rand() < 0.1 && p.members[0]) p.members[0].stance = p.members[0].stance === 'supports' ? 'mentions' : 'supports';
  }
  for (const [id, r] of Object.entries(copy.reviews)) if (r.target.kind === 'claim' && !copy.claims[r.target.id]) delete copy.reviews[id];
  return copy;
}

function shift(claim: Claim, cf: Casefile): void {
  const text = cf.articles[claim.articleId]!.text;
  const start = Math.min(text.length - 1, claim.position.start + 10);
  const end = Math.min(text.length, claim.position.end + 10);
  claim.position = { ...claim.position, start, end };
  claim.quote = { ...claim.quote, exact: text.slice(start, end) };
}

export const reviewBench: BenchModule = async (report) => {
  for (const scale of [SCALES.typical, SCALES.large]) {
    const mine = generateCasefile(scale, 42);
    const theirs = perturbedCopy(mine, 7);
    let differences = 0;
    const ms = await medianMs(() => {
      differences = compareCasefiles(mine, theirs).differences.length;
    }, 3);
    const large = scale === SCALES.large;
    report({
      area: 'review', name: `compare two casefiles (${Object.keys(mine.claims).length} / ${Object.keys(theirs.claims).length} claims)`,
      scale: scale.name, value: ms, unit: 'ms', ...(large ? { target: `≤ ${TARGET_MS} ms`, ok: ms <= TARGET_MS } : {}),
    });
    report({ area: 'review', name: 'differences found', scale: scale.name, value: differences, unit: 'count' });
    const comparison = compareCasefiles(mine, theirs);
    const keys = comparison.differences.map((d) => d.key);
    const planMs = await medianMs(() => planMerge(mine, theirs, comparison, keys, newId), 3);
    report({ area: 'review', name: 'plan merging every difference', scale: scale.name, value: planMs, unit: 'ms' });
  }
};
