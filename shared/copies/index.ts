/**
 * Finds the copies of an article among many without comparing all pairs.
 *
 * Candidates come from two indexes: MinHash signatures cut into LSH bands
 * (texts that are mostly the same collide in at least one band), and an index
 * of substantial paragraphs (texts that share a stock paragraph). Each
 * candidate is then measured exactly on its shingles, so the similarity shown
 * to the analyst is a count, not an estimate.
 */
import { fingerprint, sharedShingles, SIGNATURE_SIZE, type Fingerprint } from './fingerprint';
import { pushTo } from '../lib/collections';

/** 32 bands of 4 rows: pairs with Jaccard ≥ 0.5 collide with probability ≥ 0.87, ≥ 0.6 with ≥ 0.99. */
const BANDS = 32;
const ROWS = SIGNATURE_SIZE / BANDS;

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
  private readonly fingerprints = new Map<string, Fingerprint>();
  private readonly bands = new Map<string, string[]>();
  private readonly paragraphs = new Map<string, string[]>();

  get size(): number {
    return this.fingerprints.size;
  }

  add(articleId: string, fp: Fingerprint): void {
    this.fingerprints.set(articleId, fp);
    for (const key of bandKeys(fp)) pushTo(this.bands, key, articleId);
    for (const p of fp.paragraphs) pushTo(this.paragraphs, p, articleId);
  }

  addText(articleId: string, text: string): Fingerprint {
    const fp = fingerprint(text);
    this.add(articleId, fp);
    return fp;
  }

  /** The indexed articles that `fp` copies or overlaps, most similar first. */
  matches(fp: Fingerprint, exceptId?: string): CopyMatch[] {
    const found: CopyMatch[] = [];
    for (const id of this.candidateIds(fp)) {
      if (id === exceptId) continue;
      const match = this.compare(fp, id);
      if (match) found.push(match);
    }
    return found.sort((a, b) => b.similarity - a.similarity);
  }

  /** The articles worth measuring against `fp`: those sharing an LSH band or a paragraph with it. */
  candidateIds(fp: Fingerprint): Set<string> {
    const ids = new Set<string>();
    for (const key of bandKeys(fp)) for (const id of this.bands.get(key) ?? []) ids.add(id);
    for (const p of fp.paragraphs) {
      const holders = this.paragraphs.get(p) ?? [];
      if (holders.length <= MAX_PARAGRAPH_SPREAD) for (const id of holders) ids.add(id);
    }
    return ids;
  }

  private compare(fp: Fingerprint, id: string): CopyMatch | null {
    const other = this.fingerprints.get(id)!;
    const shorter = Math.min(fp.shingles.length, other.shingles.length);
    if (shorter === 0) return null;
    const shared = sharedShingles(fp.shingles, other.shingles);
    const jaccard = shared / (fp.shingles.length + other.shingles.length - shared);
    const containment = shared / shorter;
    const otherParagraphs = new Set(other.paragraphs);
    const sharedParagraphs = fp.paragraphs.filter(
      (p) => otherParagraphs.has(p) && (this.paragraphs.get(p)?.length ?? 0) <= MAX_PARAGRAPH_SPREAD,
    ).length;
    const base = { articleId: id, similarity: containment, jaccard, sharedParagraphs };
    if (jaccard >= NEAR_DUPLICATE_JACCARD || containment >= NEAR_DUPLICATE_CONTAINMENT) return { ...base, kind: 'near-duplicate' };
    if (sharedParagraphs > 0 || containment >= PARTIAL_OVERLAP_CONTAINMENT) return { ...base, kind: 'partial-overlap' };
    return null;
  }
}

function bandKeys(fp: Fingerprint): string[] {
  if (fp.shingles.length === 0) return [];
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let key = `${b}`;
    for (let r = 0; r < ROWS; r++) key += `:${fp.signature[b * ROWS + r]!.toString(36)}`;
    keys.push(key);
  }
  return keys;
}
