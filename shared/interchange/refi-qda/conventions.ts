/**
 * How a casefile is laid out in a REFI-QDA project, shared by the export and
 * the import so the two always agree.
 *
 * - Code tree: "Sourcing" (one code per sourcing type) and "Propositions"
 *   (one code per proposition, with the stances as codable sub-codes).
 * - Article metadata: project variables, one value per text source.
 * - Data another tool has no place for (a claim's attribution chain and the
 *   sources it names, an assessment, page-chrome ranges) rides along as a
 *   JSON record in the Description of the note or source it belongs to, after
 *   a fixed prefix; the note's text says the same in words for people.
 */
import { z } from 'zod';
import { Assessment, ExcludedRange, Hop, Provenance, Source, TextQuoteSelector, AnchorStatus, Stance } from '../../model/schema';

export const QDA_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const SOURCING_CODE = 'Sourcing';
export const PROPOSITIONS_CODE = 'Propositions';
export const STANCES: readonly Stance[] = Stance.options;

/** Article fields exported as text variables, in this order. */
export const ARTICLE_VARIABLES = [
  ['title', 'Title'],
  ['outlet', 'Outlet'],
  ['author', 'Author'],
  ['publishedAt', 'Published'],
  ['url', 'URL'],
  ['language', 'Language'],
] as const;
export type ArticleVariableField = (typeof ARTICLE_VARIABLES)[number][0];

export const NOTE_NAMES = { claim: 'Claim notes', chain: 'Attribution chain', article: 'Article notes', assessment: 'Assessment', sources: 'Sources' } as const;

export const RECORD_PREFIX = {
  claim: 'corroborate:claim ', proposition: 'corroborate:proposition ', article: 'corroborate:article ', sources: 'corroborate:sources ',
} as const;

/** The casefile's source registry, once, in a note attached to the project (chains name sources by id). */
export const SourcesRecord = z.object({ sources: z.array(Source).max(1_000_000) });
export type SourcesRecord = z.infer<typeof SourcesRecord>;

/**
 * What a claim's chain note carries beyond its words. The quote and text hash
 * are left out when the selection gives them (an exact claim on the text as
 * exported), and hop fields at their defaults are left out.
 */
export const ClaimRecord = z.object({
  quote: TextQuoteSelector.optional(),
  anchor: AnchorStatus,
  textHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  chain: z.array(Hop).max(50),
  chainProvenance: Provenance.optional(),
});
export type ClaimRecord = z.infer<typeof ClaimRecord>;

export const PropositionRecord = z.object({
  createdBy: z.string().max(20_000),
  createdAt: z.string().max(64),
  assessment: Assessment,
});
export type PropositionRecord = z.infer<typeof PropositionRecord>;

export const ArticleRecord = z.object({
  excluded: z.array(ExcludedRange).max(100_000),
  origin: z.object({ fileName: z.string().max(20_000), format: z.string().max(40) }),
});
export type ArticleRecord = z.infer<typeof ArticleRecord>;

/** The record after `prefix` in a description, or null when there is none or it does not fit the schema. */
export function readRecord<T>(description: string, prefix: string, schema: z.ZodType<T>): T | null {
  if (!description.startsWith(prefix)) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(description.slice(prefix.length)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** `value` when it is an xsd:dateTime, else undefined (the attribute is then left out). */
export function xsdDateTime(value: string | undefined): string | undefined {
  return value && XSD_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}
