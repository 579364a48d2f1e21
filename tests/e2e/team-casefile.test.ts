/**
 * A team casefile end to end in Chromium: a real team server and three
 * browser-mode hosts (Dana, Ben, Cleo), each with its own workspace. Dana
 * shares a casefile from the Share… dialog; Ben opens it from the link and
 * Cleo from the server's list; an edit on one appears on the others; each
 * sees who is online and what they read; Cleo, a reviewer, sees the casefile
 * read-only with comments open; Ben works offline, edits, and his
 * edit reaches the others when he connects again; Dana deletes the claim Ben
 * changed, Ben is told and restores his version. Then, on another casefile:
 * what Ben is still typing into a claim Dana deletes brings the claim back.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Casefile } from '../../shared/model/schema';
import { startTeamServer } from '../../electron/services/team-server/index';
import { launchChromium, screenshot } from '../support/browser';
import { smallCasefile } from '../support/random-commands';
import { startBuiltWebHost, type RunningWebHost } from '../support/web-host';

type TeamServer = Awaited<ReturnType<typeof startTeamServer>>;

let server: TeamServer;
let browser: Browser;
const hosts: RunningWebHost[] = [];
const tokens: Record<string, string> = {};
const pageErrors: string[] = [];

async function admin(call: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${server.url}/admin/${call}`, {
    method: 'POST', headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`admin ${call}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<unknown>;
}

async function analystPage(name: string, workspace?: string): Promise<Page> {
  const host = await startBuiltWebHost({ workspace });
  hosts.push(host);
  const context = await browser.newContext({ viewport: { width: 1440, height: 860 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
  await page.goto(host.url);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  return page;
}

beforeAll(async () => {
  server = await startTeamServer({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'corroborate-team-e2e-')) });
  await admin('teams', { id: 'desk', name: 'Desk' });
  for (const [id, name] of [['dana', 'Dana Whitfield'], ['ben', 'Ben Okafor'], ['cleo', 'Cleo Marsh']] as const) {
    tokens[id] = ((await admin('analysts', { id, name, team: 'desk' })) as { token: string }).token;
  }
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const host of hosts) await host.stop();
  await server?.close();
});

const connection = (page: Page) => page.getByTestId('team-connection');

/** The first claim of the whole casefile's list: the same claim on every replica. */
async function chooseFirstClaim(page: Page): Promise<void> {
  await page.getByLabel('Panels').getByRole('tab', { name: 'Claims', exact: true }).click();
  const scope = page.getByRole('group', { name: 'Show claims of' });
  if (await scope.isVisible()) await scope.getByRole('button', { name: 'Casefile' }).click();
  await page.getByTestId('claims-list').getByRole('option').first().click();
  await page.getByLabel('Panels').getByRole('tab', { name: 'Claim', exact: true }).click();
}

async function notesOfFirstClaim(page: Page): Promise<string> {
  await chooseFirstClaim(page);
  return page.getByTestId('inspector').getByRole('textbox', { name: 'Notes' }).inputValue();
}

async function setNotesOfFirstClaim(page: Page, notes: string): Promise<void> {
  await chooseFirstClaim(page);
  const field = page.getByTestId('inspector').getByRole('textbox', { name: 'Notes' });
  await field.fill(notes);
  await field.press('Tab');
}

test('share, open from a link and from the list, edits, presence, offline and reconnect', async () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-team-dana-'));
  const start: Casefile = smallCasefile(11);
  writeFileSync(path.join(workspace, 'drones.corroborate'), JSON.stringify({ ...start, meta: { ...start.meta, id: 'cf_drones', title: 'Drone parts for Russia' } }));
  const dana = await analystPage('Dana Whitfield', workspace);
  await dana.getByRole('button', { name: /^drones/ }).first().click();

  // Share…
  await dana.getByRole('button', { name: 'Share…' }).click();
  const share = dana.getByTestId('share-dialog');
  await share.getByLabel('Team server').fill(server.url);
  await share.getByLabel('Your token').fill(tokens.dana!);
  await share.getByLabel('Team', { exact: true }).fill('desk');
  await screenshot(dana, 'team-share-dialog');
  await share.getByRole('button', { name: 'Share' }).click();
  const link = await share.getByTestId('team-link').inputValue();
  expect(link).toBe(`${server.url}/open/desk/cf_drones`);
  await screenshot(dana, 'team-shared-link');
  await share.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => connection(dana).textContent()).toContain('Connected');
  await admin('roles', { team: 'desk', casefileId: 'cf_drones', analyst: 'ben', role: 'editor' });
  await admin('roles', { team: 'desk', casefileId: 'cf_drones', analyst: 'cleo', role: 'reviewer' });

  // Ben opens the link; Cleo picks it from the server's list.
  const ben = await analystPage('Ben Okafor');
  await ben.getByRole('button', { name: 'Open from team server…' }).click();
  const openBen = ben.getByTestId('open-team-dialog');
  await openBen.getByLabel('Link from a teammate').fill(link);
  await openBen.getByLabel('Your token').fill(tokens.ben!);
  await screenshot(ben, 'team-open-dialog');
  await openBen.getByRole('button', { name: 'Open link' }).click();
  await expect.poll(() => connection(ben).textContent(), { timeout: 20_000 }).toContain('Connected');

  const cleo = await analystPage('Cleo Marsh');
  await cleo.getByRole('button', { name: 'Open from team server…' }).click();
  const openCleo = cleo.getByTestId('open-team-dialog');
  await openCleo.getByLabel('Your token').fill(tokens.cleo!);
  await openCleo.getByLabel('Team server').fill(server.url);
  await openCleo.getByRole('button', { name: 'List casefiles' }).click();
  await openCleo.getByRole('button', { name: /Drone parts for Russia/ }).click();
  await expect.poll(() => connection(cleo).textContent(), { timeout: 20_000 }).toContain('Connected');
  // Cleo reviews: she may comment, not edit.
  await cleo.getByText('Reviewer: comments only').waitFor();

  // An edit on Dana's appears on Ben's and Cleo's.
  await setNotesOfFirstClaim(dana, 'Dana: the customs figures need a second source');
  await expect.poll(() => notesOfFirstClaim(ben), { timeout: 15_000 }).toBe('Dana: the customs figures need a second source');
  await expect.poll(() => notesOfFirstClaim(cleo), { timeout: 15_000 }).toBe('Dana: the customs figures need a second source');
  expect(await ben.getByTestId('claim-changed-by').textContent()).toContain('Dana Whitfield');

  // Presence: Ben reads an article; Dana sees him online, reading it.
  await ben.locator('.article-scroller').getByRole('option').first().click();
  await expect.poll(() => dana.getByTestId('team-online').textContent(), { timeout: 15_000 }).toMatch(/Ben Okafor, reading/);
  await expect.poll(() => dana.getByTestId('team-online').textContent()).toContain('Cleo Marsh');
  await screenshot(dana, 'team-presence');

  // Ben works offline, edits, and his edit arrives when he connects again.
  await ben.getByRole('button', { name: 'Team ▾' }).click();
  await ben.getByRole('button', { name: 'Work offline' }).click();
  await expect.poll(() => connection(ben).textContent()).toContain('Offline');
  await setNotesOfFirstClaim(ben, 'Ben, on the train: same wording as the wire copy');
  await expect.poll(() => connection(ben).textContent()).toContain('1 change waiting');
  await screenshot(ben, 'team-offline-waiting');
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await notesOfFirstClaim(dana)).toBe('Dana: the customs figures need a second source');
  await ben.getByRole('button', { name: 'Team ▾' }).click();
  await ben.getByRole('button', { name: 'Connect' }).click();
  await expect.poll(() => connection(ben).textContent(), { timeout: 20_000 }).toBe('Connected');
  await expect.poll(() => notesOfFirstClaim(dana), { timeout: 15_000 }).toBe('Ben, on the train: same wording as the wire copy');
  await expect.poll(() => notesOfFirstClaim(cleo), { timeout: 15_000 }).toBe('Ben, on the train: same wording as the wire copy');
  await screenshot(cleo, 'team-after-reconnect');

  // Dana deletes the claim Ben changed: Ben is told, with his version to restore.
  await chooseFirstClaim(dana);
  await dana.getByRole('button', { name: 'Delete claim' }).click();
  if (await dana.getByRole('dialog').isVisible()) await dana.keyboard.press('Enter');
  const conflicts = ben.getByTestId('team-conflicts');
  await conflicts.waitFor({ timeout: 15_000 });
  expect(await conflicts.textContent()).toContain('Dana Whitfield deleted a claim you had changed');
  await screenshot(ben, 'team-conflict-notice');
  await conflicts.getByRole('button', { name: 'Restore my claim' }).click();
  await conflicts.waitFor({ state: 'detached', timeout: 15_000 });
  await expect.poll(() => notesOfFirstClaim(dana), { timeout: 15_000 }).toBe('Ben, on the train: same wording as the wire copy');

  // Differences with teammates, in the Review view.
  await dana.getByRole('tab', { name: 'Review' }).click();
  await dana.getByRole('group', { name: 'Differences with teammates' }).getByRole('button', { name: 'Ben Okafor' }).click();
  await dana.getByRole('tab', { name: /Differences/ }).first().waitFor();
  await screenshot(dana, 'team-differences');
  expect(pageErrors).toEqual([]);
});

test('what Ben is typing into a claim Dana deletes is kept: the claim comes back with it, and both are told', async () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-team-typing-'));
  const start: Casefile = smallCasefile(12);
  writeFileSync(path.join(workspace, 'typing.corroborate'), JSON.stringify({ ...start, meta: { ...start.meta, id: 'cf_typing', title: 'Typing over a deletion' } }));
  const dana = await analystPage('Dana Whitfield', workspace);
  await dana.getByRole('button', { name: /^typing/ }).first().click();
  await dana.getByRole('button', { name: 'Share…' }).click();
  const share = dana.getByTestId('share-dialog');
  await share.getByLabel('Team server').fill(server.url);
  await share.getByLabel('Your token').fill(tokens.dana!);
  await share.getByLabel('Team', { exact: true }).fill('desk');
  await share.getByRole('button', { name: 'Share' }).click();
  const link = await share.getByTestId('team-link').inputValue();
  await share.getByRole('button', { name: 'Done' }).click();
  await admin('roles', { team: 'desk', casefileId: 'cf_typing', analyst: 'ben', role: 'editor' });
  const ben = await analystPage('Ben Okafor');
  await ben.getByRole('button', { name: 'Open from team server…' }).click();
  await ben.getByTestId('open-team-dialog').getByLabel('Link from a teammate').fill(link);
  await ben.getByTestId('open-team-dialog').getByLabel('Your token').fill(tokens.ben!);
  await ben.getByTestId('open-team-dialog').getByRole('button', { name: 'Open link' }).click();
  await expect.poll(() => connection(ben).textContent(), { timeout: 20_000 }).toContain('Connected');

  // Ben types a note and has not left the field when Dana's deletion arrives.
  await chooseFirstClaim(ben);
  const quote = await ben.getByTestId('inspector').getByTestId('claim-quote').textContent();
  await ben.getByTestId('inspector').getByRole('textbox', { name: 'Notes' }).pressSequentially('Ben: check the customs data', { delay: 5 });
  await chooseFirstClaim(dana);
  await dana.getByRole('button', { name: 'Delete claim' }).click();
  if (await dana.getByRole('dialog').isVisible()) await dana.keyboard.press('Enter');

  const bensNotice = ben.getByTestId('team-conflicts');
  await expect.poll(() => bensNotice.textContent(), { timeout: 15_000 }).toContain('Dana Whitfield deleted this claim while you were typing in it: it is back, with what you typed.');
  const danasNotice = dana.getByTestId('team-conflicts');
  await expect.poll(() => danasNotice.textContent(), { timeout: 15_000 }).toContain('but Ben Okafor was still editing it: it is back.');
  await screenshot(ben, 'team-typed-over-deletion');
  await expect.poll(() => notesOfFirstClaim(dana), { timeout: 15_000 }).toBe('Ben: check the customs data');
  expect(await dana.getByTestId('inspector').getByTestId('claim-quote').textContent()).toBe(quote);
  expect(await notesOfFirstClaim(ben)).toBe('Ben: check the customs data');
  expect(pageErrors).toEqual([]);
});
