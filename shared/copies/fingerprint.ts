/**
 * What copy detection knows about one text: its word 5-shingles (hashed) and
 * its substantial paragraphs. Everything is
 * computed from lower-cased word tokens, so punctuation, case and spacing
 * differences between two copies of an article do not matter.
 */

/** Words per shingle: long enough that shared stock phrases do not make two articles look alike. */
export const SHINGLE_WORDS = 5;
/** Paragraphs shorter than this (in words) are headings or furniture, not stock text worth matching. */
export const MIN_PARAGRAPH_WORDS = 12;

export interface Fingerprint {
  /** Sorted, distinct 32-bit hashes of the word shingles. */
  shingles: Uint32Array;
  /** Substantial paragraphs, as their normalised word sequence. */
  paragraphs: string[];
}

/** murmur3's finaliser: a fast 32-bit bijection with good avalanche. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The hash of the shingle starting at each word (the last SHINGLE_WORDS - 1 words start none). */
export function shinglesByPosition(words: string[]): Uint32Array {
  const hashes = words.map(wordHash);
  const out = new Uint32Array(Math.max(0, hashes.length - SHINGLE_WORDS + 1));
  for (let i = 0; i < out.length; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < SHINGLE_WORDS; j++) h = mix32(h ^ hashes[i + j]!);
    out[i] = h;
  }
  return out;
}

function shingleHashes(words: string[]): Uint32Array {
  return Uint32Array.from(new Set(shinglesByPosition(words))).sort();
}

export function fingerprint(text: string): Fingerprint {
  const shingles = shingleHashes(tokens(text));
  const paragraphs: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = tokens(paragraph);
    if (words.length >= MIN_PARAGRAPH_WORDS) paragraphs.push(words.join(' '));
  }
  return { shingles, paragraphs: [...new Set(paragraphs)] };
}
