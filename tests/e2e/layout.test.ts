/**
 * The workbench layout as an analyst meets it: three panes resized and hidden
 * with the mouse and the keyboard and remembered after a reload, a reading
 * density that is remembered too, enough article text on a laptop screen, the
 * open file's name in the top bar and the window title, and messages that
 * close themselves (info) or stay (errors) without covering a control.
 * Screenshots at three window sizes go to test-results/screenshots/layout-*.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { workedExample } from '../unit/analysis/worked-example';

const ANALYST = 'Dana Whitfield';
const TITLE = 'Drones for Russia';
let app: RunningApp;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  app = await launchApp({ viewport: { width: 1440, height: 900 } });
  const built = workedExample();
  writeFileSync(path.join(app.workspace, 'drones.corroborate'), JSON.stringify({ ...built, meta: { ...built.meta, title: TITLE } }));
  page = app.page;
  watchErrors(page);
  await page.reload();
  await page.getByLabel('Your name').fill(ANALYST);
  await page.getByRole('button', { name: 'Continue' }).click();
  await openDrones();
});

afterAll(async () => {
  await app?.stop();
});

function watchErrors(p: Page): void {
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
}

async function openDrones(): Promise<void> {
  await page.locator('.file-button', { hasText: 'drones' }).first().click();
  await page.getByTestId('save-state').filter({ hasText: /^Saved$/ }).waitFor();
}

async function openArticle(outlet: string): Promise<void> {
  await page.locator('.article-row', { hasText: outlet }).first().click();
  await page.locator('.reading-text').waitFor();
}

const separator = (name: string) => page.getByRole('separator', { name });
const valueOf = async (l: Locator) => Number(await l.getAttribute('aria-valuenow'));
const widthOf = async (l: Locator) => Math.round((await l.boundingBox())!.width);

async function dragBy(handle: Locator, dx: number): Promise<void> {
  const box = (await handle.boundingBox())!;
  const x = box.x + box.width / 2;
  await page.mouse.move(x, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, box.y + 200, { steps: 4 });
  await page.mouse.move(x + dx, box.y + 200, { steps: 4 });
  await page.mouse.up();
}

/** The layout this analyst has on disk, in the app's settings file. */
function storedLayout(): Record<string, unknown> | undefined {
  try {
    const settings = JSON.parse(readFileSync(path.join(app.config, 'settings.json'), 'utf8')) as { workbench?: Record<string, Record<string, unknown>> };
    return settings.workbench?.[ANALYST];
  } catch {
    return undefined;
  }
}

/**
 * Lines of article text fully visible in the reading view, counted from the
 * line boxes the browser laid out (below the sticky toolbar, above the pane's bottom edge).
 */
async function visibleTextLines(): Promise<{ lines: number; lineHeight: number }> {
  return page.evaluate(() => {
    const text = document.querySelector<HTMLElement>('.reading-text')!;
    const body = text.closest('.area-body')!.getBoundingClientRect();
    const toolbar = document.querySelector('.reading-toolbar')!.getBoundingClientRect();
    const top = Math.max(body.top, toolbar.bottom);
    const tops = new Set<number>();
    for (const p of text.querySelectorAll('p')) {
      const range = document.createRange();
      range.selectNodeContents(p);
      for (const r of range.getClientRects()) {
        if (r.height > 0 && r.top >= top - 0.5 && r.bottom <= body.bottom + 0.5) tops.add(Math.round(r.top));
      }
    }
    return { lines: tops.size, lineHeight: parseFloat(getComputedStyle(text).lineHeight) };
  });
}

test('at 1440×900 with the default density at least 25 lines of article text are visible', async () => {
  await openArticle('Aggregator');
  const scroller = page.locator('.main-pane .area-body');
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
  const { lines, lineHeight } = await visibleTextLines();
  await screenshot(page, 'layout-read-top-1440');
  expect(lineHeight).toBeCloseTo(16 * 1.5, 1);
  expect(lines).toBeGreaterThanOrEqual(25);
  // The reading view has most of the width.
  expect(await widthOf(page.locator('.main-pane'))).toBeGreaterThan(1440 / 2);
});

test('panes resize and hide with the mouse and the keyboard, and come back the same after a reload', async () => {
  const articles = separator('Articles pane width');
  const side = separator('Side panel width');
  expect(await valueOf(articles)).toBe(264);
  expect(await valueOf(side)).toBe(400);

  // Mouse: drag the articles handle 80 px to the right.
  await dragBy(articles, 80);
  expect(await valueOf(articles)).toBe(344);
  expect(await widthOf(page.locator('#articles-pane'))).toBe(344);

  // Keyboard: the side panel handle, three steps wider, then one big step narrower.
  await side.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  expect(await valueOf(side)).toBe(448);
  await page.keyboard.press('Shift+ArrowRight');
  expect(await valueOf(side)).toBe(384);
  expect(await widthOf(page.locator('#side-pane'))).toBe(384);

  // Hide the articles pane from its handle (Enter), the side panel with its button.
  const mainBefore = await widthOf(page.locator('.main-pane'));
  await articles.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Hide the side panel' }).click();
  expect(await page.locator('#articles-pane').isVisible()).toBe(false);
  expect(await page.locator('#side-pane').isVisible()).toBe(false);
  expect(await widthOf(page.locator('.main-pane'))).toBeGreaterThan(mainBefore + 600);
  await screenshot(page, 'layout-panes-hidden-1440');

  await expect.poll(storedLayout).toMatchObject({ articlesWidth: 344, sideWidth: 384, articlesCollapsed: true, sideCollapsed: true });
  await page.reload();
  await openDrones();
  expect(await page.locator('#articles-pane').isVisible()).toBe(false);
  expect(await page.locator('#side-pane').isVisible()).toBe(false);

  // Shown again, from the rail and from the button, at the widths they had.
  await page.getByRole('button', { name: 'Show articles' }).click();
  await page.getByRole('button', { name: 'Show the side panel' }).click();
  expect(await valueOf(separator('Articles pane width'))).toBe(344);
  expect(await widthOf(page.locator('#articles-pane'))).toBe(344);
  expect(await valueOf(separator('Side panel width'))).toBe(384);
  expect(await widthOf(page.locator('#side-pane'))).toBe(384);

  // Home and End reach the limits; then back to the defaults for the screenshots.
  await separator('Articles pane width').focus();
  await page.keyboard.press('End');
  expect(await valueOf(separator('Articles pane width'))).toBe(520);
  await page.keyboard.press('Home');
  expect(await valueOf(separator('Articles pane width'))).toBe(180);
  await dragBy(separator('Articles pane width'), 264 - 180);
  await separator('Side panel width').focus();
  await page.keyboard.press('ArrowLeft');
  expect(await valueOf(separator('Articles pane width'))).toBe(264);
  expect(await valueOf(separator('Side panel width'))).toBe(400);
});

test('a hidden side panel comes back when the keyboard asks for the chain editor', async () => {
  await page.getByRole('button', { name: 'Hide the side panel' }).click();
  await openArticle('Aggregator');
  await page.locator('.reading-text').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await page.locator('#side-pane').waitFor();
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('#side-pane'))).toBe(true);
  await page.keyboard.press('Escape');
});

test('the reading density is chosen in the View menu and remembered', async () => {
  await openArticle('Aggregator');
  const text = page.locator('.reading-text');
  await page.getByRole('button', { name: 'View ▾' }).click();
  const menu = page.getByRole('dialog', { name: 'Reading density' });
  await menu.getByLabel('Text size').selectOption('18');
  await menu.getByLabel('Line spacing').selectOption('1.8');
  await menu.getByLabel('Text width').selectOption('34');
  expect(await text.evaluate((el) => getComputedStyle(el).fontSize)).toBe('18px');
  expect(await text.evaluate((el) => getComputedStyle(el).lineHeight)).toBe(`${18 * 1.8}px`);
  expect(await widthOf(text)).toBe(34 * 18);
  await page.keyboard.press('Escape');
  expect(await menu.isVisible()).toBe(false);

  await expect.poll(storedLayout).toMatchObject({ fontSize: 18, lineHeight: 1.8, textWidth: 34 });
  await page.reload();
  await openDrones();
  await openArticle('Aggregator');
  expect(await text.evaluate((el) => getComputedStyle(el).fontSize)).toBe('18px');

  await page.getByRole('button', { name: 'View ▾' }).click();
  await menu.getByRole('button', { name: 'Default density' }).click();
  expect(await text.evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
  await page.mouse.click(700, 500);
  expect(await menu.isVisible()).toBe(false);
});

/** True when the element's text is cut off (wider or taller than its box). */
async function isCut(l: Locator): Promise<boolean> {
  return l.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
}

/** True when the option shown in a select is wider than the room the select gives it. */
async function selectCut(l: Locator): Promise<boolean> {
  return l.evaluate((el) => {
    const select = el as HTMLSelectElement;
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20; // 20: the arrow
    return context.measureText(select.selectedOptions[0]?.text ?? '').width > room;
  });
}

test.each([
  [1280, 800],
  [1440, 900],
  [1920, 1080],
])('at %i×%i the read view, the inspector and the matrix show their names whole (screenshots)', async (width, height) => {
  await page.setViewportSize({ width, height });
  await page.getByLabel('Views').getByRole('tab', { name: 'Read' }).click();
  await page.getByLabel('Panels').getByRole('tab', { name: 'Claim', exact: true }).click();
  await openArticle('Aggregator');
  await page.locator('.reading-text').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('j');
  await page.getByTestId('inspector').waitFor();
  await screenshot(page, `layout-read-${width}`);

  // Inspector: the sourcing types of every hop, whole; the long article titles in the list shorten with a tooltip.
  const hopTypes = page.getByTestId('inspector').locator('.hop-head select');
  expect(await hopTypes.count()).toBeGreaterThan(0);
  for (const select of await hopTypes.all()) expect(await selectCut(select), `hop type at ${width} px`).toBe(false);
  expect(await isCut(page.getByTestId('claim-type'))).toBe(false);
  for (const outlet of await page.locator('.article-row-outlet').all()) expect(await isCut(outlet)).toBe(false);
  for (const title of await page.locator('.article-row-title').all()) {
    expect(await title.getAttribute('title')).toBe(await title.textContent());
  }
  await page.getByTestId('inspector').locator('details').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await page.getByTestId('inspector').locator('details').first().scrollIntoViewIfNeeded();
  await screenshot(page, `layout-inspector-${width}`);

  // Propositions: each member's stance is readable whole.
  await page.getByLabel('Panels').getByRole('tab', { name: 'Propositions' }).click();
  const back = page.getByRole('button', { name: '← All propositions' });
  if (await back.isVisible()) await back.click();
  await page.getByTestId('proposition-list').getByRole('button', { name: 'China provides lethal aid to Russia' }).click();
  const stances = page.getByTestId('proposition-detail').getByLabel('Stance');
  await stances.first().waitFor();
  for (const stance of await stances.all()) expect(await selectCut(stance), `stance at ${width} px`).toBe(false);
  await screenshot(page, `layout-propositions-${width}`);
  await page.getByLabel('Panels').getByRole('tab', { name: 'Claim', exact: true }).click();

  // Matrix: every column header shows its outlet whole and the full names on hover.
  await page.getByLabel('Views').getByRole('tab', { name: 'Matrix' }).click();
  await page.getByTestId('matrix').waitFor();
  const heads = page.locator('.matrix-col-head');
  expect(await heads.count()).toBe(5);
  for (const head of await heads.all()) {
    expect(await isCut(head.locator('.col-outlet'))).toBe(false);
    expect(await head.getAttribute('title')).toContain(await head.locator('.col-title').textContent());
  }
  await screenshot(page, `layout-matrix-${width}`);
  await page.getByLabel('Views').getByRole('tab', { name: 'Read' }).click();
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('a long outlet name shortens cleanly in the articles list and the matrix, with the full name on hover', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openArticle('Digest');
  await page.getByLabel('Panels').getByRole('tab', { name: 'Article' }).click();
  const long = 'Digest of the International Consortium for Open-Source Investigation and Regional Security Reporting';
  await page.locator('#side-pane').getByLabel('Outlet', { exact: true }).fill(long);
  await page.getByRole('button', { name: 'Save changes' }).click();

  const row = page.locator('.article-row', { hasText: 'Digest of the International' });
  const outlet = row.locator('.article-row-outlet');
  await expect.poll(() => outlet.getAttribute('title')).toBe(long);
  expect(await isCut(outlet)).toBe(true);
  expect(await outlet.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
  // The date and the claim count keep their place inside the row.
  const rowBox = (await row.boundingBox())!;
  for (const part of [row.locator('.article-row-date'), row.locator('.article-row-count')]) {
    expect(await isCut(part)).toBe(false);
    const box = (await part.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(rowBox.x + rowBox.width);
  }
  await screenshot(page, 'layout-long-outlet-1280');

  await page.getByLabel('Views').getByRole('tab', { name: 'Matrix' }).click();
  const head = page.locator('.matrix-col-head', { hasText: 'Digest of the International' });
  expect(await head.getAttribute('title')).toContain(long);
  const headBox = (await head.boundingBox())!;
  const outletBox = (await head.locator('.col-outlet').boundingBox())!;
  expect(outletBox.x + outletBox.width).toBeLessThanOrEqual(headBox.x + headBox.width);
  await page.getByLabel('Views').getByRole('tab', { name: 'Read' }).click();

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => row.count()).toBe(0);
  await page.getByLabel('Panels').getByRole('tab', { name: 'Claim', exact: true }).click();
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('an info message closes by itself or on a click; an error stays until dismissed and covers no control', async () => {
  const noteFile = (name: string, text: string) => {
    const file = path.join(app.workspace, name);
    writeFileSync(file, text);
    return file;
  };
  const imported = page.locator('.notice-info', { hasText: 'Imported' });
  await page.getByTestId('import-input').setInputFiles(noteFile('note-one.txt', 'Drone parts shipped by rail in 2024, records show\n\nA short note on drone parts shipped by rail in 2024.\n'));
  await imported.waitFor();

  // While it shows, an error arrives: a spreadsheet dropped on the window.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['a,b\n1,2\n'], 'figures.xlsx'));
    document.querySelector('.workbench')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  const error = page.locator('.notice-error', { hasText: 'None of the dropped files is an article' });
  await error.waitFor();
  await screenshot(page, 'layout-messages-1440');

  // Nothing the analyst can press is under a message.
  const overlaps = await page.evaluate(() => {
    const messages = [...document.querySelectorAll('.notice')].map((n) => n.getBoundingClientRect());
    const controls = [...document.querySelectorAll('button, select, input, [role="separator"], [role="tab"]')]
      .filter((c) => !c.closest('.notices') && (c as HTMLElement).offsetParent !== null)
      .map((c) => ({ name: c.textContent || c.getAttribute('aria-label') || c.tagName, r: c.getBoundingClientRect() }));
    return controls
      .filter(({ r }) => r.width > 0 && messages.some((m) => r.left < m.right && r.right > m.left && r.top < m.bottom && r.bottom > m.top))
      .map((c) => c.name);
  });
  expect(overlaps).toEqual([]);

  // The info message closes by itself after a few seconds; the error is still there.
  await imported.waitFor({ state: 'detached', timeout: 10_000 });
  expect(await error.isVisible()).toBe(true);

  // A click closes an info message at once.
  await page.getByTestId('import-input').setInputFiles(noteFile('note-two.txt', 'Engines bought through a trading company, invoices show\n\nA second note, on engines bought through a trading company.\n'));
  const second = page.locator('.notice-info', { hasText: 'Engines bought through a trading company' });
  await second.click();
  expect(await second.count()).toBe(0);

  await error.getByRole('button', { name: 'Dismiss' }).click();
  expect(await error.count()).toBe(0);
  // The two notes go again (one undo step each).
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => page.locator('.article-row').count()).toBe(5);
});

test('the top bar and the window title name the open file and its folder, and follow Save As', async () => {
  expect(await page.getByTestId('open-file').textContent()).toBe('drones.corroborate');
  expect(await page.getByTestId('open-folder').textContent()).toBe(`in ${app.workspace}`);
  expect(await page.getByTestId('casefile-title').textContent()).toBe(TITLE);
  expect(await page.title()).toBe(`drones.corroborate — ${TITLE} — Corroborate`);

  await page.getByRole('button', { name: 'Save As…' }).click();
  const saveAs = page.getByTestId('save-as-dialog');
  await saveAs.getByLabel('File name').fill('Drones checked copy');
  await saveAs.getByRole('button', { name: 'Save' }).click();
  await saveAs.waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('open-file').textContent()).toBe('Drones checked copy.corroborate');
  expect(await page.title()).toBe(`Drones checked copy.corroborate — ${TITLE} — Corroborate`);
  expect(existsSync(path.join(app.workspace, 'Drones checked copy.corroborate'))).toBe(true);
  await screenshot(page, 'layout-after-save-as-1440');
  expect(errors).toEqual([]);
});
