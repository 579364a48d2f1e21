/**
 * A typo-tolerant word search over many small documents (claims, sentences),
 * fast enough per keystroke over tens of thousands of them: an inverted index
 * (word → documents) in two flat arrays, and a query that touches only the
 * words that match it. Every query word must match a document: as a whole
 * word, as a word's start, or with a typo or two; whole words rank first.
 */
import { allowedTypos, prefixDistance, words } from './tokens';

/** Word ids shared by every index of the session, so word lists cached per record stay valid across rebuilds. */
class Vocabulary {
  readonly words: string[] = [];
  private readonly ids = new Map<string, number>();

  idsOf(text: string): Uint32Array {
    const found = new Set<number>();
    for (const w of words(text)) {
      let id = this.ids.get(w);
      if (id === undefined) {
        id = this.words.length;
        this.words.push(w);
        this.ids.set(w, id);
      }
      found.add(id);
    }
    return Uint32Array.from(found);
  }
}

export const vocabulary = new Vocabulary();

export class WordIndex {
  /** The documents of word w are docs[offsets[w] .. offsets[w + 1]). */
  private readonly offsets: Uint32Array;
  private readonly docs: Uint32Array;
  /** Word ids in use, by their first character: every kind of match shares the term's first character. */
  private readonly byFirstChar = new Map<number, number[]>();

  /** `perDoc[i]` holds lists of word ids of document i (a word may repeat across its lists). */
  constructor(readonly size: number, perDoc: (i: number) => readonly ArrayLike<number>[]) {
    // Reading the documents' words first: that may add words to the vocabulary.
    const lists = Array.from({ length: size }, (_, i) => perDoc(i));
    const vocabSize = vocabulary.words.length;
    // seenBy[w] = the last document counted for word w, so a document is listed once per word.
    const seenBy = new Int32Array(vocabSize).fill(-1);
    const counts = new Uint32Array(vocabSize + 1);
    eachWord(lists, seenBy, (w) => counts[w + 1]!++);
    for (let w = 0; w < vocabSize; w++) counts[w + 1]! += counts[w]!;
    this.offsets = counts.slice();
    const fill = counts.slice(0, vocabSize);
    this.docs = new Uint32Array(this.offsets[vocabSize]!);
    seenBy.fill(-1);
    eachWord(lists, seenBy, (w, i) => (this.docs[fill[w]!++] = i));
    for (let w = 0; w < vocabSize; w++) {
      if (this.offsets[w] === this.offsets[w + 1]) continue;
      const c = vocabulary.words[w]!.charCodeAt(0);
      let list = this.byFirstChar.get(c);
      if (!list) this.byFirstChar.set(c, (list = []));
      list.push(w);
    }
  }

  /**
   * Documents matching every word of `query` (and let through by `allowed`,
   * when given), best matches first, in document order within a score.
   */
  search(query: string, allowed: Uint8Array | null = null): number[] {
    const score = this.scores(query, allowed);
    if (!score) return [];
    // Bucket by score (small integers), keeping document order within a score.
    const buckets: number[][] = [];
    for (let i = 0; i < this.size; i++) if (score[i]) (buckets[score[i]!] ??= []).push(i);
    const found: number[] = [];
    for (let s = buckets.length - 1; s > 0; s--) for (const i of buckets[s] ?? []) found.push(i);
    return found;
  }

  /**
   * Per document, its score for `query` when it matches every word of it
   * (and `allowed` lets it through), else 0; null for a query without words.
   */
  scores(query: string, allowed: Uint8Array | null = null): Uint16Array | null {
    const terms = [...new Set(words(query))];
    if (!terms.length) return null;
    const score = new Uint16Array(this.size);
    const hits = new Uint8Array(this.size);
    terms.forEach((term, t) => {
      const best = this.termScores(term);
      for (let i = 0; i < this.size; i++) {
        // A document must match every term: hits[i] counts the terms matched so far.
        if (best[i] && hits[i] === t) {
          hits[i] = t + 1;
          score[i]! += best[i]!;
        }
      }
    });
    for (let i = 0; i < this.size; i++) if (hits[i] !== terms.length || (allowed && !allowed[i])) score[i] = 0;
    return score;
  }

  /** Per document, how well one term matches it: 3 a whole word, 2 a word's start, 1 with typos, 0 not at all. */
  private termScores(term: string): Uint8Array {
    const best = new Uint8Array(this.size);
    const typos = allowedTypos(term.length);
    for (const w of this.byFirstChar.get(term.charCodeAt(0)) ?? []) {
      const word = vocabulary.words[w]!;
      let s = 0;
      if (word === term) s = 3;
      else if (word.startsWith(term)) s = 2;
      else if (typos && prefixDistance(term, word, typos) <= typos) s = 1;
      if (!s) continue;
      for (let k = this.offsets[w]!, to = this.offsets[w + 1]!; k < to; k++) {
        const i = this.docs[k]!;
        if (best[i]! < s) best[i] = s;
      }
    }
    return best;
  }
}

function eachWord(lists: (readonly ArrayLike<number>[])[], seenBy: Int32Array, visit: (word: number, doc: number) => void): void {
  lists.forEach((docLists, i) => {
    for (const list of docLists) {
      for (let k = 0; k < list.length; k++) {
        const w = list[k]!;
        if (seenBy[w] !== i) {
          seenBy[w] = i;
          visit(w, i);
        }
      }
    }
  });
}
