/**
 * The casefile format: one JSON document per investigation.
 *
 * Everything read from disk (our own files, a colleague's, an old version) is
 * validated against these schemas before the app touches it. Types used across
 * the app are inferred from them, so the schema is the one definition of the model.
 */
import { z } from 'zod';
import { ID_PATTERN, ID_RULE, MAX_ID_LENGTH } from './ids';

export const CASEFILE_FORMAT = 'corroborate-casefile';
/** Bump when the on-disk shape changes, and add a migration in `migrations.ts`. */
export const CASEFILE_FORMAT_VERSION = 2;
export const CASEFILE_EXTENSION = '.corroborate';

/** A record id (shared/model/ids.ts); also the key of each record collection. */
export const RecordId = z.string().min(1).max(MAX_ID_LENGTH).regex(ID_PATTERN, ID_RULE);
const id = RecordId;
const isoTime = z.string().max(64);
/** Free text typed by an analyst; bounded so a hostile file cannot hold megabyte labels. */
const shortText = z.string().max(20_000);
const longText = z.string().max(200_000);

/** Who made an annotation and when. */
export const Provenance = z.object({
  createdBy: shortText,
  createdAt: isoTime,
  modifiedBy: shortText.optional(),
  modifiedAt: isoTime.optional(),
});

export const SourcingType = z.object({
  id,
  label: shortText,
  /** CSS hex colour, validated so a file cannot inject style text. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  description: shortText.default(''),
  hidden: z.boolean().default(false),
});

export const TextRange = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
  .refine((r) => r.end >= r.start, 'range end before start');

export const ExcludedRange = z.object({
  id,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  reason: shortText.default(''),
});

/** Where an article's metadata field was read on import, and how sure that reading is (since format 2, optional). */
export const FieldOrigin = z.object({
  /** 'og:title', 'json-ld author', 'headline line 3', 'url domain', or 'analyst' once corrected. */
  origin: shortText,
  confidence: z.number().min(0).max(1),
  /** The analyst confirmed or corrected the value. */
  confirmed: z.boolean().optional(),
});
export const READ_FIELD_NAMES = ['title', 'outlet', 'author', 'publishedAt', 'url'] as const;

/** A line proposed as page chrome on import, waiting for the analyst to accept or reject it. */
export const ChromeProposal = z.object({
  id,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  reason: shortText,
  confidence: z.number().min(0).max(1),
});

export const OutletKind = z.enum(['wire', 'newspaper', 'broadcaster', 'aggregator', 'state media', 'blog']);
/** An outlet the analyst added to or corrected in the shipped registry (shared/articles/outlet-registry.json). */
export const OutletEntry = z.object({
  name: shortText.min(1),
  kind: OutletKind,
  domains: z.array(z.string().max(300)).max(100),
  aliases: z.array(shortText).max(100),
  /** Lines accepted as page chrome on this outlet's pages; proposed again on its next pages. */
  chromeLines: z.array(z.string().max(2_000)).max(500).optional(),
});

export const Article = Provenance.extend({
  id,
  title: shortText,
  outlet: shortText,
  author: shortText,
  /** ISO date (YYYY-MM-DD) or empty when unknown. */
  publishedAt: z.string().max(40),
  url: z.string().max(8_000),
  language: z.string().max(40),
  notes: longText,
  /** Normalised text; changes only through the edit-text command. */
  text: z.string(),
  /** SHA-256 (hex) of `text`. */
  textHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Original file name and format the article was imported from; for a page fetched from a link, where and when, and its snapshot. */
  origin: z.object({
    fileName: shortText,
    format: z.string().max(40),
    /** The link the analyst gave. */
    link: z.string().max(8_000).optional(),
    /** The address the page was read from, after redirects. */
    fetchedUrl: z.string().max(8_000).optional(),
    retrievedAt: isoTime.optional(),
    /** The page as the site sent it, in the snapshots folder beside the casefile (named by its SHA-256). */
    snapshot: z.string().regex(/^[0-9a-f]{64}\.[a-z]{2,4}$/).optional(),
  }),
  /** Ranges of page chrome: kept in the text so offsets stay put, left out of analysis. */
  excluded: z.array(ExcludedRange).default([]),
  /** The printed time of publication, "04:45" or with its zone "04:45-04:00", when the page gives one. */
  publishedTime: z.string().max(20).optional(),
  /** Where each metadata field was read on import and how sure it is. */
  metaOrigins: z.partialRecord(z.enum(READ_FIELD_NAMES), FieldOrigin).optional(),
  /** Outlets the article cites or runs copy from ("Source: Reuters", "© Thomson/Reuters"): its wire or cited sources, never its publisher. */
  citedOutlets: z.array(shortText).max(100).optional(),
  /** Lines proposed as page chrome, not yet accepted or rejected. */
  chromeProposals: z.array(ChromeProposal).max(5_000).optional(),
});

export const TextQuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: longText,
  prefix: z.string().max(1_000),
  suffix: z.string().max(1_000),
});
export const TextPositionSelector = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});

/** How a claim sits on its article's current text. */
export const AnchorStatus = z.enum(['exact', 'moved', 'orphaned']);

export const QuoteMode = z.enum(['quote', 'paraphrase']);
export const Reliability = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
/** The words an article may give instead of a number of sources ("several officials"); a closed set so reports and reviews can compare them. */
export const SOURCE_COUNT_WORDS = ['a few', 'several', 'multiple', 'many', 'unknown'] as const;
/** How many sources a hop stands for: a whole number, or one of the words above (since format 2). */
export const SourceCount = z.union([z.number().int().min(1).max(100_000), z.enum(SOURCE_COUNT_WORDS)]);

/** One step of an attribution chain, from the article outward. */
export const Hop = z.object({
  id,
  /** Source registry entry; null while the analyst has only tagged the type. */
  sourceId: id.nullable(),
  typeId: id,
  cue: shortText.default(''),
  hedging: shortText.default(''),
  quoteMode: QuoteMode.nullable().default(null),
  sourceCount: SourceCount.nullable().default(null),
  anonymityReasonGiven: z.boolean().nullable().default(null),
  reliability: Reliability.nullable().default(null),
  credibility: z.number().int().min(1).max(6).nullable().default(null),
  note: longText.default(''),
});

/** Where a claim came from when it was not marked by hand: an accepted proposal, and the detector version that made it. */
export const ClaimOrigin = z.object({
  kind: z.literal('proposal'),
  detector: z.string().max(200),
});

export const Claim = Provenance.extend({
  id,
  articleId: id,
  quote: TextQuoteSelector,
  position: TextPositionSelector,
  /** Hash of the article text the selectors were last placed on. */
  textHash: z.string().regex(/^[0-9a-f]{64}$/),
  anchor: AnchorStatus.default('exact'),
  /** Hops from the article outward; the last one is the root. May be empty while untagged. */
  chain: z.array(Hop).max(50).default([]),
  /** Who first set the chain and who last changed it (absent in files from before it was recorded). */
  chainProvenance: Provenance.optional(),
  notes: longText.default(''),
  /** Set when the claim began as the attribution assistant's proposal; absent for claims marked by hand. */
  origin: ClaimOrigin.optional(),
});

export const SourceKind = z.enum(['person', 'institution', 'outlet', 'document', 'anonymous-group', 'other']);

export const Source = Provenance.extend({
  id,
  name: shortText,
  kind: SourceKind,
  role: shortText.default(''),
  affiliation: shortText.default(''),
  aliases: z.array(shortText).max(1_000).default([]),
  notes: longText.default(''),
});

export const Stance = z.enum(['supports', 'contradicts', 'mentions']);

export const PropositionMember = z.object({
  claimId: id,
  stance: Stance,
  addedBy: shortText,
  addedAt: isoTime,
  /** Who last changed the stance, and when. */
  modifiedBy: shortText.optional(),
  modifiedAt: isoTime.optional(),
});

export const Assessment = z.object({
  /** One of the casefile's assessment scale labels, or null when not yet rated. */
  rating: shortText.nullable().default(null),
  reliability: Reliability.nullable().default(null),
  credibility: z.number().int().min(1).max(6).nullable().default(null),
  notes: longText.default(''),
  /** Where the published fact-check of this proposition lives (ClaimReview's url); absent until the analyst gives one. */
  reviewUrl: z.string().max(8_000).optional(),
  /** Who first rated and who last changed the assessment (absent until it is first set). */
  createdBy: shortText.optional(),
  createdAt: isoTime.optional(),
  modifiedBy: shortText.optional(),
  modifiedAt: isoTime.optional(),
});

export const Proposition = Provenance.extend({
  id,
  statement: shortText,
  members: z.array(PropositionMember).default([]),
  assessment: Assessment.default({ rating: null, reliability: null, credibility: null, notes: '' }),
});

/** The analyst's ruling that two root sources are (or are not) the same. */
export const RootJudgement = Provenance.extend({
  id,
  sourceA: id,
  sourceB: id,
  relation: z.enum(['same', 'distinct']),
});

const Span = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });

/** A passage two flagged articles share: where it lies in articleA's text and in articleB's, and its length in words. */
export const SharedPassage = z.object({ a: Span, b: Span, words: z.number().int().min(1) });

/** A near-duplicate or passage-sharing pair found on import, and the analyst's decision on it. */
export const CopyFlag = z.object({
  id,
  articleA: id,
  articleB: id,
  similarity: z.number().min(0).max(1),
  kind: z.enum(['near-duplicate', 'partial-overlap']),
  /** The longest shared passages (older casefiles have none). */
  passages: z.array(SharedPassage).max(100).optional(),
  status: z.enum(['open', 'linked', 'dismissed']),
  decidedBy: shortText.optional(),
  decidedAt: isoTime.optional(),
});

export const ReviewStatus = z.enum(['approved', 'disputed', 'needs-work']);

export const ReviewComment = z.object({
  id,
  target: z.object({ kind: z.enum(['claim', 'proposition']), id }),
  status: ReviewStatus,
  comment: longText,
  by: shortText,
  at: isoTime,
});

/**
 * A proposal of the attribution assistant the analyst rejected. Keyed by the
 * proposal id, which is derived from the article id and the proposed text, so
 * the same text in the same article is never proposed again.
 */
export const RejectedProposal = z.object({
  id,
  articleId: id,
  /** The proposed text, for the analyst reading the file. */
  text: longText,
  by: shortText,
  at: isoTime,
});

export const AuditEntry = z.object({
  at: isoTime,
  by: shortText,
  action: z.string().max(200),
  summary: shortText,
});

export const Publisher = z.object({ name: shortText, url: z.string().max(8_000).default('') });

export const CasefileMeta = z.object({
  id,
  title: shortText,
  createdAt: isoTime,
  modifiedAt: isoTime,
  analysts: z.array(shortText).max(10_000),
  /** The organisation that publishes this casefile's fact-checks (ClaimReview's author); set once per casefile. */
  publisher: Publisher.optional(),
});

export const Casefile = z.object({
  format: z.literal(CASEFILE_FORMAT),
  formatVersion: z.literal(CASEFILE_FORMAT_VERSION),
  meta: CasefileMeta,
  taxonomy: z.array(SourcingType).max(200),
  assessmentScale: z.array(shortText).max(50),
  articles: z.record(id, Article),
  claims: z.record(id, Claim),
  sources: z.record(id, Source),
  propositions: z.record(id, Proposition),
  rootJudgements: z.record(id, RootJudgement),
  copyFlags: z.record(id, CopyFlag),
  reviews: z.record(id, ReviewComment),
  /** Proposals rejected in this casefile; absent until the first rejection (and in files from before the attribution assistant). */
  rejectedProposals: z.record(id, RejectedProposal).optional(),
  audit: z.array(AuditEntry),
  /** The analyst's outlet registry entries, laid over the shipped registry (optional). */
  outlets: z.array(OutletEntry).max(5_000).optional(),
});

export type Provenance = z.infer<typeof Provenance>;
export type SourcingType = z.infer<typeof SourcingType>;
export type TextRange = z.infer<typeof TextRange>;
export type ExcludedRange = z.infer<typeof ExcludedRange>;
export type Article = z.infer<typeof Article>;
export type FieldOrigin = z.infer<typeof FieldOrigin>;
export type ChromeProposal = z.infer<typeof ChromeProposal>;
export type ReadFieldName = (typeof READ_FIELD_NAMES)[number];
export type OutletEntry = z.infer<typeof OutletEntry>;
export type OutletKind = z.infer<typeof OutletKind>;
export type TextQuoteSelector = z.infer<typeof TextQuoteSelector>;
export type TextPositionSelector = z.infer<typeof TextPositionSelector>;
export type AnchorStatus = z.infer<typeof AnchorStatus>;
export type SourceCount = z.infer<typeof SourceCount>;
export type Hop = z.infer<typeof Hop>;
export type ClaimOrigin = z.infer<typeof ClaimOrigin>;
export type Claim = z.infer<typeof Claim>;
export type RejectedProposal = z.infer<typeof RejectedProposal>;
export type SourceKind = z.infer<typeof SourceKind>;
export type Source = z.infer<typeof Source>;
export type Stance = z.infer<typeof Stance>;
export type PropositionMember = z.infer<typeof PropositionMember>;
export type Assessment = z.infer<typeof Assessment>;
export type Proposition = z.infer<typeof Proposition>;
export type RootJudgement = z.infer<typeof RootJudgement>;
export type CopyFlag = z.infer<typeof CopyFlag>;
export type SharedPassage = z.infer<typeof SharedPassage>;
export type ReviewStatus = z.infer<typeof ReviewStatus>;
export type ReviewComment = z.infer<typeof ReviewComment>;
export type AuditEntry = z.infer<typeof AuditEntry>;
export type Publisher = z.infer<typeof Publisher>;
export type CasefileMeta = z.infer<typeof CasefileMeta>;
export type Casefile = z.infer<typeof Casefile>;
