import { migrateCasefile } from './migrations';
import { Casefile } from './schema';

export interface ValidationProblem {
  path: string;
  message: string;
}

export class CasefileInvalidError extends Error {
  constructor(readonly problems: ValidationProblem[]) {
    super(`The casefile does not have the expected shape: ${problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'CasefileInvalidError';
  }
}

export interface ParseOptions {
  /**
   * A faster validator that checks the migrated document in place, filling
   * defaults and dropping unknown keys as the zod schema does. When it says
   * no (or is absent), zod parses the document and names the problems.
   */
  fastValidate?: (doc: unknown) => boolean;
}

/**
 * Turns parsed JSON of unknown origin into a valid current-format casefile,
 * migrating older formats and checking every field and every cross-reference.
 */
export function parseCasefileDocument(doc: unknown, options: ParseOptions = {}): { casefile: Casefile; migratedFrom: number | null } {
  const migrated = migrateCasefile(doc);
  rejectPrototypeKeys(migrated.doc);
  let casefile: Casefile;
  if (options.fastValidate?.(migrated.doc)) {
    casefile = migrated.doc as unknown as Casefile;
  } else {
    const result = Casefile.safeParse(migrated.doc);
    if (!result.success) {
      throw new CasefileInvalidError(
        result.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
      );
    }
    casefile = result.data;
  }
  const problems = checkReferences(casefile);
  if (problems.length) throw new CasefileInvalidError(problems);
  return { casefile, migratedFrom: migrated.migratedFrom };
}

const RECORDS = ['articles', 'claims', 'sources', 'propositions', 'rootJudgements', 'copyFlags', 'reviews'] as const;

/** JSON.parse keeps a "__proto__" key as data, but copying it into a new object would set a prototype instead. */
function rejectPrototypeKeys(doc: Record<string, unknown>): void {
  for (const name of RECORDS) {
    const record = doc[name];
    if (typeof record === 'object' && record !== null && Object.hasOwn(record, '__proto__')) {
      throw new CasefileInvalidError([{ path: `${name}.__proto__`, message: '"__proto__" cannot be an id' }]);
    }
  }
}

const MAX_PROBLEMS = 50;

/** References the schema alone cannot check: ids must point at things that exist. */
export function checkReferences(cf: Casefile): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const report = (path: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ path, message });
  };
  const types = new Set(cf.taxonomy.map((t) => t.id));
  const keyed = { articles: cf.articles, claims: cf.claims, sources: cf.sources, propositions: cf.propositions };
  for (const [name, record] of Object.entries(keyed)) {
    for (const key in record) {
      if (record[key]!.id !== key) report(`${name}.${key}`, 'id does not match its key');
    }
  }
  for (const key in cf.claims) {
    const claim = cf.claims[key]!;
    const article = Object.hasOwn(cf.articles, claim.articleId) ? cf.articles[claim.articleId] : undefined;
    if (!article) report(`claims.${key}.articleId`, 'unknown article');
    else if (claim.position.end > article.text.length || claim.position.end < claim.position.start) {
      report(`claims.${key}.position`, 'outside the article text');
    }
    for (const hop of claim.chain) {
      if (!types.has(hop.typeId)) report(`claims.${key}.chain`, `unknown sourcing type ${hop.typeId}`);
      if (hop.sourceId !== null && !Object.hasOwn(cf.sources, hop.sourceId)) report(`claims.${key}.chain`, 'unknown source');
    }
  }
  for (const key in cf.propositions) {
    for (const m of cf.propositions[key]!.members) {
      if (!Object.hasOwn(cf.claims, m.claimId)) report(`propositions.${key}.members`, 'unknown claim');
    }
  }
  for (const key in cf.copyFlags) {
    const f = cf.copyFlags[key]!;
    if (!Object.hasOwn(cf.articles, f.articleA) || !Object.hasOwn(cf.articles, f.articleB)) report(`copyFlags.${key}`, 'unknown article');
  }
  for (const key in cf.rootJudgements) {
    const j = cf.rootJudgements[key]!;
    if (!Object.hasOwn(cf.sources, j.sourceA) || !Object.hasOwn(cf.sources, j.sourceB)) report(`rootJudgements.${key}`, 'unknown source');
  }
  for (const key in cf.reviews) {
    const r = cf.reviews[key]!;
    const targets = r.target.kind === 'claim' ? cf.claims : cf.propositions;
    if (!Object.hasOwn(targets, r.target.id)) report(`reviews.${key}`, `unknown ${r.target.kind}`);
  }
  return problems;
}
