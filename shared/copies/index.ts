/**
 * Finds the copies of an article, and the articles it shares passages with,
 * among many without comparing all pairs.
 *
 * Every shingle of every indexed article is in an inverted index, so one pass
 * over a new text's shingles counts exactly how many it shares with each
 * other article: every pair at or above the thresholds is found, not only
 * near-duplicates, and the similarity shown is a count, not an estimate.
 * Unrelated articles share almost no 5-word shingles, so the pass touches few
 * articles. Substantial paragraphs are indexed too (a shared stock paragraph
 * is flagged even when it is a small part of both texts).
 */
import { type Fingerprint, fingerprint } from './fingerprint';
import { ShinglePostings } from './shingle-postings';
import { pushTo } from '../lib/collections';

/** Near-duplicate: most shingles shared, or the shorter text almost entirely inside the longer. */
export const NEAR_DUPLICATE_JACCARD = 0.5;
export const NEAR_DUPLICATE_CONTAINMENT = 0.8;
/** Partial overlap: a shared substantial paragraph, or this much of the shorter text shared. */
export const PARTIAL_OVERLAP_CONTAINMENT = 0.2;
/** A paragraph found in more articles than this is site furniture (a footer, a standard disclaimer), not a sign of copying. */
export const MAX_PARAGRAPH_SPREAD = 25;

export type CopyKind = 'near-duplicate' | 'partial-overlap';

export interface CopyMatch {
  articleId: string;
  kind: CopyKind;
  /** Share of the shorter text's shingles that the other text also has (0–1). */
  similarity: number;
  jaccard: number;
  sharedParagraphs: number;
}

export class CopyIndex {
  /** Indexed articles by number (their place in the postings). */
  private readonly ids: string[] = [];
  private readonly fingerprints: Fingerprint[] = [];
  private readonly postings = new ShinglePostings();
  private readonly paragraphs = new Map<string, string[]>();
  private readonly numbers = new Map<string, number>();
  private counts = new Int32Array(0);

  get size(): number {
    return this.ids.length;
  }

  add(articleId: string, fp: Fingerprint): void {
    this.postings.add(this.register(articleId, fp), fp.shingles);
    for (const p of fp.paragraphs) pushTo(this.paragraphs, p, articleId);
  }

  /** matches(fp), then add(articleId, fp), in one pass over the shingle index (what an import does with each new article). */
  matchThenAdd(articleId: string, fp: Fingerprint): CopyMatch[] {
    const number = this.register(articleId, fp);
    const found = this.matchCounts(fp, this.sharedCounts(fp, (counts, touched) => this.postings.countThenAdd(number, fp.shingles, counts, touched)));
    for (const p of fp.paragraphs) pushTo(this.paragraphs, p, articleId);
    return found;
  }

  private register(articleId: string, fp: Fingerprint): number {
    const number = this.ids.length;
    this.ids.push(articleId);
    this.fingerprints.push(fp);
    this.numbers.set(articleId, number);
    return number;
  }

  addText(articleId: string, text: string): Fingerprint {
    const fp = fingerprint(text);
    this.add(articleId, fp);
    return fp;
  }

  /** The indexed articles that `fp` copies or overlaps, most similar first. */
  matches(fp: Fingerprint, exceptId?: string): CopyMatch[] {
    return this.matchCounts(fp, this.sharedCounts(fp), exceptId);
  }

  private matchCounts(fp: Fingerprint, counts: Map<number, number>, exceptId?: string): CopyMatch[] {
    const found: CopyMatch[] = [];
    for (const [number, shared] of counts) {
      if (this.ids[number] === exceptId) continue;
      const match = this.compare(fp, number, shared);
      if (match) found.push(match);
    }
    return found.sort((a, b) => b.similarity - a.similarity);
  }

  /** The articles worth measuring against `fp`: those sharing a shingle or a paragraph with it. */
  candidateIds(fp: Fingerprint): Set<string> {
    return new Set([...this.sharedCounts(fp).keys()].map((n) => this.ids[n]!));
  }

  /** For each indexed article sharing a shingle or a paragraph with `fp`: how many shingles. */
  private sharedCounts(
    fp: Fingerprint,
    count = (counts: Int32Array, touched: number[]) => this.postings.count(fp.shingles, counts, touched),
  ): Map<number, number> {
    if (this.counts.length < this.ids.length) this.counts = new Int32Array(Math.max(this.ids.length, this.counts.length * 2));
    const touched: number[] = [];
    count(this.counts, touched);
    const shared = new Map<number, number>();
    for (const number of touched) {
      shared.set(number, this.counts[number]!);
      this.counts[number] = 0;
    }
    for (const p of fp.paragraphs) {
      const holders = this.paragraphs.get(p) ?? [];
      if (holders.length > MAX_PARAGRAPH_SPREAD) continue;
      for (const id of holders) {
        const number = this.numbers.get(id)!;
        if (!shared.has(number)) shared.set(number, 0);
      }
    }
    return shared;
  }

  private compare(fp: Fingerprint, number: number, shared: number): CopyMatch | null {
    const other = this.fingerprints[number]!;
    const shorter = Math.min(fp.shingles.length, other.shingles.length);
    if (shorter === 0) return null;
    const jaccard = shared / (fp.shingles.length + other.shingles.length - shared);
    const containment = shared / shorter;
    const otherParagraphs = new Set(other.paragraphs);
    const sharedParagraphs = fp.paragraphs.filter(
      (p) => otherParagraphs.has(p) && (this.paragraphs.get(p)?.length ?? 0) <= MAX_PARAGRAPH_SPREAD,
    ).length;
    const base = { articleId: this.ids[number]!, similarity: containment, jaccard, sharedParagraphs };
    if (jaccard >= NEAR_DUPLICATE_JACCARD || containment >= NEAR_DUPLICATE_CONTAINMENT) return { ...base, kind: 'near-duplicate' };
    if (sharedParagraphs > 0 || containment >= PARTIAL_OVERLAP_CONTAINMENT) return { ...base, kind: 'partial-overlap' };
    return null;
  }
}
