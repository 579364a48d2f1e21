import type { Span } from './text';

export type { Span } from './text';

/** Ids of the default sourcing taxonomy (shared/model/taxonomy.ts). */
export type SourcingTypeId =
  | 'named-official'
  | 'official-statement'
  | 'anonymous'
  | 'named-expert'
  | 'outlet-citing-outlet'
  | 'document'
  | 'direct-observation'
  | 'unattributed';

/** What a source names, as far as the words tell. */
export type SourceKind = 'outlet' | 'document' | 'witness' | 'person' | 'institution' | 'anonymous' | 'unknown';

/** One hop of an attribution chain: who passed the claim on, from the article outward. */
export interface ChainHop {
  name: string;
  kind: SourceKind;
  /** Where the name stands in the text (the antecedent, for a resolved pronoun). */
  span: Span | null;
}

export interface Attribution {
  /** The lexical anchor: "said", "told", "according to". */
  cue: Span;
  /** The source noun phrase as written ("he", "the news outlet", "two sources …"). */
  source: Span | null;
  /** The attributed statement. */
  content: Span | null;
  /** The earlier mention "he" or "the spokesperson" stands for, when it could be found. */
  resolvedSource: Span | null;
  /** The sourcing type of the chain's last hop (its root). */
  type: SourcingTypeId;
  /** "allegedly", "reportedly", … as written, or null. */
  hedging: string | null;
  /** The number of sources as written ("two", "several", "at least four"), or null. */
  count: string | null;
  /** From the article outward: [Bloomberg, European officials familiar with the matter]. */
  chain: ChainHop[];
  /** The pattern that found it, for tests and for ranking proposals. */
  pattern: 'subject-verb' | 'content-first' | 'inverted' | 'parenthetical' | 'coordinated' | 'according-to' | 'participle' | 'headline' | 'passive';
}
