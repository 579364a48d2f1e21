/** importArticles through the real API handlers: validation, progress events, one undoable step, size refusal. */
import { describe, expect, test } from 'vitest';
import { casefileBackends } from '../../support/backend';
import type { ImportResult } from '../../../shared/api/contract';
import { makeDocx } from '../../fixtures/import/make';
import { seedFiles } from '../../unit/import/seeds';

const setUp = casefileBackends('corroborate-import-api-');

const upload = (name: string, data: Uint8Array) => ({ name, dataBase64: Buffer.from(data).toString('base64') });

describe('importArticles', () => {
  test('imports a batch as one undoable step, reporting progress per file under the caller’s task id', async () => {
    const { call, events, casefile, backend } = await setUp();
    const docx = await makeDocx({ title: 'Kupol drones', paragraphs: ['IEMZ Kupol developed and tested a new drone model called Garpiya-3 in China.'] });
    const files = [...seedFiles().map((f) => upload(f.name, f.data)), upload('kupol.docx', docx), upload('empty.txt', new Uint8Array())];
    const result = (await call('importArticles', { sessionId: casefile.sessionId, revision: 0, files, taskId: 'import-1' })) as ImportResult;

    expect(result.files.map((f) => f.outcome)).toEqual(['imported', 'imported', 'imported', 'imported', 'imported', 'imported', 'failed']);
    expect(result.change?.status).toMatchObject({ revision: 1, canUndo: true, undoLabel: expect.stringMatching(/6 articles/) });
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.payload);
    expect(progress).toHaveLength(7);
    expect(progress.at(-1)).toEqual({ task: 'import-1', done: 7, total: 7, label: 'empty.txt' });

    const session = backend.sessions.get(casefile.sessionId);
    expect(Object.keys(session.casefile.articles)).toHaveLength(6);
    const flags = Object.values(session.casefile.copyFlags);
    // 001 copies 000; the Word file's one sentence shares “developed and tested a new drone model called Garpiya-3” with 004.
    expect(flags.map((f) => f.kind).sort()).toEqual(['near-duplicate', 'partial-overlap']);

    await call('undo', { sessionId: casefile.sessionId, revision: 1 });
    expect(Object.keys(session.casefile.articles)).toHaveLength(0);
    expect(Object.keys(session.casefile.copyFlags)).toHaveLength(0);
  });

  test('re-importing the same files adds nothing and changes nothing', async () => {
    const { call, casefile } = await setUp();
    const files = seedFiles().slice(0, 2).map((f) => upload(f.name, f.data));
    await call('importArticles', { sessionId: casefile.sessionId, revision: 0, files });
    const again = (await call('importArticles', { sessionId: casefile.sessionId, revision: 1, files })) as ImportResult;
    expect(again.files.map((f) => f.outcome)).toEqual(['duplicate', 'duplicate']);
    expect(again.change).toBeNull();
  });

  test('the Node side refuses an oversized file by itself, whatever the UI did', async () => {
    const { call, casefile } = await setUp();
    const huge = { name: 'huge.pdf', dataBase64: 'JVBE'.repeat(18 * 2 ** 20) }; // 54 MB once decoded
    const result = (await call('importArticles', { sessionId: casefile.sessionId, revision: 0, files: [huge] })) as ImportResult;
    expect(result.files[0]).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/^The file is 54 MB; the import limit is 50 MB/) });
    expect(result.change).toBeNull();
  });

  test('a stale revision is refused before anything is read', async () => {
    const { call, casefile } = await setUp();
    const [s0] = seedFiles();
    await expect(call('importArticles', { sessionId: casefile.sessionId, revision: 5, files: [upload(s0!.name, s0!.data)] }))
      .rejects.toMatchObject({ code: 'stale-revision' });
  });

  test('cancelImport stops an import between two files: what was read is added as one step, the rest reported as stopped', async () => {
    const { call, events, casefile, backend } = await setUp();
    const files = Array.from({ length: 12 }, (_, i) => upload(`note-${i}.txt`, new TextEncoder().encode(`Note ${i}. Officials said drone number ${i} was tested on a range in the north.`)));
    const cancelled: Promise<unknown>[] = [];
    // Stop when the third file is reported, as the Stop button does while the import runs.
    const record = events.push.bind(events);
    events.push = (...items) => {
      const n = record(...items);
      if (!cancelled.length && events.filter((e) => e.event === 'progress').length === 3) cancelled.push(call('cancelImport', { taskId: 'import-stop' }));
      return n;
    };
    const result = (await call('importArticles', { sessionId: casefile.sessionId, revision: 0, files, taskId: 'import-stop' })) as ImportResult;
    expect(await cancelled[0]).toEqual({ cancelled: true });

    expect(result.files.map((f) => f.outcome)).toEqual([...Array<string>(3).fill('imported'), ...Array<string>(9).fill('stopped')]);
    expect(result.files[3]!.message).toBe('Not imported: the import was stopped before this file.');
    const session = backend.sessions.get(casefile.sessionId);
    expect(Object.keys(session.casefile.articles)).toHaveLength(3);
    expect(result.change?.status).toMatchObject({ revision: 1, undoLabel: 'Import 3 articles' });
    // The task is over: cancelling it again finds nothing to stop.
    expect(await call('cancelImport', { taskId: 'import-stop' })).toEqual({ cancelled: false });
  });
});
