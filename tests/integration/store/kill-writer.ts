/**
 * The writer of the SIGKILL test: opens a casefile through the real store
 * (lock, loader, durable writes, backups) and saves a changing casefile in a
 * loop until it is killed. Before each save it reports the hash of the state
 * it is about to write ("saving <hash>"), after it "saved <hash>"; the reports
 * go straight to the pipe (writeSync), so none is lost when the process dies.
 */
import { writeSync } from 'node:fs';
import path from 'node:path';
import type { Command } from '../../../shared/commands/commands';
import type { Casefile } from '../../../shared/model/schema';
import { textHash } from '../../../shared/text/hash';
import { CasefileSessions } from '../../../electron/services/casefile/sessions';
import { desktopPolicy } from '../../../electron/services/paths';
import { stateHash } from './state-hash';

const [file, seedArg] = process.argv.slice(2) as [string, string];
let seed = Number(seedArg) >>> 0;
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);

function report(line: string): void {
  writeSync(1, `${line}\n`);
}

/** A change that makes the file grow and shrink, so kills land in writes of many sizes. */
function nextChange(casefile: Casefile, n: number): Command {
  const articles = Object.keys(casefile.articles).filter((id) => id.startsWith('k_'));
  if (articles.length > 6 || (articles.length && random() < 0.3)) return { type: 'article.remove', articleId: articles[Math.floor(random() * articles.length)]! };
  if (random() < 0.5) return { type: 'casefile.rename', title: `Kill test, change ${n}` };
  const text = `Paragraph ${n}. `.repeat(200 + Math.floor(random() * 4_000));
  return {
    type: 'article.add',
    article: {
      id: `k_${process.pid}_${n}`, title: `Article ${n}`, outlet: 'Kill test', author: '', publishedAt: '', url: '', language: 'en', notes: '',
      text, textHash: textHash(text), origin: { fileName: `${n}.txt`, format: 'txt' }, excluded: [],
    },
  };
}

async function main(): Promise<void> {
  const sessions = new CasefileSessions({
    paths: desktopPolicy(path.dirname(file)),
    analystName: () => 'Kill test',
    backupIntervalMs: 0,
    onStatus: () => undefined,
    onChangedOnDisk: () => undefined,
    onOpened: async () => undefined,
  });
  const opened = await sessions.open(file, 'normal');
  const session = sessions.get(opened.sessionId);
  report('ready');
  for (let n = 0; ; n++) {
    session.apply(session.status().revision, nextChange(session.casefile, n));
    report(`saving ${stateHash(session.casefile)}`);
    const status = await session.flush();
    if (status.saveState !== 'saved') throw new Error(`save failed: ${status.error}`);
    report(`saved ${stateHash(session.casefile)}`);
  }
}

main().catch((error: unknown) => {
  report(`error ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
