/**
 * Article text is normalised once, on import, so that offsets and hashes are
 * stable: Unix line endings, Unicode NFC, no control characters, runs of spaces
 * and tabs folded, at most one blank line between paragraphs, no trailing spaces.
 */
export function normaliseText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|\u2028|\u2029/g, '\n')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Paragraph ranges of a normalised text: runs of text separated by line breaks. */
export function paragraphRanges(text: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) ranges.push({ start: m.index, end: m.index + m[0].length });
  return ranges;
}
