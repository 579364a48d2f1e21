import {
  CASEFILE_FORMAT,
  CASEFILE_FORMAT_VERSION,
  type Casefile,
  type Claim,
  type SourcingType,
} from './schema';
import { DEFAULT_ASSESSMENT_SCALE, DEFAULT_TAXONOMY } from './taxonomy';

export function emptyCasefile(opts: { id: string; title: string; analyst: string; now: string }): Casefile {
  return {
    format: CASEFILE_FORMAT,
    formatVersion: CASEFILE_FORMAT_VERSION,
    meta: {
      id: opts.id,
      title: opts.title,
      createdAt: opts.now,
      modifiedAt: opts.now,
      analysts: opts.analyst ? [opts.analyst] : [],
    },
    taxonomy: DEFAULT_TAXONOMY.map((t) => ({ ...t })),
    assessmentScale: [...DEFAULT_ASSESSMENT_SCALE],
    articles: {},
    claims: {},
    sources: {},
    propositions: {},
    rootJudgements: {},
    copyFlags: {},
    reviews: {},
    audit: [],
  };
}

/** The root (last) hop's sourcing type of a claim, or null while untagged. */
export function rootTypeId(claim: Claim): string | null {
  return claim.chain.length ? claim.chain[claim.chain.length - 1]!.typeId : null;
}

export function findType(casefile: Casefile, typeId: string | null): SourcingType | undefined {
  return typeId ? casefile.taxonomy.find((t) => t.id === typeId) : undefined;
}

/** Claims of one article, in reading order. */
export function claimsOfArticle(casefile: Casefile, articleId: string): Claim[] {
  return Object.values(casefile.claims)
    .filter((c) => c.articleId === articleId)
    .sort((a, b) => a.position.start - b.position.start || a.position.end - b.position.end);
}
