/**
 * The result of comparing my casefile with a colleague's: which articles and
 * claims correspond, every difference between the two, and how far the two
 * analysts agree. Plain data (ids, numbers, strings), so it crosses the API.
 */
import type { AnchorStatus } from '../model/schema';
import type { Authorship } from './authorship';

export interface CompareOptions {
  /**
   * Two claims on the same article match when their spans overlap by at least
   * this share of the shorter span (0–1; the default is half).
   */
  minOverlap: number;
}

export const DEFAULT_MIN_OVERLAP = 0.5;

/** Below this many items, a figure is shown with a warning: it says little. */
export const MIN_ITEMS = 20;

export const DIFFERENCE_KINDS = [
  'claim-only-mine',
  'claim-only-theirs',
  'sourcing-type',
  'chain',
  'proposition-membership',
  'stance',
  'assessment',
  'notes',
  'review',
  'orphan',
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

/** How each kind is named in the UI, and what accepting it does to my casefile. */
export const DIFFERENCE_LABELS: Record<DifferenceKind, { label: string; accept: string }> = {
  'claim-only-mine': { label: 'Claim only in mine', accept: 'Remove it from mine' },
  'claim-only-theirs': { label: 'Claim only in theirs', accept: 'Add it to mine' },
  'sourcing-type': { label: 'Different sourcing type', accept: 'Use their chain' },
  chain: { label: 'Different chain', accept: 'Use their chain' },
  'proposition-membership': { label: 'Different proposition membership', accept: 'Use their membership' },
  stance: { label: 'Different stance', accept: 'Use their stance' },
  assessment: { label: 'Different assessment', accept: 'Use their assessment' },
  notes: { label: 'Different notes', accept: 'Use their notes' },
  review: { label: 'Their review comment', accept: 'Add it to mine' },
  orphan: { label: 'Their claim has no place in my text', accept: '' },
};

export interface Difference {
  /** Stable across comparisons of the same two casefiles: decisions are kept by it. */
  key: string;
  kind: DifferenceKind;
  /** My article it concerns (null for a proposition-level difference or an orphan without a counterpart article). */
  articleId: string | null;
  theirArticleId: string | null;
  /** Where on my article's text, when it concerns a span. */
  span: { start: number; end: number } | null;
  /** The words of the span (mine, or theirs for an only-theirs claim or an orphan). */
  quote: string;
  myClaimId: string | null;
  theirClaimId: string | null;
  myPropositionId: string | null;
  theirPropositionId: string | null;
  /** The proposition's statement, for proposition-level kinds. */
  statement: string;
  /** One line for each side, as plain text. */
  mine: string;
  theirs: string;
  /** What exactly differs, one line each (e.g. "hop 2 source: Bloomberg / Reuters"). */
  details: string[];
  /** Who made and last changed each side's record, from that record's own provenance (null: no record on that side). */
  mineBy: Authorship | null;
  theirsBy: Authorship | null;
  /** False for differences that can only be looked at (orphans). */
  mergeable: boolean;
  /** Their review comment, for kind `review`. */
  theirReviewId: string | null;
}

export type ArticleMatchKind = 'same-text' | 'similar-text';

export interface ArticleMatch {
  myArticleId: string;
  theirArticleId: string;
  kind: ArticleMatchKind;
  /** 1 for the same text; the share of shared word shingles for a similar one. */
  similarity: number;
  title: string;
}

/** Where one of their claims sits on my text. */
export interface Placement {
  theirClaimId: string;
  /** My article; null when their article has no counterpart in mine. */
  articleId: string | null;
  start: number;
  end: number;
  /** exact / moved as in re-anchoring; orphaned when it found no place (or no article). */
  status: AnchorStatus;
}

export interface ClaimPair {
  myClaimId: string;
  theirClaimId: string;
  /** Overlap as a share of the shorter span (0–1). */
  overlap: number;
}

export interface PropositionPair {
  myPropositionId: string;
  theirPropositionId: string;
  by: 'statement' | 'id' | 'members';
}

export interface KappaResult {
  /** Matched claims typed by both analysts. */
  items: number;
  /** Share of items with the same root sourcing type (p_o). */
  observed: number | null;
  /** Agreement expected by chance from each analyst's type frequencies (p_e). */
  expected: number | null;
  /** (p_o − p_e) / (1 − p_e); null when there are no items or p_e = 1. */
  kappa: number | null;
  /** Type ids of the rows and columns. */
  categories: string[];
  /** matrix[i][j]: items I typed categories[i] and they typed categories[j]. */
  matrix: number[][];
  lowItems: boolean;
}

export interface SpanAgreement {
  mine: number;
  theirs: number;
  matched: number;
  /** matched / theirs: of their claims, the share I also marked (my casefile as reference). */
  precision: number | null;
  /** matched / mine: of my claims, the share they also marked. */
  recall: number | null;
  f1: number | null;
  /** Character-level Krippendorff's alpha on "inside a claim or not" (docs/review-agreement.md). */
  alpha: number | null;
  /** Characters of text the alpha rests on (page chrome left out). */
  alphaChars: number;
  lowItems: boolean;
}

export interface LeftOutOfKappa {
  onlyMine: number;
  onlyTheirs: number;
  /** Matched, but at least one of the two has no sourcing type yet. */
  matchedUntyped: number;
  /** Their claims that found no place on my text. */
  orphaned: number;
  /** Claims on articles only one of the two casefiles has. */
  onUnmatchedArticles: number;
}

export interface TypeAgreement {
  typeId: string;
  label: string;
  color: string;
  /** Matched claims I typed this way, they typed this way, and both did. */
  mine: number;
  theirs: number;
  both: number;
  /** 2·both / (mine + theirs): agreement specific to this type. */
  specific: number | null;
  lowItems: boolean;
}

export interface ArticleAgreement {
  articleId: string;
  title: string;
  kappa: KappaResult;
  spans: SpanAgreement;
}

export interface Agreement {
  kappa: KappaResult;
  spans: SpanAgreement;
  leftOut: LeftOutOfKappa;
  perArticle: ArticleAgreement[];
  perType: TypeAgreement[];
  minItems: number;
}

export interface ColleagueInfo {
  title: string;
  /** Everyone their file lists as having changed it. */
  analysts: string[];
  /** Those of `analysts` my casefile does not list: the colleague(s), when their file began as a copy of mine. */
  newAnalysts: string[];
  casefileId: string;
  /** The casefile was a copy of mine (the same casefile id). */
  sameCasefile: boolean;
}

export interface Comparison {
  options: CompareOptions;
  colleague: ColleagueInfo;
  articles: {
    matched: ArticleMatch[];
    /** Their articles with no counterpart in mine, and how many claims they carry. */
    onlyTheirs: { theirArticleId: string; title: string; claims: number }[];
    onlyMine: { articleId: string; title: string; claims: number }[];
  };
  pairs: ClaimPair[];
  propositionPairs: PropositionPair[];
  /** Their claims on my text, for drawing both analysts' spans. */
  placements: Placement[];
  differences: Difference[];
  agreement: Agreement;
  /** Counts by kind, for the filter. */
  counts: Record<DifferenceKind, number>;
}
