import type { ImportFileResult } from '../../../shared/api/contract';
import type { SingleCommand } from '../../../shared/commands/commands';
import { newId } from '../../../shared/model/ids';
import type { Casefile } from '../../../shared/model/schema';
import { textHash } from '../../../shared/text/hash';
import { normaliseText } from '../../../shared/text/normalise';

export interface UploadedFile {
  name: string;
  data: Uint8Array;
}

export interface ImportPlan {
  results: ImportFileResult[];
  commands: SingleCommand[];
}

/** Turns uploaded files into article.add commands, skipping texts the casefile already holds. */
export function planImport(files: UploadedFile[], casefile: Casefile): ImportPlan {
  const known = new Map(Object.values(casefile.articles).map((a) => [a.textHash, a]));
  const results: ImportFileResult[] = [];
  const commands: SingleCommand[] = [];
  for (const file of files) {
    const text = normaliseText(new TextDecoder('utf-8').decode(file.data));
    if (!text) {
      results.push({ fileName: file.name, outcome: 'failed', message: 'The file is empty.' });
      continue;
    }
    const hash = textHash(text);
    const existing = known.get(hash);
    if (existing) {
      results.push({ fileName: file.name, outcome: 'duplicate', articleId: existing.id, message: `Same text as “${existing.title}”.` });
      continue;
    }
    const id = newId('a');
    const title = text.split('\n')[0]!.slice(0, 300);
    commands.push({
      type: 'article.add',
      article: {
        id, title, outlet: '', author: '', publishedAt: '', url: '', language: '', notes: '',
        text, textHash: hash, origin: { fileName: file.name, format: 'txt' }, excluded: [],
      },
    });
    known.set(hash, { id, title } as Casefile['articles'][string]);
    results.push({ fileName: file.name, outcome: 'imported', articleId: id });
  }
  return { results, commands };
}
