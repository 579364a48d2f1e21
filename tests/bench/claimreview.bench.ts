/**
 * ClaimReview export of the large generated casefile: every one of its 8,000
 * propositions rated, then all of them written as one file (target ≤ 2 s).
 */
import { writeClaimReviews } from '../../shared/interchange/claimreview';
import type { Casefile } from '../../shared/model/schema';
import { collectText } from '../../shared/report/sink';
import { SCALES, generateCasefile } from '../support/generate';
import { medianMs, type BenchModule } from './harness';

const TARGET_MS = 2_000;

/** The generator leaves some propositions unrated; a ClaimReview export needs every one rated. */
function allRated(casefile: Casefile): Casefile {
  const scale = casefile.assessmentScale;
  const propositions = Object.fromEntries(Object.values(casefile.propositions).map((p, i) => [
    p.id, { ...p, assessment: { ...p.assessment, rating: p.assessment.rating ?? scale[i % scale.length]!, reviewUrl: `https://deskcheck.example/checks/${p.id}` } },
  ]));
  return { ...casefile, meta: { ...casefile.meta, publisher: { name: 'Desk Check', url: 'https://deskcheck.example/' } }, propositions };
}

export const claimReviewBench: BenchModule = async (report) => {
  const casefile = allRated(generateCasefile(SCALES.large));
  const count = Object.keys(casefile.propositions).length;
  let size = 0;
  const ms = await medianMs(async () => {
    size = (await collectText((sink) => writeClaimReviews(casefile, undefined, sink))).length;
  });
  report({ area: 'claimreview', name: `ClaimReview export, ${count.toLocaleString('en')} propositions (${(size / 2 ** 20).toFixed(1)} MB)`, scale: 'large', value: ms / 1000, unit: 's', target: '≤ 2 s', ok: ms <= TARGET_MS });
};
