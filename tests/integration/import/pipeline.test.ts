/** The import pipeline on real files: the seed articles, and web pages, PDFs and Word files made by real libraries. */
import { closeSync, mkdtempSync, openSync, ftruncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { planImport, type ImportSource } from '../../../electron/services/import/index';
import { pathSource, uploadedSource } from '../../../electron/services/import/sources';
import type { SingleCommand } from '../../../shared/commands/commands';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Article, Casefile } from '../../../shared/model/schema';
import { applyCommand } from '../../../shared/commands/apply';
import {
  articleHtml, grayPng, HOSTILE_MARKERS, hostileHtml, makeDocx, makeEncryptedPdf, makeImageOnlyPdf, makePdf,
} from '../../fixtures/import/make';
import { seedFiles } from '../../unit/import/seeds';

const blank = () => emptyCasefile({ id: 'cf_test', title: 'Test', analyst: 'Dana', now: '2024-09-10T09:00:00.000Z' });
const file = (name: string, data: string | Uint8Array): ImportSource => ({ name, data: typeof data === 'string' ? Buffer.from(data) : data });
const added = (commands: SingleCommand[]): Article[] =>
  commands.flatMap((c) => (c.type === 'article.add' ? [c.article as Article] : []));

async function importOne(source: ImportSource, casefile: Casefile = blank()) {
  const plan = await planImport([source], casefile);
  return { result: plan.results[0]!, article: added(plan.commands)[0], plan };
}

function withApplied(casefile: Casefile, commands: SingleCommand[]): Casefile {
  return applyCommand(casefile, { type: 'batch', label: 'import', commands }, { name: 'Dana', now: '2024-09-10T09:00:00.000Z' }).state;
}

describe('the seed articles as .txt', () => {
  test('all five import with their metadata, and only 000/001 are flagged, as near-duplicates', async () => {
    const plan = await planImport(seedFiles(), blank());
    expect(plan.results.map((r) => r.outcome)).toEqual(['imported', 'imported', 'imported', 'imported', 'imported']);
    const articles = added(plan.commands);
    expect(articles[0]).toMatchObject({
      title: 'Allies believe China allegedly developing attack drones to aid Russia, Bloomberg reports',
      outlet: 'The Kyiv Independent', author: 'Dmytro Basmat', publishedAt: '2024-07-03', language: 'en',
      origin: { fileName: '000_6b8ec881b83eeac9.txt', format: 'txt' },
    });
    expect(articles[3]).toMatchObject({ title: 'US raises concerns over alleged Russian drone production in China', outlet: 'The Kyiv Independent' });
    const flags = plan.commands.filter((c) => c.type === 'copyFlag.add').map((c) => c.flag);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ articleA: articles[0]!.id, articleB: articles[1]!.id, kind: 'near-duplicate', status: 'open' });
    expect(flags[0]!.similarity).toBeGreaterThan(0.9);
    expect(plan.results[1]!.copies).toEqual([{ articleId: articles[0]!.id, title: articles[0]!.title, kind: 'near-duplicate', similarity: flags[0]!.similarity, passages: flags[0]!.passages }]);
    // 001 is 000 without its page chrome: the passages cover nearly all of 001, and read the same in both.
    const passages = flags[0]!.passages!;
    expect(passages.reduce((sum, p) => sum + p.b.end - p.b.start, 0)).toBeGreaterThan(0.9 * articles[1]!.text.length);
    for (const p of passages) expect(articles[0]!.text.slice(p.a.start, p.a.end)).toBe(articles[1]!.text.slice(p.b.start, p.b.end));
    expect(plan.results[0]!.prefilled).toEqual(['title', 'outlet', 'author', 'publishedAt', 'language']);
  });

  test('the commands apply to a casefile, and a later import of 001 into it is flagged against 000', async () => {
    const [s0, s1] = seedFiles();
    const first = await planImport([s0!], blank());
    const casefile = withApplied(blank(), first.commands);
    const second = await planImport([s1!], casefile);
    const flags = second.commands.filter((c) => c.type === 'copyFlag.add');
    expect(flags).toHaveLength(1);
    expect(withApplied(casefile, second.commands).copyFlags[flags[0]!.type === 'copyFlag.add' ? flags[0]!.flag.id : '']).toBeDefined();
  });

  test('the index kept between imports never flags against an article the casefile no longer holds (or never received)', async () => {
    const [s0, s1] = seedFiles();
    const casefile = withApplied(blank(), (await planImport([s0!], blank())).commands);
    const neverApplied = await planImport([s1!], casefile);
    expect(neverApplied.commands.filter((c) => c.type === 'copyFlag.add')).toHaveLength(1);
    // 001 was planned but not applied: importing it again flags it against 000 only.
    const again = await planImport([s1!], casefile);
    const flags = again.commands.flatMap((c) => (c.type === 'copyFlag.add' ? [c.flag] : []));
    expect(flags.map((f) => f.articleA)).toEqual(Object.keys(casefile.articles));
    // 000 deleted: nothing left to flag 001 against.
    const without = applyCommand(casefile, { type: 'article.remove', articleId: Object.keys(casefile.articles)[0]! }, { name: 'Dana', now: '2024-09-10T09:00:00.000Z' }).state;
    expect((await planImport([s1!], without)).commands.filter((c) => c.type === 'copyFlag.add')).toEqual([]);
  });

  test('text is stored normalised with its SHA-256, and a re-import is recognised even with other line endings', async () => {
    const [s0] = seedFiles();
    const first = await importOne(s0!);
    expect(first.article!.text.startsWith('date 2024-07-03 Skip to content\nAllies believe')).toBe(true);
    expect(first.article!.text).not.toMatch(/\r| \n|\n{3}/);
    expect(first.article!.textHash).toMatch(/^[0-9a-f]{64}$/);
    const casefile = withApplied(blank(), first.plan.commands);
    const windowsCopy = Buffer.from(s0!.data.toString('utf8').replace(/\n/g, '  \r\n'));
    const again = await importOne(file('000 (1).txt', windowsCopy), casefile);
    expect(again.result).toMatchObject({ outcome: 'duplicate', articleId: first.article!.id });
    expect(again.plan.commands).toEqual([]);
  });

  test('the same file twice in one batch is imported once', async () => {
    const [s2] = seedFiles().slice(2);
    const plan = await planImport([s2!, { ...s2!, name: 'copy.txt' }], blank());
    expect(plan.results.map((r) => r.outcome)).toEqual(['imported', 'duplicate']);
  });
});

describe('web pages', () => {
  const paragraphs = [
    'Russia has set up a programme in China to develop and produce long-range attack drones for use in the war in Ukraine, according to documents seen by the agency.',
    'The drones were tested in China earlier this year, two sources from a European intelligence agency said, speaking on condition of anonymity.',
    'China’s foreign ministry said it was not aware of the project and that it applies strict export controls on drones.',
  ];

  test('main content and metadata from Open Graph, article:published_time and the canonical link', async () => {
    const html = articleHtml({
      title: 'Russia builds attack drones in China', siteName: 'Example Wire', author: 'Jane Roe', published: '2024-09-25T06:10:00+02:00',
      canonical: 'https://example.org/world/drones-china', paragraphs,
    });
    const { article, result } = await importOne(file('drones.html', html));
    expect(article).toMatchObject({
      title: 'Russia builds attack drones in China', outlet: 'Example Wire', author: 'Jane Roe', publishedAt: '2024-09-25',
      url: 'https://example.org/world/drones-china', language: 'en', origin: { format: 'html' },
    });
    expect(article!.text.split('\n\n')).toEqual(expect.arrayContaining(paragraphs));
    expect(article!.text).not.toMatch(/Unrelated headline|All rights reserved|Subscribe/);
    expect(result.prefilled).toEqual(['title', 'outlet', 'author', 'publishedAt', 'url', 'language']);
  });

  test('JSON-LD NewsArticle metadata (inside @graph) is read', async () => {
    const html = articleHtml({ title: 'Drone factory in Xinjiang', siteName: 'JSON Times', author: 'Ola Nordmann', published: '2024-09-26', jsonLd: true, paragraphs });
    const { article } = await importOne(file('ld.htm', html));
    expect(article).toMatchObject({ title: 'Drone factory in Xinjiang', outlet: 'JSON Times', author: 'Ola Nordmann', publishedAt: '2024-09-26' });
  });

  test('hostile markup is reduced to its text: no script source, hidden text, CSS or frames', async () => {
    const { article, result } = await importOne(file('hostile.html', hostileHtml()));
    expect(result.outcome).toBe('imported');
    const text = article!.text;
    expect(text).toContain(HOSTILE_MARKERS.literalTag);
    expect(text).toContain('Click this javascript link and an outside link are only words here.');
    expect(text).toContain('A paragraph with a CSS overlay trick, which must read as plain text.');
    for (const marker of [HOSTILE_MARKERS.hiddenText, HOSTILE_MARKERS.cssContent, HOSTILE_MARKERS.scriptText, 'evil.example', 'onerror', 'javascript:', 'svg-script']) {
      expect(text).not.toContain(marker);
    }
    expect(article!.url).toBe('');
  });

  test('malformed HTML still gives its text', async () => {
    const html = '<html><head><title>Broken page</title></head><body><div><p>First paragraph with <b>unclosed bold and <i>nested italics</p><p>Second paragraph</div></span></table><p class="x>Third paragraph after a broken attribute</p><p>Fourth paragraph, the file ends mid-tag <a href="';
    const { article, result } = await importOne(file('broken.html', html));
    expect(result.outcome).toBe('imported');
    expect(article!.text).toContain('First paragraph with unclosed bold and nested italics');
    expect(article!.text).toContain('Second paragraph');
  });

  test('a page saved in windows-1252 with a <meta charset> is decoded correctly', async () => {
    const html = '<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head><body><p>\x93Quoted\x94 caf\xe9 \x96 25 \x80 for a na\xefve test paragraph.</p></body></html>';
    const { article } = await importOne(file('latin.html', Buffer.from(html, 'latin1')));
    expect(article!.text).toBe('“Quoted” café – 25 € for a naïve test paragraph.');
  });

  test('a page with no text is refused with a reason', async () => {
    const { result } = await importOne(file('empty.html', '<html><body><script>1</script><img src="x.png"></body></html>'));
    expect(result).toMatchObject({ outcome: 'failed', message: 'The page has no readable text.' });
  });
});

describe('PDF', () => {
  test('paragraphs are kept: wrapped lines joined, a vertical gap starts a new paragraph, hyphenation undone', async () => {
    const pdf = await makePdf({
      title: 'Drone programme report', author: 'Research Desk',
      paragraphs: [
        ['Russia has set up a weapons programme in China to', 'develop and produce long-range attack drones.'],
        ['The company reported the progress to the defence minis-', 'try this year, according to documents.'],
        ['A third paragraph on one line.'],
      ],
    });
    const { article } = await importOne(file('report.pdf', pdf));
    expect(article!.text).toBe([
      'Russia has set up a weapons programme in China to develop and produce long-range attack drones.',
      'The company reported the progress to the defence ministry this year, according to documents.',
      'A third paragraph on one line.',
    ].join('\n\n'));
    expect(article).toMatchObject({ title: 'Drone programme report', author: 'Research Desk', origin: { format: 'pdf' } });
  });

  test('a paragraph running over a page break stays one paragraph', async () => {
    const filler = Array.from({ length: 46 }, (_, i) => [`Filler paragraph number ${i} ends here.`]);
    const pdf = await makePdf({ paragraphs: [...filler, ['This sentence starts at the foot of the page and', 'carries on at the top of the next one.']] });
    const { article } = await importOne(file('long.pdf', pdf));
    expect(article!.text).toContain('This sentence starts at the foot of the page and carries on at the top of the next one.');
  });

  test('a stop while a PDF is being read ends it at once: the file is reported as stopped, the ones before stay', async () => {
    const filler = Array.from({ length: 120 }, (_, i) => [`Filler paragraph number ${i} ends here.`]);
    const pdf = await makePdf({ paragraphs: filler });
    const controller = new AbortController();
    // The stop arrives once the PDF has started to be read.
    const reading = { name: 'long.pdf', size: pdf.length, read: async () => { controller.abort(); return pdf; } };
    const [s0] = seedFiles();
    const plan = await planImport([s0!, reading], blank(), { signal: controller.signal });
    expect(plan.results.map((r) => r.outcome)).toEqual(['imported', 'stopped']);
    expect(plan.results[1]!.message).toBe('Not imported: the import was stopped while this file was being read.');
    expect(plan.commands.filter((c) => c.type === 'article.add')).toHaveLength(1);
  });

  test('an encrypted PDF is refused: it needs a password', async () => {
    const { result } = await importOne(file('secret.pdf', await makeEncryptedPdf()));
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/protected by a password/);
  });

  test('an image-only (scanned) PDF is refused: it has no text layer', async () => {
    const { result } = await importOne(file('scan.pdf', await makeImageOnlyPdf(2)));
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/no text to import: its 2 pages are images.*OCR/);
  });

  test('a damaged PDF is refused with a reason', async () => {
    const { result } = await importOne(file('cut.pdf', '%PDF-1.7\n1 0 obj\n<< /Type /Catalog'));
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/PDF/);
  });
});

describe('Word', () => {
  test('a .docx gives its Title as title, its byline as author and date, and its paragraphs', async () => {
    const docx = await makeDocx({
      title: 'White House concerned by drone reports',
      byline: 'By Maria Kowalska, 26 September 2024',
      paragraphs: ['A National Security Council spokesperson said there was no sign the Chinese government knew.', 'NATO said the reports were deeply concerning.'],
    });
    const { article } = await importOne(file('nsc.docx', docx));
    expect(article).toMatchObject({ title: 'White House concerned by drone reports', author: 'Maria Kowalska', publishedAt: '2024-09-26', origin: { format: 'docx' } });
    expect(article!.text).toBe([
      'White House concerned by drone reports', 'By Maria Kowalska, 26 September 2024',
      'A National Security Council spokesperson said there was no sign the Chinese government knew.', 'NATO said the reports were deeply concerning.',
    ].join('\n\n'));
  });

  test('a file named .docx that is not one is refused', async () => {
    const { result } = await importOne(file('fake.docx', 'just some text'));
    expect(result).toMatchObject({ outcome: 'failed' });
    expect(result.message).toMatch(/not a Word document/);
  });
});

describe('Markdown', () => {
  test('front matter gives metadata; markup is removed but paragraphs stay', async () => {
    const md = [
      '---', 'title: "Kupol and the Garpiya-3"', 'author: Ian Smith', 'date: 2024-09-25', 'url: https://example.org/kupol', 'outlet: Example Weekly', '---',
      '# Kupol and the Garpiya-3', '', 'The **subsidiary** of [Almaz-Antey](https://example.org/aa) developed a drone', 'called *Garpiya-3*.', '',
      '- first point', '- second point', '', '> A quoted line.',
    ].join('\n');
    const { article } = await importOne(file('kupol.md', md));
    expect(article).toMatchObject({ title: 'Kupol and the Garpiya-3', author: 'Ian Smith', publishedAt: '2024-09-25', url: 'https://example.org/kupol', outlet: 'Example Weekly' });
    expect(article!.text).toBe('Kupol and the Garpiya-3\n\nThe subsidiary of Almaz-Antey developed a drone called Garpiya-3.\n\n- first point\n\n- second point\n\nA quoted line.');
  });
});

describe('bad input', () => {
  test('an empty file and a blank one are refused', async () => {
    const plan = await planImport([file('empty.txt', ''), file('blank.txt', ' \n\n\t \r\n')], blank());
    expect(plan.results.map((r) => [r.outcome, r.message])).toEqual([
      ['failed', 'The file is empty.'],
      ['failed', 'The file has no text in it (only spaces or blank lines).'],
    ]);
  });

  test('binary files renamed .txt are refused, never imported as garbage', async () => {
    const random = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 2654435761) >>> 24);
    const plan = await planImport([file('photo.txt', grayPng(8, 8)), file('noise.txt', random), file('archive.md', Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3]))], blank());
    expect(plan.results.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(plan.results[0]!.message).toMatch(/PNG image, not text/);
    expect(plan.results[1]!.message).toMatch(/not a text file/);
    expect(plan.results[2]!.message).toMatch(/archive \(ZIP\)/);
    expect(plan.commands).toEqual([]);
  });

  test('a PDF renamed .txt is read as the PDF it is', async () => {
    const pdf = await makePdf({ paragraphs: [['Text inside a PDF that was saved as .txt by mistake.']] });
    const { article } = await importOne(file('misnamed.txt', pdf));
    expect(article).toMatchObject({ text: 'Text inside a PDF that was saved as .txt by mistake.', origin: { format: 'pdf' } });
  });

  test('Latin-1 (windows-1252) and UTF-16 text with a BOM are decoded correctly', async () => {
    const text = 'Kyiv’s “drone wall” – €40 million, déjà vu for naïve observers.';
    const latin1 = Buffer.from('Kyiv\x92s \x93drone wall\x94 \x96 \x8040 million, d\xe9j\xe0 vu for na\xefve observers.', 'latin1');
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf16be = Buffer.from(utf16le.subarray(2)).swap16();
    const plan = await planImport([file('latin1.txt', latin1), file('utf16le.txt', utf16le), file('utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]))], blank());
    expect(plan.results[0]!.outcome).toBe('imported');
    expect(added(plan.commands)[0]!.text).toBe(text);
    // The other two decode to the same text, so they are recognised as the same article.
    expect(plan.results.slice(1).map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
  });

  test('a 200 MB file is refused from its size, without being read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-import-'));
    const big = path.join(dir, 'huge.txt');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 200 * 2 ** 20); // sparse: 200 MB on paper, nothing on disk
    closeSync(fd);
    const source = await pathSource(big);
    const read = vi.fn(source.read);
    const plan = await planImport([{ ...source, read }], blank());
    expect(plan.results[0]).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/^The file is 200 MB; the import limit is 50 MB per file\./) });
    expect(read).not.toHaveBeenCalled();
  });

  test('an oversized upload is refused from its base64 length, without being decoded', async () => {
    const source = uploadedSource({ name: 'big.txt', dataBase64: 'QUFB'.repeat(19 * 2 ** 20) }); // 57 MB decoded
    const read = vi.fn(source.read);
    const plan = await planImport([{ ...source, read }], blank());
    expect(plan.results[0]!.message).toMatch(/^The file is 57 MB; the import limit is 50 MB/);
    expect(read).not.toHaveBeenCalled();
  });

  test('unsupported types are refused, and a bad file never stops the rest of the batch', async () => {
    const progress: [number, number, string][] = [];
    const plan = await planImport(
      [file('tool.exe', 'MZ'), file('a.txt', 'A short article about drones, with enough words to import.'), file('empty.txt', '')],
      blank(),
      { onProgress: (done, total, label) => progress.push([done, total, label]) },
    );
    expect(plan.results.map((r) => r.outcome)).toEqual(['failed', 'imported', 'failed']);
    expect(plan.results[0]!.message).toMatch(/not imported/);
    expect(progress).toEqual([[1, 3, 'tool.exe'], [2, 3, 'a.txt'], [3, 3, 'empty.txt']]);
  });
});

describe('pasted text', () => {
  test('what the analyst typed wins over what the text says, and the origin says it was pasted', async () => {
    const [s0] = seedFiles();
    const source = uploadedSource({ name: 'Pasted text', dataBase64: s0!.data.toString('base64'), pasted: true, meta: { outlet: 'Kyiv Independent (typed)', notes: 'From the newsletter' } });
    const { article, result } = await importOne(source);
    expect(article).toMatchObject({ outlet: 'Kyiv Independent (typed)', author: 'Dmytro Basmat', notes: 'From the newsletter', origin: { fileName: 'Pasted text', format: 'paste' } });
    expect(result.prefilled).not.toContain('outlet');
  });
});
