/**
 * Article metadata and page chrome read on import, scored on the fixture set
 * (tests/fixtures/articles/ and the seeds; see `npm run eval:articles`), with
 * the targets.
 */
import { evaluateArticles, rate, targets } from '../eval/articles';
import type { BenchModule } from './harness';

export const articlesBench: BenchModule = async (report) => {
  const area = 'articles';
  const { all, heldOut } = await evaluateArticles();
  for (const [name, value, target, ok] of targets(all)) report({ area, name: `fixture set, ${name}`, scale: 'fixtures', value, unit: 'ratio', target, ok });
  for (const field of ['authors', 'cited'] as const) {
    report({ area, name: `fixture set, ${field} right`, scale: 'fixtures', value: rate(all.fields[field].right, all.files), unit: 'ratio' });
  }
  for (const [name, value] of targets(heldOut)) report({ area, name: `held-out part, ${name}`, scale: 'held-out', value, unit: 'ratio' });
};
