/**
 * Import speed: the 2,000 articles of the large scale as .txt files through
 * the real pipeline (decode, normalise, hash, metadata, copy detection), then
 * a small batch into the full casefile, where copy detection must not
 * compare every pair: once right after opening it (no fingerprints cached)
 * and once more (cached).
 */
import { forgetFingerprints } from '../../electron/services/import/copies';
import { planImport, type ImportSource } from '../../electron/services/import/index';
import { readFile, type FileToRead } from '../../electron/services/import/read-file';
import { ReadWorkers } from '../../electron/services/import/read-workers';
import { articleHtml } from '../fixtures/import/make';
import { ArticleSearch } from '../../shared/articles/search';
import { applyCommand } from '../../shared/commands/apply';
import { emptyCasefile } from '../../shared/model/casefile';
import { articleText, SCALES, seededRandom } from '../support/generate';
import { median, medianMs, type BenchModule } from './harness';

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

  await workerFigures(report);

  // The articles pane's fuzzy search over the full casefile: the first query builds the word index.
  const articles = Object.values(full.articles);
  const [, first] = await timed(async () => new ArticleSearch(articles).search('satelite imagery'));
  report({ area: 'import', name: `articles pane search, first query (${articles.length} articles)`, scale: scale.name, value: first, unit: 'ms', target: '≤ 1,500 ms', ok: first <= 1_500 });
  const search = new ArticleSearch(articles);
  const [, next] = await timed(async () => search.search('reuters oficials'));
  report({ area: 'import', name: 'articles pane search, next query', scale: scale.name, value: next, unit: 'ms', target: '≤ 150 ms', ok: next <= 150 });
};

/**
 * A normal web page of 5,000 characters read in the read worker (as every
 * import does) next to the same reading on the calling thread (as imports
 * did before the worker): the worker must not make ordinary imports
 * noticeably slower. The worker is started first; starting it is reported apart.
 */

async function workerFigures(report: Parameters<BenchModule>[0]): Promise<void> {
  const rand = seededRandom(11);
  const paragraphs = articleText(rand, 5_000).split('\n\n');
  const page: FileToRead = { name: 'page.html', data: Buffer.from(articleHtml({ title: 'Drones for Russia', siteName: 'Example News', paragraphs })) };
  const workers = new ReadWorkers();
  const [, start] = await timed(() => workers.read(page));
  // Both sides warmed alike (the worker's code starts cold), then measured in alternating rounds so drift on a shared machine hits both.
  for (let i = 0; i < 5; i++) {
    await readFile(page);
    await workers.read(page);
  }
  const inProcessRuns: number[] = [];
  const inWorkerRuns: number[] = [];
  for (let round = 0; round < 5; round++) {
    inProcessRuns.push(await medianMs(() => readFile(page), 5));
    inWorkerRuns.push(await medianMs(() => workers.read(page), 5));
  }
  const inProcess = median(inProcessRuns);
  const inWorker = median(inWorkerRuns);
  await workers.close();
  const ratio = inWorker / inProcess;
  report({ area: 'import', name: 'read a 5,000-character web page, on the calling thread (before the worker)', scale: 'one page', value: inProcess, unit: 'ms' });
  report({ area: 'import', name: 'read a 5,000-character web page in the read worker', scale: 'one page', value: inWorker, unit: 'ms' });
  report({ area: 'import', name: 'read worker / calling thread, 5,000-character web page', scale: 'one page', value: ratio, unit: 'ratio', target: '≤ 1.2', ok: ratio <= 1.2 });
  report({ area: 'import', name: 'first file, including starting the read worker', scale: 'one page', value: start, unit: 'ms' });
}
