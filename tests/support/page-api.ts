import type { Page } from 'playwright-core';

/**
 * Calls the browser-mode API from inside the page, with the tab's token, as
 * the app does: for end-to-end checks of what the Node side holds.
 */
export async function apiFromPage<T>(page: Page, name: string, args: unknown): Promise<T> {
  return page.evaluate(async ({ name, args }) => {
    // The app keeps the token for the tab and takes it out of the address bar.
    const token = sessionStorage.getItem('corroborate-token') ?? '';
    const response = await fetch(`./api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': token }, body: JSON.stringify(args) });
    const body = await response.json() as { ok: boolean; result: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(body.error?.message);
    return body.result;
  }, { name, args }) as Promise<T>;
}
