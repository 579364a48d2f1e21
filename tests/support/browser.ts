import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../electron/services/export/pdf';
import { REPO_ROOT } from './web-host';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

/** Chromium with the flags the app prints PDFs with: the tests drive the same browser set-up. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Holds back the window's answers to one API call until release(), so that
 * the events the Node side sends meanwhile overtake them, as they can on a
 * busy machine. release() lets them through and waits until they arrive.
 */
export async function holdAnswers(page: Page, call: string): Promise<{ release: () => Promise<void> }> {
  const pattern = `**/api/${call}`;
  let open = () => undefined as void;
  const held = new Promise<void>((resolve) => { open = resolve; });
  await page.route(pattern, async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  return {
    release: async () => {
      const answered = page.waitForResponse(pattern);
      open();
      await answered;
      await page.unroute(pattern);
    },
  };
}
