/**
 * Re-importing another version of an article from a file, through a real
 * casefile session saved in a temp workspace and the real import readers.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { replaceArticleFromFile } from '../../../electron/services/anchoring/replace-text';
import { CasefileSessions } from '../../../electron/services/casefile/sessions';
import { workspacePolicy } from '../../../electron/services/paths';
import { createSelectors } from '../../../shared/anchoring';
import type { Command } from '../../../shared/commands/commands';
import { textHash } from '../../../shared/text/hash';
import { normaliseText } from '../../../shared/text/normalise';
import { seedPath } from '../../support/fixtures';

const raw000 = readFileSync(seedPath('000'));
const raw001 = readFileSync(seedPath('001'));
const text000 = normaliseText(raw000.toString('utf-8'));

const opened: { sessions: CasefileSessions; sessionId: string }[] = [];
afterEach(async () => {
  for (const { sessions, sessionId } of opened.splice(0)) await sessions.close(sessionId);
});

async function sessionWith000() {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-anchoring-'));
  const sessions = new CasefileSessions({
    paths: workspacePolicy(workspace), analystName: () => 'Dana', backupIntervalMs: 0,
    onStatus: () => undefined, onChangedOnDisk: () => undefined, onOpened: async () => undefined,
  });
  const { sessionId } = await sessions.create('Drones');
  opened.push({ sessions, sessionId });
  const session = sessions.get(sessionId);
  const quote = (s: string) => {
    const start = text000.indexOf(s);
    return createSelectors(text000, start, start + s.length);
  };
  const commands: Command[] = [
    {
      type: 'article.add',
      article: {
        id: 'a000', title: 'Allies believe', outlet: 'Kyiv Independent', author: '', publishedAt: '', url: '', language: 'en', notes: '',
        text: text000, textHash: textHash(text000), origin: { fileName: '000.txt', format: 'txt' }, excluded: [],
      },
    },
    { type: 'claim.add', claim: { id: 'c1', articleId: 'a000', ...quote('Chinese companies are allegedly developing attack drones'), textHash: textHash(text000), anchor: 'exact', chain: [], notes: '' } },
    { type: 'claim.add', claim: { id: 'c2', articleId: 'a000', ...quote('NATO allies have repeatedly warned China against providing Russia'), textHash: textHash(text000), anchor: 'exact', chain: [], notes: '' } },
    { type: 'claim.add', claim: { id: 'c3', articleId: 'a000', ...quote('Russian troops attacked the city of Nikopol'), textHash: textHash(text000), anchor: 'exact', chain: [], notes: '' } },
  ];
  for (const command of commands) session.apply(session.status().revision, command);
  return session;
}

describe('replaceArticleText (another version of an article from a file)', () => {
  test('seed 001 as a .txt replaces 000: claims exact, moved and orphaned, and one undo restores all', async () => {
    const session = await sessionWith000();
    const before = session.casefile;
    const result = await replaceArticleFromFile(session, session.status().revision, 'a000', { name: '001.txt', data: raw001 });
    expect(result.unchanged).toBe(false);
    expect(result.anchors).toEqual({ exact: 1, moved: 1, orphaned: 1 });
    expect(session.casefile.articles.a000!.text).toBe(normaliseText(raw001.toString('utf-8')));
    expect(session.casefile.claims.c3).toMatchObject({ anchor: 'orphaned', quote: { exact: 'Russian troops attacked the city of Nikopol' } });
    expect(session.status().undoLabel).toBe('Edit article text');

    session.undo(session.status().revision);
    expect(session.casefile.articles).toEqual(before.articles);
    expect(session.casefile.claims).toEqual(before.claims);
  });

  test('an HTML page of the same article is read by the import pipeline before replacing', async () => {
    const session = await sessionWith000();
    const paragraphs = text000.split('\n').filter(Boolean).slice(5, 14).map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`);
    const html = `<!doctype html><html><head><title>Allies believe</title><script>window.pwned = 1</script></head><body><article><h1>Allies believe China allegedly developing attack drones</h1>${paragraphs.join('')}</article></body></html>`;
    const result = await replaceArticleFromFile(session, session.status().revision, 'a000', { name: 'version2.html', data: Buffer.from(html) });
    const text = session.casefile.articles.a000!.text;
    expect(text).not.toContain('<p>');
    expect(text).not.toContain('pwned');
    expect(result.anchors.exact).toBeGreaterThanOrEqual(1);
    expect(session.casefile.claims.c1!.anchor).toBe('exact');
    expect(text.slice(session.casefile.claims.c1!.position.start, session.casefile.claims.c1!.position.end)).toBe('Chinese companies are allegedly developing attack drones');
  });

  test('the same text changes nothing; an unreadable file is refused with its reason and loses nothing', async () => {
    const session = await sessionWith000();
    const revision = session.status().revision;
    const same = await replaceArticleFromFile(session, revision, 'a000', { name: 'again.txt', data: raw000 });
    expect(same).toMatchObject({ change: null, unchanged: true, anchors: { exact: 3, moved: 0, orphaned: 0 } });
    expect(session.status().revision).toBe(revision);

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    await expect(replaceArticleFromFile(session, revision, 'a000', { name: 'photo.txt', data: png })).rejects.toThrow(/PNG image/);
    await expect(replaceArticleFromFile(session, revision, 'a000', { name: 'empty.txt', data: Buffer.alloc(0) })).rejects.toThrow(/empty/);
    await expect(replaceArticleFromFile(session, revision, 'gone', { name: '001.txt', data: raw001 })).rejects.toThrow(/no longer in the casefile/);
    expect(session.casefile.articles.a000!.text).toBe(text000);
    expect(session.status().revision).toBe(revision);
  });
});
