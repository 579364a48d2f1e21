/**
 * Import from a link in Chromium (browser mode): a list of links pasted into
 * the Links dialog, fetched by the web host from a local server of fixture
 * pages: a redirect chain to an article, a page in windows-1251, a slow page
 * (time-out), a 404, the 60 MB page and a file: link. The articles are
 * imported with their URL and origin, every failure says why.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { ARTICLE_PARAGRAPHS, ARTICLE_TITLE, CYRILLIC_TITLE, startPageServer, type PageServer } from '../support/page-server';

let app: RunningApp;
let server: PageServer;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startPageServer(60_000);
  // The web host inherits this: a short time-out keeps the slow page's wait short.
  process.env.CORROBORATE_FETCH_TIMEOUT_MS = '5000';
  app = await launchApp({ viewport: { width: 1280, height: 860 } });
  app.page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await app?.stop();
  await server?.close();
  delete process.env.CORROBORATE_FETCH_TIMEOUT_MS;
});

async function createCasefile(page: Page): Promise<void> {
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Title').fill('Drones from links');
  await page.getByRole('button', { name: 'Create casefile' }).click();
  await page.getByText('No articles yet.').waitFor();
}

test('a pasted list of links: the articles are fetched and imported, and each failure says why', async () => {
  const { page } = app;
  await createCasefile(page);
  const at = (p: string) => `${server.origin}${p}`;
  const links = {
    redirect: at('/short/drones'), cyrillic: at('/cyrillic'), slow: at('/slow'), missing: at('/gone'), huge: at('/huge'), file: 'file:///etc/passwd',
  };

  await page.getByRole('button', { name: 'Import from links…' }).click();
  const dialog = page.getByTestId('links-dialog');
  await dialog.getByLabel('Links, one per line').fill(`${Object.values(links).join('\n')}\n\nnot a link`);
  await expect.poll(() => dialog.locator('.links-count').innerText()).toBe('6 links');
  await screenshot(page, 'import-links-dialog');
  await dialog.getByRole('button', { name: 'Import 6' }).click();

  const summary = page.getByTestId('import-summary');
  await summary.waitFor({ timeout: 60_000 });
  await expect.poll(() => summary.locator('.summary-counts').innerText()).toMatch(/2 imported\s+0 skipped as duplicates\s+4 failed/);
  const reason = (link: string) => summary.locator('.summary-failed').filter({ hasText: link }).locator('.summary-reason').innerText();
  expect(await reason(links.slow)).toBe('The site did not send the page within 5 seconds; it was not imported.');
  expect(await reason(links.missing)).toBe('The site says there is no page at this address (404 not found).');
  expect(await reason(links.huge)).toBe('The page is larger than 50 MB, the most Corroborate imports; it was not imported.');
  expect(await reason(links.file)).toMatch(/^Only http and https links are imported; a file: link is refused/);
  await screenshot(page, 'import-links-summary');
  await summary.getByRole('button', { name: 'Done' }).click();

  const list = page.getByRole('listbox', { name: 'Articles' });
  expect(await list.getByRole('option').count()).toBe(2);
  expect(await list.getByRole('option').filter({ hasText: CYRILLIC_TITLE }).count()).toBe(1);
  await list.getByRole('option').filter({ hasText: ARTICLE_TITLE }).click();
  expect(await page.locator('article.reading').innerText()).toContain(ARTICLE_PARAGRAPHS[1]);
  await page.getByRole('tab', { name: 'Article' }).click();
  const details = page.getByTestId('article-details');
  expect(await details.getByLabel('URL').inputValue()).toBe(at('/news/drones-for-russia?from=amp'));
  const origin = await details.locator('.details-facts').innerText();
  expect(origin).toContain(`Fetched\n${at('/news/drones-for-russia?from=amp')} on`);
  expect(origin).toContain(`(link given: ${links.redirect})`);
  expect(origin).toMatch(/Snapshot\n[0-9a-f]{64}\.html, in the snapshots folder beside the casefile/);
  await details.locator('.details-facts').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-links-article');
  expect(pageErrors).toEqual([]);
}, 120_000);

test('links dropped on the window are imported the same way', async () => {
  const { page } = app;
  const link = `${server.origin}/premium`;
  await page.evaluate((uri) => {
    const data = new DataTransfer();
    data.setData('text/uri-list', uri);
    document.querySelector('.workbench')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, link);
  const summary = page.getByTestId('import-summary');
  await summary.waitFor();
  expect(await summary.locator('.summary-warning').innerText()).toMatch(/^Only \d+ words of article text: the page looks like it is behind a paywall or a login/);
  await screenshot(page, 'import-links-paywall');
  await summary.getByRole('button', { name: 'Done' }).click();
  expect(await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').count()).toBe(3);
});

test('a rewrite quoting two sentences of an imported article is flagged as sharing passages, and the flag shows them', async () => {
  const { page } = app;
  await page.getByRole('button', { name: 'Links…' }).click();
  await page.getByTestId('links-dialog').getByLabel('Links, one per line').fill(`${server.origin}/rewrite`);
  await page.getByTestId('links-dialog').getByRole('button', { name: 'Import 1' }).click();
  const summary = page.getByTestId('import-summary');
  await summary.waitFor();
  await expect.poll(() => summary.locator('.summary-counts').innerText()).toMatch(/1 imported\s+0 skipped as duplicates\s+0 failed\s+1 pair sharing passages flagged/);
  expect(await summary.locator('.flag-text').innerText()).toMatch(/^Shares passages: \d+% of the shorter text in common \(2 passages, the longest \d+ words\)$/);
  await summary.getByRole('button', { name: 'Done' }).click();
  expect(await page.getByRole('button', { name: '1 pair sharing passages to review' }).isVisible()).toBe(true);

  await page.getByRole('tab', { name: 'Article' }).click();
  const passages = page.getByTestId('article-details').getByRole('list', { name: 'Shared passages' }).getByRole('listitem');
  expect(await passages.count()).toBe(2);
  expect(await passages.nth(0).innerText()).toMatch(/^Russia has set up a weapons programme in China.*\d+ words$/s);
  await page.getByTestId('article-details').locator('.copy-flags').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-links-shared-passages');
});
