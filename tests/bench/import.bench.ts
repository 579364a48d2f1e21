/**
 * Import speed: the 2,000 articles of the large scale as .txt files through
 * the real pipeline (decode, normalise, hash, metadata, copy detection), then
 * a small batch into the full casefile, where copy detection must not
 * compare every pair: once right after opening it (no fingerprints cached)
 * and once more (cached).
 */
import { forgetFingerprints } from '../../electron/services/import/copies';
import { planImport, type ImportSource } from '../../electron/services/import/index';
import { ArticleSearch } from '../../shared/articles/search';
import { applyCommand } from '../../shared/commands/apply';
import { emptyCasefile } from '../../shared/model/casefile';
import { articleText, SCALES, seededRandom } from '../support/generate';
import type { BenchModule } from './harness';

function texts(count: number, seed: number, chars: number): string[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => `Generated article ${seed}-${i}\n\n${articleText(rand, chars)}`);
}

const asFiles = (list: string[], prefix: string): ImportSource[] => list.map((text, i) => ({ name: `${prefix}-${i}.txt`, data: Buffer.from(text) }));

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await run();
  return [value, performance.now() - t0];
}

export const importBench: BenchModule = async (report) => {
  const scale = SCALES.large;
  const originals = texts(scale.articles, 42, scale.articleChars);
  // Ten planted copies (with a line of page chrome added), so the figure includes finding and flagging them.
  const copies = originals.slice(0, 10).map((t) => `${t}\n\nRead more: related coverage`);
  const empty = emptyCasefile({ id: 'cf_bench_import', title: 'Import bench', analyst: 'Bench', now: new Date(0).toISOString() });

  forgetFingerprints();
  const [plan, ms] = await timed(() => planImport([...asFiles(originals, 'article'), ...asFiles(copies, 'copy')], empty));
  const flags = plan.commands.filter((c) => c.type === 'copyFlag.add').length;
  const total = scale.articles + copies.length;
  report({ area: 'import', name: `import ${total} .txt articles (${flags} of 10 planted copies flagged)`, scale: scale.name, value: ms / 1000, unit: 's', target: '≤ 30 s', ok: ms <= 30_000 && flags === 10 });
  report({ area: 'import', name: 'import, per article', scale: scale.name, value: ms / total, unit: 'ms' });

  const full = applyCommand(empty, { type: 'batch', label: 'bench', commands: plan.commands }, { name: 'Bench', now: new Date(0).toISOString() }).state;
  const more = asFiles(texts(20, 7, scale.articleChars), 'more');
  forgetFingerprints();
  const [, cold] = await timed(() => planImport(more, full));
  report({ area: 'import', name: `import 20 into ${total} articles, just opened`, scale: scale.name, value: cold, unit: 'ms', target: '≤ 3,000 ms', ok: cold <= 3_000 });
  const [, warm] = await timed(() => planImport(asFiles(texts(20, 8, scale.articleChars), 'again'), full));
  report({ area: 'import', name: `import 20 into ${total} articles, fingerprints cached`, scale: scale.name, value: warm, unit: 'ms', target: '≤ 500 ms', ok: warm <= 500 });

  // The articles pane's fuzzy search over the full casefile: the first query builds the word index.
  const articles = Object.values(full.articles);
  const [, first] = await timed(async () => new ArticleSearch(articles).search('satelite imagery'));
  report({ area: 'import', name: `articles pane search, first query (${articles.length} articles)`, scale: scale.name, value: first, unit: 'ms', target: '≤ 1,500 ms', ok: first <= 1_500 });
  const search = new ArticleSearch(articles);
  const [, next] = await timed(async () => search.search('reuters oficials'));
  report({ area: 'import', name: 'articles pane search, next query', scale: scale.name, value: next, unit: 'ms', target: '≤ 150 ms', ok: next <= 150 });
};
