/**
 * The corroboration matrix: propositions (rows) × articles (columns). Each
 * cell holds the proposition's member claims from that article, with their
 * stances and root sourcing types.
 */
import type { Article, Casefile, Stance } from '../model/schema';
import { computeIndependence, type PropositionIndependence } from './independence';
import { recordOf } from '../model/ids';

export interface MatrixCell {
  /** Member claims from this article, in reading order. */
  claimIds: string[];
  stances: Stance[];
  /** Root sourcing type of each claim (null while untagged). */
  rootTypeIds: (string | null)[];
}

export interface MatrixRow {
  propositionId: string;
  statement: string;
  independence: PropositionIndependence;
  /** By article id; articles without members have no cell. */
  cells: Map<string, MatrixCell>;
}

export type MatrixSort = 'independent-roots' | 'appearances' | 'contested' | 'statement';

export interface Matrix {
  /** Columns: articles with at least one member claim, by date then title. */
  articles: Article[];
  rows: MatrixRow[];
}

export function buildMatrix(casefile: Casefile, sort: MatrixSort = 'independent-roots'): Matrix {
  const independence = computeIndependence(casefile);
  const used = new Set<string>();
  const rows: MatrixRow[] = [];
  for (const p of Object.values(casefile.propositions)) {
    const cells = new Map<string, MatrixCell>();
    const members = p.members
      .map((m) => ({ m, claim: casefile.claims[m.claimId] }))
      .filter((x) => !!x.claim)
      .sort((a, b) => a.claim!.position.start - b.claim!.position.start);
    for (const { m, claim } of members) {
      let cell = cells.get(claim!.articleId);
      if (!cell) {
        cell = { claimIds: [], stances: [], rootTypeIds: [] };
        cells.set(claim!.articleId, cell);
      }
      cell.claimIds.push(claim!.id);
      cell.stances.push(m.stance);
      cell.rootTypeIds.push(claim!.chain[claim!.chain.length - 1]?.typeId ?? null);
      used.add(claim!.articleId);
    }
    rows.push({ propositionId: p.id, statement: p.statement, independence: independence.get(p.id)!, cells });
  }
  const articles = [...used]
    .map((id) => recordOf(casefile.articles, id))
    .filter((a): a is Article => !!a)
    .sort((a, b) => (a.publishedAt || '9999').localeCompare(b.publishedAt || '9999') || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  return { articles, rows: rows.sort(comparator(sort)) };
}

/** How contested a proposition is: roots on both sides first, then denials. */
export function contestedness(r: PropositionIndependence): number {
  return Math.min(r.independentRoots, r.contradictingRoots) * 1_000_000 + r.contradictingRoots * 1_000 + r.stanceCounts.contradicts;
}

function comparator(sort: MatrixSort): (a: MatrixRow, b: MatrixRow) => number {
  const byStatement = (a: MatrixRow, b: MatrixRow) => a.statement.localeCompare(b.statement) || a.propositionId.localeCompare(b.propositionId);
  switch (sort) {
    case 'independent-roots':
      return (a, b) => b.independence.independentRoots - a.independence.independentRoots || b.independence.appearances - a.independence.appearances || byStatement(a, b);
    case 'appearances':
      return (a, b) => b.independence.appearances - a.independence.appearances || b.independence.independentRoots - a.independence.independentRoots || byStatement(a, b);
    case 'contested':
      return (a, b) => contestedness(b.independence) - contestedness(a.independence) || byStatement(a, b);
    default:
      return byStatement;
  }
}
