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
import { afterAll, beforeAll, expect, test } from 'vitest';
import { holdAnswers, screenshot } from '../support/browser';
import { smallCasefile } from '../support/random-commands';
import { chooseClaim, connection, notesOf, openFromLink, setNotes, shareCasefile, startTeamRig, workspaceWith, type TeamRig } from '../support/team-browser';

let rig: TeamRig;

beforeAll(async () => {
  rig = await startTeamRig([['dana', 'Dana Whitfield'], ['ben', 'Ben Okafor'], ['cleo', 'Cleo Marsh']]);
});
afterAll(async () => {
  await rig?.close();
});

test('share, open from a link and from the list, edits, presence, offline and reconnect', async () => {
  const { server, tokens, admin } = rig;
  const dana = await rig.analystPage('Dana Whitfield', workspaceWith('drones', smallCasefile(11), 'cf_drones', 'Drone parts for Russia'));
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
  const ben = await rig.analystPage('Ben Okafor');
  await ben.getByRole('button', { name: 'Open from team server…' }).click();
  const openBen = ben.getByTestId('open-team-dialog');
  await openBen.getByLabel('Link from a teammate').fill(link);
  await openBen.getByLabel('Your token').fill(tokens.ben!);
  await screenshot(ben, 'team-open-dialog');
  await openBen.getByRole('button', { name: 'Open link' }).click();
  await expect.poll(() => connection(ben).textContent(), { timeout: 20_000 }).toContain('Connected');

  const cleo = await rig.analystPage('Cleo Marsh');
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
  await setNotes(dana, 0, 'Dana: the customs figures need a second source');
  await expect.poll(() => notesOf(ben), { timeout: 15_000 }).toBe('Dana: the customs figures need a second source');
  await expect.poll(() => notesOf(cleo), { timeout: 15_000 }).toBe('Dana: the customs figures need a second source');
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
  await setNotes(ben, 0, 'Ben, on the train: same wording as the wire copy');
  await expect.poll(() => connection(ben).textContent()).toContain('1 change waiting');
  await screenshot(ben, 'team-offline-waiting');
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await notesOf(dana)).toBe('Dana: the customs figures need a second source');
  // The answer to Connect is held back until the edit has reached Dana, so the "connected" event overtakes it, as it
  // can on a busy machine: the older answer ("Reconnecting… · 1 change waiting") must not undo what the event said.
  const answer = await holdAnswers(ben, 'setTeamOnline');
  await ben.getByRole('button', { name: 'Team ▾' }).click();
  await ben.getByRole('button', { name: 'Connect' }).click();
  await expect.poll(() => notesOf(dana), { timeout: 15_000 }).toBe('Ben, on the train: same wording as the wire copy');
  await expect.poll(() => connection(ben).textContent(), { timeout: 20_000 }).toBe('Connected');
  await answer.release();
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await connection(ben).textContent()).toBe('Connected');
  await expect.poll(() => notesOf(cleo), { timeout: 15_000 }).toBe('Ben, on the train: same wording as the wire copy');
  await screenshot(cleo, 'team-after-reconnect');

  // Dana deletes the claim Ben changed: Ben is told, with his version to restore.
  await chooseClaim(dana);
  await dana.getByRole('button', { name: 'Delete claim' }).click();
  if (await dana.getByRole('dialog').isVisible()) await dana.keyboard.press('Enter');
  const conflicts = ben.getByTestId('team-conflicts');
  await conflicts.waitFor({ timeout: 15_000 });
  expect(await conflicts.textContent()).toContain('Dana Whitfield deleted a claim you had changed');
  await screenshot(ben, 'team-conflict-notice');
  await conflicts.getByRole('button', { name: 'Restore my claim' }).click();
  await conflicts.waitFor({ state: 'detached', timeout: 15_000 });
  await expect.poll(() => notesOf(dana), { timeout: 15_000 }).toBe('Ben, on the train: same wording as the wire copy');

  // Differences with teammates, in the Review view.
  await dana.getByRole('tab', { name: 'Review' }).click();
  await dana.getByRole('group', { name: 'Differences with teammates' }).getByRole('button', { name: 'Ben Okafor' }).click();
  await dana.getByRole('tab', { name: /Differences/ }).first().waitFor();
  await screenshot(dana, 'team-differences');
  expect(rig.pageErrors).toEqual([]);
});

test('what Ben is typing into a claim Dana deletes is kept: the claim comes back with it, and both are told', async () => {
  const dana = await rig.analystPage('Dana Whitfield', workspaceWith('typing', smallCasefile(12), 'cf_typing', 'Typing over a deletion'));
  await dana.getByRole('button', { name: /^typing/ }).first().click();
  const link = await shareCasefile(dana, rig, 'dana');
  await rig.admin('roles', { team: 'desk', casefileId: 'cf_typing', analyst: 'ben', role: 'editor' });
  const ben = await rig.analystPage('Ben Okafor');
  await openFromLink(ben, link, rig.tokens.ben!);

  // Ben types a note and has not left the field when Dana's deletion arrives.
  await chooseClaim(ben);
  const quote = await ben.getByTestId('inspector').getByTestId('claim-quote').textContent();
  await ben.getByTestId('inspector').getByRole('textbox', { name: 'Notes' }).pressSequentially('Ben: check the customs data', { delay: 5 });
  await chooseClaim(dana);
  await dana.getByRole('button', { name: 'Delete claim' }).click();
  if (await dana.getByRole('dialog').isVisible()) await dana.keyboard.press('Enter');

  const bensNotice = ben.getByTestId('team-conflicts');
  await expect.poll(() => bensNotice.textContent(), { timeout: 15_000 }).toContain('Dana Whitfield deleted this claim while you were typing in it: it is back, with what you typed.');
  const danasNotice = dana.getByTestId('team-conflicts');
  await expect.poll(() => danasNotice.textContent(), { timeout: 15_000 }).toContain('but Ben Okafor was still editing it: it is back.');
  await screenshot(ben, 'team-typed-over-deletion');
  await expect.poll(() => notesOf(dana), { timeout: 15_000 }).toBe('Ben: check the customs data');
  expect(await dana.getByTestId('inspector').getByTestId('claim-quote').textContent()).toBe(quote);
  expect(await notesOf(ben)).toBe('Ben: check the customs data');
  expect(rig.pageErrors).toEqual([]);
});
