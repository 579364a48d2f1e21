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

/**
 * Turns parsed JSON of unknown origin into a valid current-format casefile,
 * migrating older formats and checking every field and every cross-reference.
 */
export function parseCasefileDocument(doc: unknown): { casefile: Casefile; migratedFrom: number | null } {
  const migrated = migrateCasefile(doc);
  const result = Casefile.safeParse(migrated.doc);
  if (!result.success) {
    throw new CasefileInvalidError(
      result.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
    );
  }
  const problems = checkReferences(result.data);
  if (problems.length) throw new CasefileInvalidError(problems);
  return { casefile: result.data, migratedFrom: migrated.migratedFrom };
}

/** References the schema alone cannot check: ids must point at things that exist. */
export function checkReferences(cf: Casefile): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const types = new Set(cf.taxonomy.map((t) => t.id));
  const keyed = { articles: cf.articles, claims: cf.claims, sources: cf.sources, propositions: cf.propositions };
  for (const [name, record] of Object.entries(keyed)) {
    for (const [key, item] of Object.entries(record)) {
      if (item.id !== key) problems.push({ path: `${name}.${key}`, message: 'id does not match its key' });
    }
  }
  for (const claim of Object.values(cf.claims)) {
    const article = cf.articles[claim.articleId];
    if (!article) problems.push({ path: `claims.${claim.id}.articleId`, message: 'unknown article' });
    else if (claim.position.end > article.text.length || claim.position.end < claim.position.start) {
      problems.push({ path: `claims.${claim.id}.position`, message: 'outside the article text' });
    }
    for (const hop of claim.chain) {
      if (!types.has(hop.typeId)) problems.push({ path: `claims.${claim.id}.chain`, message: `unknown sourcing type ${hop.typeId}` });
      if (hop.sourceId !== null && !cf.sources[hop.sourceId]) problems.push({ path: `claims.${claim.id}.chain`, message: 'unknown source' });
    }
  }
  for (const p of Object.values(cf.propositions)) {
    for (const m of p.members) {
      if (!cf.claims[m.claimId]) problems.push({ path: `propositions.${p.id}.members`, message: 'unknown claim' });
    }
  }
  for (const f of Object.values(cf.copyFlags)) {
    if (!cf.articles[f.articleA] || !cf.articles[f.articleB]) problems.push({ path: `copyFlags.${f.id}`, message: 'unknown article' });
  }
  for (const j of Object.values(cf.rootJudgements)) {
    if (!cf.sources[j.sourceA] || !cf.sources[j.sourceB]) problems.push({ path: `rootJudgements.${j.id}`, message: 'unknown source' });
  }
  for (const r of Object.values(cf.reviews)) {
    const target = r.target.kind === 'claim' ? cf.claims[r.target.id] : cf.propositions[r.target.id];
    if (!target) problems.push({ path: `reviews.${r.id}`, message: `unknown ${r.target.kind}` });
  }
  return problems.slice(0, 50);
}
