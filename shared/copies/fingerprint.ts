/**
 * What copy detection knows about one text: its word 5-shingles (hashed), a
 * MinHash signature of them, and its substantial paragraphs. Everything is
 * computed from lower-cased word tokens, so punctuation, case and spacing
 * differences between two copies of an article do not matter.
 */

/** Words per shingle: long enough that shared stock phrases do not make two articles look alike. */
export const SHINGLE_WORDS = 5;
/** MinHash functions; `index.ts` splits them into LSH bands. */
export const SIGNATURE_SIZE = 128;
/** Paragraphs shorter than this (in words) are headings or furniture, not stock text worth matching. */
export const MIN_PARAGRAPH_WORDS = 12;

export interface Fingerprint {
  /** Sorted, distinct 32-bit hashes of the word shingles. */
  shingles: Uint32Array;
  /** Minimum of each hash function over the shingles. */
  signature: Uint32Array;
  /** Substantial paragraphs, as their normalised word sequence. */
  paragraphs: string[];
}

const SEEDS = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let x = 0x2545f491;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    x = mix32(x + 0x9e3779b9);
    seeds[i] = x;
  }
  return seeds;
})();

/** murmur3's finaliser: a fast 32-bit bijection with good avalanche, used as a family of hash functions via seeds. */
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

function shingleHashes(words: string[]): Uint32Array {
  const hashes = words.map(wordHash);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= hashes.length; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < SHINGLE_WORDS; j++) h = mix32(h ^ hashes[i + j]!);
    out.add(h);
  }
  return Uint32Array.from(out).sort();
}

function minHash(shingles: Uint32Array): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = mix32(s ^ SEEDS[i]!);
      if (v < signature[i]!) signature[i] = v;
    }
  }
  return signature;
}

export function fingerprint(text: string): Fingerprint {
  const shingles = shingleHashes(tokens(text));
  const paragraphs: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = tokens(paragraph);
    if (words.length >= MIN_PARAGRAPH_WORDS) paragraphs.push(words.join(' '));
  }
  return { shingles, signature: minHash(shingles), paragraphs: [...new Set(paragraphs)] };
}

/** Number of shingles two fingerprints share (both arrays sorted). */
export function sharedShingles(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared;
}
