/**
 * PDFs: the text layer read with pdfjs-dist (legacy build, which runs in
 * Node), rebuilt into paragraphs. pdfjs gives positioned text runs; runs on
 * one baseline form a line, lines follow each other at the usual line
 * spacing within a paragraph, and a larger vertical gap starts a new one.
 */
import { ImportFailure, type Extracted } from './types';

interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Line {
  text: string;
  y: number;
  height: number;
  page: number;
}

/** A gap this many times the usual line spacing separates paragraphs. */
const PARAGRAPH_GAP = 1.4;
/** Line spacing of ordinary body text, as a multiple of the font size. */
const NORMAL_LEADING = 1.3;
/** Fewer visible characters than this in the whole file means there is no text layer to speak of. */
const MIN_TEXT_CHARS = 20;

/** Reads the text of a PDF (in the read worker, which is ended when the import is stopped). */
export async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw openFailure(error);
  }
  try {
    const lines: Line[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const runs = content.items.flatMap((item) => ('str' in item ? [toRun(item)] : []));
      lines.push(...toLines(runs, n));
      page.cleanup();
    }
    const text = toParagraphs(lines);
    if (text.replace(/\s/g, '').length < MIN_TEXT_CHARS) {
      throw new ImportFailure(
        `This PDF has no text to import: its ${doc.numPages === 1 ? 'page is an image' : `${doc.numPages} pages are images`} (a scan?). Run it through OCR (text recognition) first, then import the result.`,
      );
    }
    const info = ((await doc.getMetadata().catch(() => null))?.info ?? {}) as Record<string, unknown>;
    return { text, meta: { title: usableTitle(info.Title), author: typeof info.Author === 'string' ? info.Author.trim() : '' } };
  } finally {
    await doc.destroy();
  }
}

function openFailure(error: unknown): ImportFailure {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return new ImportFailure('This PDF is protected by a password. Open it in a PDF reader, save a copy without the password, and import that.');
  }
  if (name === 'InvalidPDFException') return new ImportFailure('This file is not a readable PDF (it may be damaged or incomplete).');
  return new ImportFailure(`This PDF could not be read: ${error instanceof Error ? error.message : String(error)}`);
}

function toRun(item: { str: string; transform: number[]; width: number; height: number }): Run {
  return { str: item.str, x: item.transform[4] ?? 0, y: item.transform[5] ?? 0, width: item.width, height: Math.abs(item.height) || Math.abs(item.transform[3] ?? 0) };
}

/** Runs on (nearly) the same baseline, in reading order, become one line. */
function toLines(runs: Run[], page: number): Line[] {
  const lines: (Line & { end: number })[] = [];
  for (const run of runs) {
    if (!run.str) continue;
    const last = lines.at(-1);
    const sameLine = last && Math.abs(last.y - run.y) <= Math.max(last.height, run.height, 1) * 0.5;
    if (last && sameLine) {
      const gap = run.x - last.end;
      const space = gap > run.height * 0.15 && !last.text.endsWith(' ') && !run.str.startsWith(' ') ? ' ' : '';
      last.text += space + run.str;
      last.end = run.x + run.width;
      last.height = Math.max(last.height, run.height);
    } else {
      lines.push({ text: run.str, y: run.y, height: run.height, page, end: run.x + run.width });
    }
  }
  return lines
    .map(({ text, y, height }) => ({ text: text.replace(/\s+/g, ' ').trim(), y, height, page }))
    .filter((l) => l.text && !/^\d{1,4}$/.test(l.text)); // bare page numbers
}

function toParagraphs(lines: Line[]): string {
  const gaps = lines.slice(1).flatMap((l, i) => (l.page === lines[i]!.page && lines[i]!.y > l.y ? [lines[i]!.y - l.y] : []));
  const spacing = lineSpacing(gaps, median(lines.map((l) => l.height)));
  const paragraphs: string[] = [];
  let current = '';
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (prev && !startsParagraph(prev, line, spacing)) {
      current = joinLines(current, line.text);
    } else {
      if (current) paragraphs.push(current);
      current = line.text;
    }
  });
  if (current) paragraphs.push(current);
  return paragraphs.join('\n\n');
}

function startsParagraph(prev: Line, line: Line, spacing: number): boolean {
  if (line.page !== prev.page) return /[.!?:"”’)]$/.test(prev.text);
  const gap = prev.y - line.y;
  if (gap <= 0) return true; // a new column or a jump up the page
  return gap > spacing * PARAGRAPH_GAP;
}

/** Joins a wrapped line to its paragraph, undoing end-of-line hyphenation ("produc-" + "tion"). */
function joinLines(paragraph: string, next: string): string {
  if (/\p{L}-$/u.test(paragraph) && /^\p{Ll}/u.test(next)) return paragraph.slice(0, -1) + next;
  return `${paragraph} ${next}`;
}

/**
 * The usual distance between wrapped lines: the low end of the gaps seen (short
 * paragraphs make paragraph gaps common), and never more than a normal leading
 * of the font size, so that a text of one-line paragraphs still splits.
 */
function lineSpacing(gaps: number[], fontSize: number): number {
  const sorted = [...gaps].sort((a, b) => a - b);
  const low = sorted[Math.floor(sorted.length * 0.2)] ?? Infinity;
  return Math.min(low, (fontSize || 12) * NORMAL_LEADING);
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** PDF titles are often junk left by the authoring tool ("Microsoft Word - draft3.docx", "untitled"). */
function usableTitle(value: unknown): string {
  if (typeof value !== 'string') return '';
  const title = value.trim();
  if (!title || /^untitled$/i.test(title) || /\.(?:docx?|pdf|indd|odt|rtf|txt)$/i.test(title) || /^Microsoft Word -/i.test(title)) return '';
  return title;
}
