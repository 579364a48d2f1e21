/**
 * The attribution detector: for an article's text, every attribution with its
 * cue, source and content spans (PARC conventions), the source resolved where
 * it refers back, its sourcing type, hedging, number of sources and chain.
 * Pure TypeScript, no dependencies: runs in a worker, in the window or on the
 * command line alike. Offsets are JavaScript string indices into `text`.
 */
import { findAttributions } from './detect';
import { resolveAttributions } from './resolve';
import type { Attribution } from './types';

export type { Attribution, ChainHop, SourceKind, SourcingTypeId, Span } from './types';

/** Recorded on proposals so that review and reports can tell which detector made them. */
export const DETECTOR_VERSION = 'attribution-rules-2';

export function detectAttributions(text: string): Attribution[] {
  const { sentences, found } = findAttributions(text);
  return resolveAttributions(text, sentences, found);
}

export {
  acceptProposalsCommand, buildProposals, CONFIDENT, countProposals, isConfident, moveSpanEdge, proposalId, rejectProposalCommand, withSpan,
  type Accepting, type Proposal, type ProposedHop,
} from './proposals';
export { registryKind, registryOf, type Registry } from './registry-match';
