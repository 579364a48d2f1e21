/**
 * Attribution detector: the time for one 5,000-character news article (the
 * gold set's texts run together, cut at a line end), the time for every
 * article of the large generated casefile (2,000 articles of 5,000
 * characters, in one thread here; the app runs it in a worker), and the
 * evaluation figures on the gold set (see `npm run eval:attribution`).
 */
import { detectAttributions } from '../../shared/attribution';
import { loadGoldSet } from '../fixtures/attribution/gold';
import { generateCasefile, SCALES } from '../support/generate';
import { evaluateGoldSet } from '../eval/attribution';
import { accuracy, prf } from '../eval/score';
import { medianMs, type BenchModule } from './harness';

export function newsArticle(chars = 5_000): string {
  const all = loadGoldSet().map(({ text }) => text).join('\n');
  const cut = all.lastIndexOf('\n', chars);
  return all.slice(0, cut > 0 ? cut : chars);
}

export const attributionBench: BenchModule = async (report) => {
  const area = 'attribution';
  const article = newsArticle();
  for (let i = 0; i < 20; i++) detectAttributions(article);
  const one = await medianMs(() => detectAttributions(article), 51);
  report({ area, name: `detect one news article (${article.length.toLocaleString('en')} characters, ${detectAttributions(article).length} attributions)`, scale: 'typical', value: one, unit: 'ms', target: '≤ 15 ms', ok: one <= 15 });

  const casefile = generateCasefile(SCALES.large);
  const texts = Object.values(casefile.articles).map((a) => a.text);
  const t0 = performance.now();
  let found = 0;
  for (const text of texts) found += detectAttributions(text).length;
  const whole = (performance.now() - t0) / 1000;
  report({ area, name: `detect all ${texts.length.toLocaleString('en')} articles of the casefile, one thread (${found.toLocaleString('en')} attributions)`, scale: 'large', value: whole, unit: 's', target: '≤ 30 s', ok: whole <= 30 });

  const { all, heldOut } = evaluateGoldSet();
  const floors: [string, number, number][] = [
    ['cue F1 (overlap)', prf(all.cue.overlap).f1, 0.9],
    ['source F1 (overlap)', prf(all.source.overlap).f1, 0.85],
    ['content F1 (overlap)', prf(all.content.overlap).f1, 0.8],
    ['sourcing-type accuracy', accuracy(all.type, all.matched), 0.85],
  ];
  for (const [name, value, floor] of floors) report({ area, name: `gold set, ${name}`, scale: 'gold', value, unit: 'ratio', target: `≥ ${floor}`, ok: value >= floor });
  report({ area, name: 'gold set, chain accuracy', scale: 'gold', value: accuracy(all.chain, all.matched), unit: 'ratio' });
  report({ area, name: 'held-out part, cue F1 (overlap)', scale: 'held-out', value: prf(heldOut.cue.overlap).f1, unit: 'ratio' });
  report({ area, name: 'held-out part, source F1 (overlap)', scale: 'held-out', value: prf(heldOut.source.overlap).f1, unit: 'ratio' });
  report({ area, name: 'held-out part, content F1 (overlap)', scale: 'held-out', value: prf(heldOut.content.overlap).f1, unit: 'ratio' });
  report({ area, name: 'held-out part, sourcing-type accuracy', scale: 'held-out', value: accuracy(heldOut.type, heldOut.matched), unit: 'ratio' });
};
