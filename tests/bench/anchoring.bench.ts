/**
 * Re-anchoring 1,000 claims after an edit of their article (target ≤ 200 ms):
 * the pure re-anchoring, and the whole `article.replaceText` command on the
 * large-scale casefile (40,000 other claims) as the Node side runs it, which
 * is what the analyst waits for.
 */
import { createSelectors, reanchorClaims } from '../../shared/anchoring';
import { applyCommand, applyCommandOnClaimsCopy, copyOfClaims } from '../../shared/commands/apply';
import type { Casefile, Claim } from '../../shared/model/schema';
import { textHash } from '../../shared/text/hash';
import { SCALES, articleText, generateCasefile, seededRandom } from '../support/generate';
import { median, medianMs, type BenchModule } from './harness';

const CLAIMS = 1_000;
const ARTICLE_CHARS = 50_000;
const TARGET_MS = 200;

/** A version of `text` as an analyst's edit leaves it: a new lead paragraph, words changed, a paragraph cut. */
function editText(text: string, rand: () => number): string {
  const paragraphs = text.split('\n\n');
  paragraphs.splice(Math.floor(paragraphs.length / 2), 1);
  let edited = `Editor's note: this version corrects several details.\n\n${paragraphs.join('\n\n')}`;
  for (let i = 0; i < 30; i++) {
    const at = Math.floor(rand() * edited.length);
    const space = edited.indexOf(' ', at);
    if (space > 0) edited = `${edited.slice(0, space)} reportedly${edited.slice(space)}`;
  }
  return edited;
}

function addClaims(cf: Casefile, articleId: string, rand: () => number): void {
  const article = cf.articles[articleId]!;
  for (let i = 0; i < CLAIMS; i++) {
    const start = Math.floor(rand() * (article.text.length - 200));
    const end = start + 40 + Math.floor(rand() * 150);
    const claim: Claim = {
      id: `bench_claim_${i}`, articleId, ...createSelectors(article.text, start, end), textHash: article.textHash,
      anchor: 'exact', chain: [], notes: '', createdBy: 'Bench', createdAt: '2024-01-01T00:00:00.000Z',
    };
    cf.claims[claim.id] = claim;
  }
}

export const anchoringBench: BenchModule = async (report) => {
  const rand = seededRandom(7);
  const cf = generateCasefile(SCALES.large);
  const articleId = 'a_0';
  const text = articleText(rand, ARTICLE_CHARS);
  cf.articles[articleId] = { ...cf.articles[articleId]!, text, textHash: textHash(text) };
  for (const claim of Object.values(cf.claims)) if (claim.articleId === articleId) delete cf.claims[claim.id];
  addClaims(cf, articleId, rand);
  const claims = Object.values(cf.claims).filter((c) => c.articleId === articleId);
  const edited = editText(text, rand);
  const hash = textHash(edited);

  const counts = { exact: 0, moved: 0, orphaned: 0 };
  for (const r of reanchorClaims(claims, edited, hash)) counts[r.next.anchor]++;
  process.stderr.write(`  after the edit: ${counts.exact} exact, ${counts.moved} moved, ${counts.orphaned} orphaned\n`);

  const pure = await medianMs(() => reanchorClaims(claims, edited, hash));
  report({ area: 'anchoring', name: `re-anchor ${CLAIMS} claims (${ARTICLE_CHARS / 1000}k-char article)`, scale: 'large', value: pure, unit: 'ms', target: `≤ ${TARGET_MS} ms`, ok: pure <= TARGET_MS });

  const command = { type: 'article.replaceText', articleId, text: edited } as const;
  const actor = { name: 'Bench', now: '2024-01-02T00:00:00.000Z' };
  // As the Node side runs it: onto the copy of the claims record it made after the last change.
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const spare = copyOfClaims(cf.claims);
    const t0 = performance.now();
    applyCommandOnClaimsCopy(cf, command, actor, spare);
    times.push(performance.now() - t0);
  }
  const whole = median(times);
  report({ area: 'anchoring', name: `article.replaceText with ${CLAIMS} claims (${Object.keys(cf.claims).length} in casefile)`, scale: 'large', value: whole, unit: 'ms', target: `≤ ${TARGET_MS} ms`, ok: whole <= TARGET_MS });
  const alone = await medianMs(() => applyCommand(cf, command, actor));
  report({ area: 'anchoring', name: 'the same with applyCommand, which copies the claims record', scale: 'large', value: alone, unit: 'ms' });
};
