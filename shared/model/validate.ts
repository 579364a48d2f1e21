import { migrateCasefile } from './migrations';
import { recordOf } from './ids';
import { Casefile } from './schema';

export interface ValidationProblem {
  path: string;
  message: string;
}

/** At most this many problems are listed; the count still covers all of them. */
export const MAX_LISTED_PROBLEMS = 50;

export class CasefileInvalidError extends Error {
  /** The first problems found (at most MAX_LISTED_PROBLEMS). */
  readonly problems: ValidationProblem[];
  /** How many problems the file has in all. */
  readonly total: number;

  constructor(problems: ValidationProblem[], total = problems.length) {
    super(`The casefile does not have the expected shape: ${problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'CasefileInvalidError';
    this.problems = problems.slice(0, MAX_LISTED_PROBLEMS);
    this.total = Math.max(total, this.problems.length);
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
      const { issues } = result.error;
      throw new CasefileInvalidError(
        issues.slice(0, MAX_LISTED_PROBLEMS).map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
        issues.length,
      );
    }
    casefile = result.data;
  }
  const { problems, total } = checkReferences(casefile);
  if (total) throw new CasefileInvalidError(problems, total);
  return { casefile, migratedFrom: migrated.migratedFrom };
}

const RECORDS = ['articles', 'claims', 'sources', 'propositions', 'rootJudgements', 'copyFlags', 'reviews', 'rejectedProposals'] as const;

/** JSON.parse keeps a "__proto__" key as data, but copying it into a new object would set a prototype instead. */
function rejectPrototypeKeys(doc: Record<string, unknown>): void {
  for (const name of RECORDS) {
    const record = doc[name];
    if (typeof record === 'object' && record !== null && Object.hasOwn(record, '__proto__')) {
      throw new CasefileInvalidError([{ path: `${name}.__proto__`, message: '"__proto__" cannot be an id' }]);
    }
  }
}

/**
 * What the schema alone cannot check: every record sits under its own id, ids
 * point at things that exist, ranges lie inside their article's text.
 */
export function checkReferences(cf: Casefile): { problems: ValidationProblem[]; total: number } {
  const problems: ValidationProblem[] = [];
  let total = 0;
  const report = (path: string, message: string) => {
    total++;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ path, message });
  };
  const seenTypes = new Set<string>();
  for (const t of cf.taxonomy) {
    if (seenTypes.has(t.id)) report(`taxonomy.${t.id}`, 'two sourcing types share this id');
    seenTypes.add(t.id);
  }
  for (const name of RECORDS) {
    for (const [key, record] of Object.entries(cf[name] ?? {})) {
      if (record.id !== key) report(`${name}.${key}`, `id "${record.id}" does not match its key`);
    }
  }
  for (const [key, article] of Object.entries(cf.articles)) {
    for (const r of article.excluded) {
      if (r.end < r.start || r.end > article.text.length) report(`articles.${key}.excluded`, 'excluded range lies outside the article text');
    }
  }
  for (const [key, claim] of Object.entries(cf.claims)) {
    const article = recordOf(cf.articles, claim.articleId);
    if (!article) report(`claims.${key}.articleId`, 'unknown article');
    // An orphan keeps its place on the text it was made on (see reanchorClaims), which may have been longer.
    else if (claim.position.end < claim.position.start || (claim.anchor !== 'orphaned' && claim.position.end > article.text.length)) {
      report(`claims.${key}.position`, 'outside the article text');
    }
    for (const hop of claim.chain) {
      if (!seenTypes.has(hop.typeId)) report(`claims.${key}.chain`, `unknown sourcing type ${hop.typeId}`);
      if (hop.sourceId !== null && !recordOf(cf.sources, hop.sourceId)) report(`claims.${key}.chain`, 'unknown source');
    }
  }
  for (const [key, proposition] of Object.entries(cf.propositions)) {
    for (const m of proposition.members) {
      if (!recordOf(cf.claims, m.claimId)) report(`propositions.${key}.members`, 'unknown claim');
    }
  }
  for (const [key, f] of Object.entries(cf.copyFlags)) {
    const a = recordOf(cf.articles, f.articleA);
    const b = recordOf(cf.articles, f.articleB);
    if (!a || !b) report(`copyFlags.${key}`, 'unknown article');
    else if (f.passages?.some((p) => !inside(p.a, a.text) || !inside(p.b, b.text))) report(`copyFlags.${key}.passages`, 'outside the article text');
  }
  for (const [key, j] of Object.entries(cf.rootJudgements)) {
    if (!recordOf(cf.sources, j.sourceA) || !recordOf(cf.sources, j.sourceB)) report(`rootJudgements.${key}`, 'unknown source');
  }
  for (const [key, r] of Object.entries(cf.reviews)) {
    const targets: Record<string, unknown> = r.target.kind === 'claim' ? cf.claims : cf.propositions;
    if (!recordOf(targets, r.target.id)) report(`reviews.${key}`, `unknown ${r.target.kind}`);
  }
  return { problems, total };
}

function inside(span: { start: number; end: number }, text: string): boolean {
  return span.start <= span.end && span.end <= text.length;
}
