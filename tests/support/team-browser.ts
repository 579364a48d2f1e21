/**
 * For the team end-to-end tests: a real team server (startTeamServer on a
 * temporary folder) with one team, `desk`, its analysts and their tokens;
 * each analyst a browser-mode host of their own in Chromium; and the steps
 * every such test takes (share a casefile, open it from a link, pick a claim).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startTeamServer, type TeamServerOptions } from '../../electron/services/team-server/index';
import type { Casefile } from '../../shared/model/schema';
import { launchChromium } from './browser';
import { startBuiltWebHost, type RunningWebHost } from './web-host';

export interface TeamRig {
  server: Awaited<ReturnType<typeof startTeamServer>>;
  /** Each analyst's token, by id. */
  tokens: Record<string, string>;
  /** Errors thrown in any analyst's page. */
  pageErrors: string[];
  /** A call of the server's admin API. */
  admin(call: string, body: unknown): Promise<unknown>;
  /** A new browser-mode host (on `workspace`, or a new one) and a page in it, past the name prompt. */
  analystPage(name: string, workspace?: string): Promise<Page>;
  close(): Promise<void>;
}

/** `storage`: PostgreSQL and Redis URLs for the server (the embedded SQLite default without). */
export async function startTeamRig(analysts: readonly (readonly [id: string, name: string])[], storage: Pick<TeamServerOptions, 'postgres' | 'redis'> = {}): Promise<TeamRig> {
  const server = await startTeamServer({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'corroborate-team-e2e-')), ...storage });
  const hosts: RunningWebHost[] = [];
  const pageErrors: string[] = [];
  let browser: Browser | null = null;
  const admin = async (call: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${server.url}/admin/${call}`, {
      method: 'POST', headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`admin ${call}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  await admin('teams', { id: 'desk', name: 'Desk' });
  const tokens: Record<string, string> = {};
  for (const [id, name] of analysts) tokens[id] = ((await admin('analysts', { id, name, team: 'desk' })) as { token: string }).token;
  browser = await launchChromium();
  return {
    server, tokens, pageErrors, admin,
    async analystPage(name, workspace) {
      const host = await startBuiltWebHost({ workspace });
      hosts.push(host);
      const context = await browser!.newContext({ viewport: { width: 1440, height: 860 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
      await page.goto(host.url);
      await page.getByLabel('Your name').fill(name);
      await page.getByRole('button', { name: 'Continue' }).click();
      return page;
    },
    async close() {
      await browser?.close();
      for (const host of hosts) await host.stop();
      await server.close();
    },
  };
}

/** A workspace holding one casefile, `<file>.corroborate`, with this id and title. */
export function workspaceWith(file: string, casefile: Casefile, id: string, title: string): string {
  const workspace = mkdtempSync(path.join(os.tmpdir(), `corroborate-team-${file}-`));
  writeFileSync(path.join(workspace, `${file}.corroborate`), JSON.stringify({ ...casefile, meta: { ...casefile.meta, id, title } }));
  return workspace;
}

export const connection = (page: Page) => page.getByTestId('team-connection');

/** Share… on the open casefile, to team `desk`: the link teammates open. */
export async function shareCasefile(page: Page, rig: TeamRig, analystId: string): Promise<string> {
  await page.getByRole('button', { name: 'Share…' }).click();
  const share = page.getByTestId('share-dialog');
  await share.getByLabel('Team server').fill(rig.server.url);
  await share.getByLabel('Your token').fill(rig.tokens[analystId]!);
  await share.getByLabel('Team', { exact: true }).fill('desk');
  await share.getByRole('button', { name: 'Share' }).click();
  const link = await share.getByTestId('team-link').inputValue();
  await share.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => connection(page).textContent(), { timeout: 20_000 }).toContain('Connected');
  return link;
}

/** Open from team server… with a teammate's link, until connected. */
export async function openFromLink(page: Page, link: string, token: string): Promise<void> {
  await page.getByRole('button', { name: 'Open from team server…' }).click();
  const open = page.getByTestId('open-team-dialog');
  await open.getByLabel('Link from a teammate').fill(link);
  await open.getByLabel('Your token').fill(token);
  await open.getByRole('button', { name: 'Open link' }).click();
  await expect.poll(() => connection(page).textContent(), { timeout: 20_000 }).toContain('Connected');
}

/** The n-th claim of the whole casefile's list, in the Claim panel: the same claim on every replica. */
export async function chooseClaim(page: Page, n = 0): Promise<void> {
  await page.getByRole('tab', { name: 'Read' }).click().catch(() => undefined);
  await page.getByLabel('Panels').getByRole('tab', { name: 'Claims', exact: true }).click();
  const scope = page.getByRole('group', { name: 'Show claims of' });
  if (await scope.isVisible()) await scope.getByRole('button', { name: 'Casefile' }).click();
  await page.getByTestId('claims-list').getByRole('option').nth(n).click();
  await page.getByLabel('Panels').getByRole('tab', { name: 'Claim', exact: true }).click();
}

export async function notesOf(page: Page, n = 0): Promise<string> {
  await chooseClaim(page, n);
  return page.getByTestId('inspector').getByRole('textbox', { name: 'Notes' }).inputValue();
}

/** Types the notes of the n-th claim and leaves the field with Tab. */
export async function setNotes(page: Page, n: number, notes: string): Promise<void> {
  await chooseClaim(page, n);
  const field = page.getByTestId('inspector').getByRole('textbox', { name: 'Notes' });
  await field.fill(notes);
  await field.press('Tab');
}
