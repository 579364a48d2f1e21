/** Import from a link: the real fetcher against a local web server of fixture pages, then through the API into a casefile. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ImportResult } from '../../../shared/api/contract';
import { fetchLimits, fetchPage, isPrivateHost, type FetchLimits } from '../../../electron/services/import/fetch-page';
import { createImportHandlers } from '../../../electron/services/import/session-import';
import { snapshotFolder } from '../../../electron/services/import/snapshots';
import type { Article } from '../../../shared/model/schema';
import { casefileBackends } from '../../support/backend';
import {
  ARTICLE_PARAGRAPHS, ARTICLE_TITLE, CYRILLIC_TEXT, CYRILLIC_TITLE, HUGE_BYTES, startPageServer, type PageServer,
} from '../../support/page-server';

const FAST: FetchLimits = { ...fetchLimits(), timeoutMs: 3_000 };
let server: PageServer;
beforeAll(async () => {
  server = await startPageServer();
});
afterAll(() => server.close());

const at = (path: string) => `${server.origin}${path}`;

async function refusal(link: string, limits = FAST): Promise<string> {
  const error = await fetchPage(link, limits).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

describe('fetching a page', () => {
  test('a normal page comes back as sent, with its address and the time it was read', async () => {
    const before = Date.now();
    const page = await fetchPage(at('/news/drones-for-russia'), FAST);
    expect(page).toMatchObject({ finalUrl: at('/news/drones-for-russia'), format: 'html', charset: 'utf-8' });
    expect(Buffer.from(page.body).toString('utf8')).toContain(ARTICLE_PARAGRAPHS[1]);
    expect(Date.parse(page.retrievedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  test('a chain of redirects is followed to the page, and the final address is kept', async () => {
    const page = await fetchPage(at('/short/drones'), FAST);
    expect(page.finalUrl).toBe(at('/news/drones-for-russia?from=amp'));
  });

  test('an endless chain of redirects is given up after the limit', async () => {
    expect(await refusal(at('/loop/0'))).toMatch(/more than 5 times \(redirects\)/);
  });

  test('a page slower than the time-out is given up, quickly, with the time-out in the message', async () => {
    const t0 = Date.now();
    expect(await refusal(at('/slow'), { ...FAST, timeoutMs: 1_000 })).toBe('The site did not send the page within 1 second; it was not imported.');
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  test('a 404 says there is no page there', async () => {
    expect(await refusal(at('/gone'))).toMatch(/no page at this address \(404 not found\)/);
  });

  test('a picture is not an article page', async () => {
    expect(await refusal(at('/photo.png'))).toMatch(/not an article page: the site sent an image \(image\/png\)/);
  });

  test('a 60 MB page is refused once 50 MB have come in, without reading the rest', async () => {
    expect(await refusal(at('/huge'), { ...FAST, timeoutMs: 20_000 })).toMatch(/larger than 50 MB, the most Corroborate imports/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.hugeBytesSent()).toBeLessThan(HUGE_BYTES);
  });

  test('file:, data: and other non-web links are refused without fetching anything, and say why', async () => {
    expect(await refusal('file:///etc/passwd')).toMatch(/Only http and https links are imported; a file: link is refused/);
    expect(await refusal('data:text/html,<p>hi</p>')).toMatch(/a data: link is refused/);
    expect(await refusal('javascript:alert(1)')).toMatch(/a javascript: link is refused/);
    expect(await refusal('not a link')).toMatch(/not a web address/);
    expect(await refusal(`http://user:secret@127.0.0.1:1/`)).toMatch(/user name or password/);
  });
});

describe('addresses on this computer or a private network', () => {
  test('are recognised when written as addresses (IPv4, IPv6, IPv4 inside IPv6) or as localhost', () => {
    for (const host of ['127.0.0.1', 'localhost', 'app.localhost', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '[::1]', '[fd00::1]', '[fe80::1]', '[::ffff:192.168.0.1]']) {
      expect(isPrivateHost(host), host).toBe(true);
    }
    for (const host of ['8.8.8.8', '172.32.0.1', '192.169.0.1', 'example.org', '[2001:db8::1]', '[::ffff:8.8.8.8]', 'localhost.example.org']) {
      expect(isPrivateHost(host), host).toBe(false);
    }
  });

  test('a link the analyst gives to one is fetched (an intranet page is a legitimate source)', async () => {
    expect((await fetchPage(at('/news/drones-for-russia'), FAST)).finalUrl).toBe(at('/news/drones-for-russia'));
  });
});

describe('importLinks through the API', () => {
  const setUp = casefileBackends('corroborate-import-links-');

  async function importLinks(links: string[], limits: FetchLimits = FAST) {
    const t = await setUp();
    const session = t.backend.sessions.get(t.casefile.sessionId);
    // The handlers as the backend builds them, with a short time-out for the slow page.
    const handlers = createImportHandlers((id) => t.backend.sessions.get(id), () => undefined, limits);
    const result: ImportResult = await handlers.importLinks({ sessionId: t.casefile.sessionId, revision: 0, links });
    return { result, session, articles: Object.values(session.casefile.articles) as Article[] };
  }

  test('pages are imported like saved pages, with their URL, origin and a snapshot beside the casefile; failures say why', async () => {
    const links = [at('/short/drones'), at('/gone'), at('/slow'), 'file:///etc/passwd', at('/cyrillic')];
    const { result, session, articles } = await importLinks(links);
    expect(result.files.map((f) => [f.fileName, f.outcome])).toEqual([
      [links[0], 'imported'], [links[1], 'failed'], [links[2], 'failed'], [links[3], 'failed'], [links[4], 'imported'],
    ]);
    expect(result.files[1]!.message).toMatch(/404/);
    expect(result.files[2]!.message).toBe('The site did not send the page within 3 seconds; it was not imported.');

    const drones = articles.find((a) => a.title === ARTICLE_TITLE)!;
    expect(drones).toMatchObject({ url: at('/news/drones-for-russia?from=amp'), author: 'Jane Roe', publishedAt: '2024-09-13' });
    expect(drones.text).toContain(ARTICLE_PARAGRAPHS[1]);
    expect(drones.origin).toMatchObject({ format: 'html', link: links[0], fetchedUrl: at('/news/drones-for-russia?from=amp'), fileName: 'drones-for-russia.html' });
    const snapshot = `${snapshotFolder(session.path)}/${drones.origin.snapshot}`;
    expect(readFileSync(snapshot, 'utf8')).toContain('<nav>');

    // windows-1251, declared only in the page's <meta>: read as Russian, the snapshot kept byte for byte.
    const russian = articles.find((a) => a.url === at('/cyrillic'))!;
    expect(russian.title).toBe(CYRILLIC_TITLE);
    expect(russian.text).toContain(CYRILLIC_TEXT);
    expect(readFileSync(`${snapshotFolder(session.path)}/${russian.origin.snapshot}`).includes(Buffer.from([0xd0, 0xee, 0xf1, 0xf1, 0xe8, 0xff]))).toBe(true);
    expect(readdirSync(snapshotFolder(session.path))).toHaveLength(2);
  });

  test('a charset declared only by the server (windows-1251) is honoured', async () => {
    const { articles } = await importLinks([at('/cyrillic-header')]);
    expect(articles[0]!.title).toBe(CYRILLIC_TITLE);
    expect(articles[0]!.text).toContain(CYRILLIC_TEXT);
  });

  test('a page cut short by a paywall is imported with a warning that says so', async () => {
    const { result } = await importLinks([at('/premium')]);
    expect(result.files[0]).toMatchObject({ outcome: 'imported' });
    expect(result.files[0]!.message).toMatch(/^Only \d+ words of article text: the page looks like it is behind a paywall or a login/);
  });

  test('nothing is written when every link fails', async () => {
    const { result, session } = await importLinks([at('/gone'), at('/photo.png')]);
    expect(result.change).toBeNull();
    expect(existsSync(snapshotFolder(session.path))).toBe(false);
  });
});
