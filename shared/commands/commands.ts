/**
 * Every change to a casefile is one of these commands. They cross the API, so
 * they are zod schemas; `applyCommand` in `apply.ts` is the one place that
 * carries them out. Ids and payloads are chosen by the caller, so applying a
 * command is deterministic.
 */
import { z } from 'zod';
import {
  Article,
  Assessment,
  Claim,
  CopyFlag,
  ExcludedRange,
  OutletEntry,
  READ_FIELD_NAMES,
  Hop,
  Proposition,
  Publisher,
  RecordId,
  RejectedProposal,
  ReviewComment,
  Source,
  SourcingType,
  Stance,
} from '../model/schema';

const id = RecordId;
const text = z.string().max(20_000);

/** Payloads of new annotations: provenance is stamped by `applyCommand` from the actor. */
const NewArticle = Article.omit({ createdBy: true, createdAt: true, modifiedBy: true, modifiedAt: true });
const NewClaim = Claim.omit({ createdBy: true, createdAt: true, modifiedBy: true, modifiedAt: true, chainProvenance: true });
const NewSource = Source.omit({ createdBy: true, createdAt: true, modifiedBy: true, modifiedAt: true });
const NewProposition = Proposition.omit({ createdBy: true, createdAt: true, modifiedBy: true, modifiedAt: true });

const ArticleMetaPatch = Article.pick({
  title: true, outlet: true, author: true, publishedAt: true, url: true, language: true, notes: true,
}).partial();
const SourcePatch = Source.pick({ name: true, kind: true, role: true, affiliation: true, aliases: true, notes: true }).partial();

const c = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

export const CommandSchemas = [
  c('casefile.rename', { title: text }),
  /** The organisation named as author of the casefile's ClaimReviews; null clears it. */
  c('casefile.setPublisher', { publisher: Publisher.nullable() }),
  c('taxonomy.set', { types: z.array(SourcingType).min(1).max(200) }),
  c('assessmentScale.set', { labels: z.array(text).max(50) }),

  c('article.add', { article: NewArticle }),
  c('article.update', { articleId: id, patch: ArticleMetaPatch }),
  c('article.remove', { articleId: id }),
  c('article.setExcluded', { articleId: id, ranges: z.array(ExcludedRange) }),
  /** The analyst confirms a field read on import, or corrects it (value differs): the field is then marked confirmed. */
  c('article.confirmField', { articleId: id, field: z.enum(READ_FIELD_NAMES), value: text }),
  /** Page-chrome proposals accepted (they become excluded ranges) or rejected. */
  c('article.decideChrome', { articleId: id, acceptIds: z.array(id).max(5_000), rejectIds: z.array(id).max(5_000) }),
  /** Adds or replaces, by name, an outlet of the casefile's outlet registry. */
  c('outlet.set', { outlet: OutletEntry }),
  /** New (already normalised) text: re-anchors the article's claims and page chrome (shared/anchoring). */
  c('article.replaceText', { articleId: id, text: Article.shape.text.min(1) }),

  c('copyFlag.add', { flag: CopyFlag }),
  c('copyFlag.decide', { flagId: id, status: z.enum(['open', 'linked', 'dismissed']) }),

  c('claim.add', { claim: NewClaim }),
  c('claim.setChain', { claimId: id, chain: z.array(Hop).max(50) }),
  c('claim.setRootType', { claimId: id, typeId: id, hopId: id }),
  c('claim.setNotes', { claimId: id, notes: z.string().max(200_000) }),
  c('claim.reattach', { claimId: id, quote: Claim.shape.quote, position: Claim.shape.position, textHash: Claim.shape.textHash }),
  c('claim.remove', { claimId: id }),

  c('source.add', { source: NewSource }),
  c('source.update', { sourceId: id, patch: SourcePatch }),
  c('source.merge', { fromId: id, intoId: id }),
  c('source.remove', { sourceId: id }),

  c('proposition.add', { proposition: NewProposition }),
  c('proposition.rename', { propositionId: id, statement: text }),
  c('proposition.assess', { propositionId: id, assessment: Assessment }),
  c('proposition.addMember', { propositionId: id, claimId: id, stance: Stance }),
  c('proposition.setStance', { propositionId: id, claimId: id, stance: Stance }),
  c('proposition.removeMember', { propositionId: id, claimId: id }),
  c('proposition.merge', { fromId: id, intoId: id }),
  c('proposition.split', { propositionId: id, claimIds: z.array(id).min(1), newId: id, statement: text }),
  c('proposition.remove', { propositionId: id }),

  c('roots.judge', { judgementId: id, sourceA: id, sourceB: id, relation: z.enum(['same', 'distinct']).nullable() }),

  /** Remembers a rejected proposal of the attribution assistant, so its text is never proposed again in that article. */
  c('proposal.reject', { rejection: RejectedProposal.omit({ by: true, at: true }) }),

  c('review.set', { review: ReviewComment }),
  c('review.remove', { reviewId: id }),

  /**
   * A colleague's annotation merged in review, keeping its own provenance
   * (who made it and when). Claims and propositions are upserted whole; a
   * source is added. Built by shared/review/merge.ts.
   */
  c('claim.import', { claim: Claim }),
  c('proposition.import', { proposition: Proposition }),
  c('source.import', { source: Source }),
] as const;

const SingleCommand = z.discriminatedUnion('type', CommandSchemas);
type SingleCommand = z.infer<typeof SingleCommand>;

/** Several commands applied, undone and redone as one step (an import, a merge). */
export const BatchCommand = z.object({
  type: z.literal('batch'),
  label: text,
  commands: z.array(SingleCommand).max(500_000),
});

export const Command = z.union([SingleCommand, BatchCommand]);
export type Command = SingleCommand | z.infer<typeof BatchCommand>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
export type { SingleCommand };
