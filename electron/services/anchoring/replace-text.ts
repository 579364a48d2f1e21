/**
 * Re-importing another version of an article: the file is read by the import
 * pipeline (every format it reads, decoded and normalised the same way), then
 * its text replaces the article's through `article.replaceText`, which
 * re-anchors the article's claims.
 */
import type { ReplaceTextResult } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/dispatch';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile } from '../../../shared/model/schema';
import type { CasefileSession } from '../casefile/session';
import { planImport } from '../import/index';
import { recordOf } from '../../../shared/model/ids';

export interface ReplacementFile {
  name: string;
  data: Uint8Array;
}

/** The normalised text of a file, as an import would store it; a clear error when it cannot be read. */
export async function readReplacementText(file: ReplacementFile): Promise<string> {
  // An empty casefile, so a file identical to the current version is read rather than skipped as a duplicate.
  const blank = emptyCasefile({ id: 'replace', title: '', analyst: '', now: new Date(0).toISOString() });
  const plan = await planImport([{ name: file.name, size: file.data.length, read: () => file.data }], blank);
  const added = plan.commands.find((c) => c.type === 'article.add');
  if (!added) throw new ApiError('unreadable-file', plan.results[0]?.message ?? `${file.name} could not be read.`);
  return added.article.text;
}

export async function replaceArticleFromFile(
  session: CasefileSession,
  revision: number,
  articleId: string,
  file: ReplacementFile,
): Promise<ReplaceTextResult> {
  const article = recordOf(session.casefile.articles, articleId);
  if (!article) throw new ApiError('not-found', 'That article is no longer in the casefile.');
  const text = await readReplacementText(file);
  if (text === article.text) return { change: null, unchanged: true, anchors: anchorCounts(session.casefile, articleId) };
  const change = session.apply(revision, { type: 'article.replaceText', articleId, text });
  return { change, unchanged: false, anchors: anchorCounts(session.casefile, articleId) };
}

/** How the article's claims sit on its text now. */
export function anchorCounts(casefile: Casefile, articleId: string): ReplaceTextResult['anchors'] {
  const counts = { exact: 0, moved: 0, orphaned: 0 };
  for (const claim of Object.values(casefile.claims)) if (claim.articleId === articleId) counts[claim.anchor]++;
  return counts;
}
