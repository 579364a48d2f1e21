/**
 * `npm run eval:articles`: the import's reading of article metadata and page
 * chrome against the fixture set (tests/fixtures/articles/, with the five
 * seeds). Per field: right / wrong / empty; page chrome: lines found, and
 * lines of article text wrongly proposed. Exits non-zero under the targets.
 * `--errors` lists every miss; `--dump` prints each file's lines with the role read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mergeProposals, repeatedChrome, type ChromeCandidate } from '../../shared/articles/chrome';
import { outletKey } from '../../shared/articles/outlet-registry';
import { splitLines } from '../../shared/articles/page-lines';
import { readFile, type ReadFile } from '../../electron/services/import/read-file';

/** From the working directory, as the attribution gold set: the bench runs bundled, away from this file. */
export const ARTICLES_DIR = path.resolve('tests', 'fixtures', 'articles');
const SEEDS_DIR = path.resolve('tests', 'fixtures', 'seeds');

export interface ExpectedArticle {
  title: string;
  outlet: string;
  authors: string[];
  /** ISO date, with the printed time ("2024-07-03T04:45") and zone ("…-04:00") where the page prints them. */
  date: string;
  cited: string[];
  /** Lines of the imported text that are page chrome, as they stand in the text (trimmed); "line#2" is its second occurrence only. */
  chrome: string[];
}

export const FIELDS = ['title', 'outlet', 'authors', 'date', 'cited'] as const;
export type Field = (typeof FIELDS)[number];
export interface FieldCounts { right: number; wrong: number; empty: number }
export interface ArticlesTally {
  files: number;
  fields: Record<Field, FieldCounts>;
  chromeLines: number;
  chromeFound: number;
  textLines: number;
  textProposed: number;
}

export interface ScoredFile {
  name: string;
  read: ReadFile;
  expected: ExpectedArticle;
  got: Record<Field, string>;
  chrome: ChromeCandidate[];
}

/** Where a fixture's bytes are: "seed:000" names a seed, anything else a file of the article set. */
function fixturePath(name: string): string {
  if (!name.startsWith('seed:')) return path.join(ARTICLES_DIR, name);
  const number = name.slice(5);
  const file = readdirSync(SEEDS_DIR).find((f) => f.startsWith(`${number}_`));
  if (!file) throw new Error(`No seed ${number}`);
  return path.join(SEEDS_DIR, file);
}

/**
 * The expected readings: the development set (expected.json, the readers were
 * tuned on it) and the held-out set (held-out/expected.json, written by a
 * second engineer after the readers were finished, and not tuned on).
 */
export function loadExpected(): Record<string, ExpectedArticle> {
  const read = (file: string) => JSON.parse(readFileSync(path.join(ARTICLES_DIR, file), 'utf8')) as Record<string, ExpectedArticle>;
  return { ...read('expected.json'), ...read('held-out/expected.json') };
}

export const isHeldOut = (name: string) => name.startsWith('held-out/');

const norm = (s: string) => outletKey(s);
const setOf = (values: string[]) => values.map(norm).filter(Boolean).sort().join('|');

function fieldValue(field: Field, read: ReadFile): string {
  switch (field) {
    case 'title': return read.meta.title;
    case 'outlet': return read.meta.outlet;
    case 'authors': return setOf(read.meta.author ? read.meta.author.split(/\s*,\s*/) : []);
    case 'date': return read.meta.publishedAt + (read.details.publishedTime ? `T${read.details.publishedTime}` : '');
    case 'cited': return setOf(read.details.cited);
  }
}

function expectedValue(field: Field, e: ExpectedArticle): string {
  if (field === 'authors') return setOf(e.authors);
  if (field === 'cited') return setOf(e.cited);
  return e[field];
}

/** Reads every fixture as the import does, including the batch's proposals of lines repeated across one outlet's articles. */
export async function readFixtures(): Promise<ScoredFile[]> {
  const expected = loadExpected();
  const out: ScoredFile[] = [];
  for (const [name, e] of Object.entries(expected)) {
    const data = readFileSync(fixturePath(name));
    const read = await readFile({ name: name.startsWith('seed:') ? path.basename(fixturePath(name)) : name, data });
    const got = Object.fromEntries(FIELDS.map((f) => [f, fieldValue(f, read)])) as Record<Field, string>;
    out.push({ name, read, expected: e, got, chrome: read.details.chrome });
  }
  const repeated = repeatedChrome(out.map((f) => ({ key: f.name, outlet: f.read.meta.outlet, text: f.read.text })));
  for (const f of out) f.chrome = mergeProposals(f.chrome, repeated.get(f.name) ?? []);
  return out;
}

export function emptyArticlesTally(): ArticlesTally {
  const counts = () => ({ right: 0, wrong: 0, empty: 0 });
  return { files: 0, fields: { title: counts(), outlet: counts(), authors: counts(), date: counts(), cited: counts() }, chromeLines: 0, chromeFound: 0, textLines: 0, textProposed: 0 };
}

/** A field is right when it equals the expected value (both empty counts as right), empty when nothing was read, else wrong. */
export function scoreFile(tally: ArticlesTally, f: ScoredFile): string[] {
  const errors: string[] = [];
  tally.files++;
  for (const field of FIELDS) {
    const want = expectedValue(field, f.expected);
    const got = f.got[field];
    const same = field === 'title' || field === 'outlet' ? norm(got) === norm(want) : got === want;
    const outcome = same ? 'right' : got ? 'wrong' : 'empty';
    tally.fields[field][outcome]++;
    if (outcome !== 'right') errors.push(`  ${field} ${outcome}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
  const chrome = new Set(f.expected.chrome);
  const proposed = new Set(f.chrome.map((p) => p.start));
  const seen = new Map<string, number>();
  const lines = splitLines(f.read.text);
  for (const line of lines) {
    const occurrence = (seen.get(line.text) ?? 0) + 1;
    seen.set(line.text, occurrence);
    const isChrome = chrome.has(line.text) || chrome.has(`${line.text}#${occurrence}`);
    const wasProposed = proposed.has(line.start);
    if (isChrome) {
      tally.chromeLines++;
      if (wasProposed) tally.chromeFound++;
      else errors.push(`  chrome missed: ${JSON.stringify(line.text.slice(0, 90))}`);
    } else {
      tally.textLines++;
      if (wasProposed) {
        tally.textProposed++;
        errors.push(`  text proposed: ${JSON.stringify(line.text.slice(0, 90))}`);
      }
    }
  }
  for (const entry of chrome) {
    const text = entry.replace(/#\d+$/, '');
    if (!lines.some((l) => l.text === text)) errors.push(`  expected chrome line not in the text: ${JSON.stringify(entry)}`);
  }
  return errors;
}

export const rate = (n: number, of: number) => (of ? n / of : 0);

/** The targets, as [name, value, ok]. */
export function targets(t: ArticlesTally): [string, number, string, boolean][] {
  const r = (f: Field, k: keyof FieldCounts) => rate(t.fields[f][k], t.files);
  const found = rate(t.chromeFound, t.chromeLines);
  const wronglyProposed = rate(t.textProposed, t.textLines);
  return [
    ['title right', r('title', 'right'), '≥ 0.90', r('title', 'right') >= 0.9],
    ['title wrong', r('title', 'wrong'), '≤ 0.03', r('title', 'wrong') <= 0.03],
    ['outlet right', r('outlet', 'right'), '≥ 0.90', r('outlet', 'right') >= 0.9],
    ['outlet wrong', r('outlet', 'wrong'), '≤ 0.03', r('outlet', 'wrong') <= 0.03],
    ['date right', r('date', 'right'), '≥ 0.95', r('date', 'right') >= 0.95],
    ['date wrong', r('date', 'wrong'), '= 0', t.fields.date.wrong === 0],
    ['chrome lines found', found, '≥ 0.90', found >= 0.9],
    ['article text proposed as chrome', wronglyProposed, '≤ 0.05', wronglyProposed <= 0.05],
  ];
}

export async function evaluateArticles(errors?: (name: string, lines: string[]) => void): Promise<{ all: ArticlesTally; heldOut: ArticlesTally }> {
  const all = emptyArticlesTally();
  const heldOut = emptyArticlesTally();
  for (const f of await readFixtures()) {
    const lines = scoreFile(all, f);
    if (isHeldOut(f.name)) scoreFile(heldOut, f);
    if (lines.length) errors?.(f.name, lines);
  }
  return { all, heldOut };
}

export function formatArticlesTally(name: string, t: ArticlesTally): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const out = [`${name}: ${t.files} articles`, '  field     right   wrong   empty'];
  for (const field of FIELDS) {
    const c = t.fields[field];
    out.push(`  ${field.padEnd(8)}  ${pct(rate(c.right, t.files)).padStart(7)} ${pct(rate(c.wrong, t.files)).padStart(7)} ${pct(rate(c.empty, t.files)).padStart(7)}   (${c.right} / ${c.wrong} / ${c.empty})`);
  }
  out.push(`  page chrome: ${t.chromeFound} of ${t.chromeLines} lines found (${pct(rate(t.chromeFound, t.chromeLines))}); ${t.textProposed} of ${t.textLines} lines of article text proposed (${pct(rate(t.textProposed, t.textLines))})`);
  for (const [name, value, target, ok] of targets(t)) out.push(`  ${ok ? 'ok  ' : 'MISS'} ${name}: ${pct(value)} (target ${target})`);
  return out.join('\n');
}

async function dump(): Promise<void> {
  for (const f of await readFixtures()) {
    process.stdout.write(`\n=== ${f.name}\n${JSON.stringify({ ...f.got, origins: f.read.details.origins })}\n`);
    const proposed = new Set(f.chrome.map((p) => p.start));
    for (const line of splitLines(f.read.text)) process.stdout.write(`${proposed.has(line.start) ? 'C' : ' '} ${line.text.slice(0, 110)}\n`);
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--dump')) return dump();
  const showErrors = process.argv.includes('--errors');
  const { all, heldOut } = await evaluateArticles(showErrors ? (name, lines) => process.stdout.write(`${name}\n${lines.join('\n')}\n`) : undefined);
  process.stdout.write(`${formatArticlesTally('Whole set (fixtures, held-out texts and seeds)', all)}\n\n${formatArticlesTally('Held-out batch (written after the readers, not tuned on)', heldOut)}\n`);
  if (targets(all).some(([, , , ok]) => !ok)) process.exitCode = 1;
}

if (process.argv[1] && /articles\.[cm]?[jt]s$/.test(process.argv[1])) void main();
