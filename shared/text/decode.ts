/**
 * Turns the bytes of a text file into a string without guessing wildly:
 * a byte-order mark wins, then strict UTF-8, then windows-1252 (the usual
 * "Latin-1" of old web pages and Word exports). Files that look binary are
 * refused rather than decoded into garbage.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type Decoded = { ok: true; text: string; encoding: TextEncoding } | { ok: false; reason: string };

/** Share of control characters above which a decoded file is taken to be binary. */
const MAX_CONTROL_SHARE = 0.01;

export function decodeText(bytes: Uint8Array): Decoded {
  const bom = sniffBom(bytes);
  if (bom) return checked(new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length)), bom.encoding);
  if (bytes.includes(0)) return { ok: false, reason: binaryReason() };
  try {
    return checked(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8');
  } catch {
    return checked(fixC1(new TextDecoder('windows-1252').decode(bytes)), 'windows-1252');
  }
}

/**
 * Bytes 0x80–0x9F are where windows-1252 differs from ISO-8859-1 (curly
 * quotes, dashes, the euro sign). Some TextDecoder implementations (Node 20)
 * decode the label as ISO-8859-1 and leave C1 controls there; map them.
 */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function fixC1(text: string): string {
  return text.replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
}

function sniffBom(bytes: Uint8Array): { encoding: TextEncoding; length: number } | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function checked(text: string, encoding: TextEncoding): Decoded {
  if (looksBinary(text)) return { ok: false, reason: binaryReason() };
  return { ok: true, text, encoding };
}

/** Control characters other than tab, line feed, form feed and carriage return are rare in real text. */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  let controls = 0;
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0xfffd) controls++;
  }
  return sample.length > 0 && controls / sample.length > MAX_CONTROL_SHARE;
}

function binaryReason(): string {
  return 'This is not a text file (it contains binary data). Import the original PDF, Word or web page instead.';
}
