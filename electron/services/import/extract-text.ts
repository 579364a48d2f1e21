/**
 * Plain text and Markdown. Markdown keeps its words and paragraphs but loses
 * its markup (heading marks, emphasis, link targets), and a YAML-style front
 * matter block gives metadata.
 */
import { parseDate } from '../../../shared/articles/dates';
import { decodeText } from '../../../shared/text/decode';
import { ImportFailure, type Extracted, type FileMeta } from './types';

export function decodeOrFail(bytes: Uint8Array): string {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new ImportFailure(decoded.reason);
  return decoded.text;
}

export function extractPlainText(bytes: Uint8Array): Extracted {
  return { text: decodeOrFail(bytes), meta: {} };
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const FRONT_MATTER_KEYS: Record<string, keyof FileMeta> = {
  title: 'title', headline: 'title', author: 'author', authors: 'author', byline: 'author', date: 'publishedAt',
  published: 'publishedAt', publishedat: 'publishedAt', published_at: 'publishedAt', url: 'url', link: 'url', source_url: 'url',
  canonical: 'url', outlet: 'outlet', publisher: 'outlet', site: 'outlet', site_name: 'outlet', source: 'outlet', lang: 'language', language: 'language',
};

export function extractMarkdown(bytes: Uint8Array): Extracted {
  const raw = decodeOrFail(bytes).replace(/^\uFEFF/, '');
  const front = FRONT_MATTER.exec(raw);
  const meta = front ? frontMatter(front[1]!) : {};
  const body = front ? raw.slice(front[0].length) : raw;
  const heading = /^#[ \t]+(.+?)[ \t#]*$/m.exec(body);
  if (heading && !meta.title) meta.title = stripInline(heading[1]!);
  return { text: markdownToText(body), meta };
}

function frontMatter(block: string): FileMeta {
  const meta: FileMeta = {};
  for (const line of block.split(/\r?\n/)) {
    const m = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(line);
    const key = m ? FRONT_MATTER_KEYS[m[1]!.toLowerCase()] : undefined;
    if (!m || !key) continue;
    const value = m[2]!.trim().replace(/^["']|["']$/g, '');
    meta[key] = key === 'publishedAt' ? parseDate(value) : value.slice(0, 2_000);
  }
  return meta;
}

/** Blocks of Markdown become paragraphs; soft-wrapped lines within a block are joined, as Markdown renders them. */
function markdownToText(markdown: string): string {
  const blocks: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) blocks.push(current.join(' '));
    current = [];
  };
  for (const rawLine of markdown.split(/\r?\n/)) {
    const line = rawLine.replace(/^\s{0,3}>[ \t]?/, '');
    const heading = /^\s{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/.exec(line);
    if (!line.trim() || /^\s{0,3}(?:```|~~~)/.test(line) || /^\s{0,3}(?:[-*_][ \t]*){3,}$/.test(line)) {
      flush();
    } else if (heading) {
      flush();
      blocks.push(stripInline(heading[1]!));
    } else if (/^\s*(?:[-*+]|\d+[.)])\s/.test(line)) {
      flush();
      current.push(stripInline(line.trim()));
    } else {
      current.push(stripInline(line.trim()));
      if (/ {2}$/.test(line)) flush();
    }
  }
  flush();
  return blocks.join('\n\n');
}

function stripInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}*])\*(?=\S)(.+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, '$1')
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/<\/?[a-z][^>]*>/gi, '');
}
