/**
 * The newsroom set-up in Chromium: PostgreSQL and Redis from Debian's
 * packages, two team server instances sharing them. Dana's app talks to the
 * first instance, Ben's to the second (`corroborate serve` in a process of its
 * own). Their edits cross instances both ways. The second instance is killed
 * with SIGKILL: Ben keeps editing with the change counted as waiting, Dana
 * edits meanwhile, and once the instance is started again every edit is on
 * both replicas.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { screenshot } from '../support/browser';
import { freePort, postgresBinaries, startPostgres, type TestPostgres } from '../support/postgres';
import { smallCasefile } from '../support/random-commands';
import { redisBinary, startRedis, type TestRedis } from '../support/redis';
import { skipBecause } from '../support/skip';
import { connection, notesOf, openFromLink, setNotes, shareCasefile, startTeamRig, workspaceWith, type TeamRig } from '../support/team-browser';
import { spawnServe, type ServeProcess } from '../support/team-server';

const pgBin = postgresBinaries();
const redisBin = redisBinary();
const missing = !pgBin ? 'PostgreSQL is not installed (apt-get install postgresql)' : !redisBin ? 'redis-server is not installed (apt-get install redis-server)' : null;

let postgres: TestPostgres | null = null;
let redis: TestRedis | null = null;
let rig: TeamRig | null = null;
let second: ServeProcess | null = null;

beforeAll(async () => {
  if (missing) return;
  postgres = await startPostgres(pgBin!);
  redis = await startRedis(redisBin!);
  rig = await startTeamRig([['dana', 'Dana Whitfield'], ['ben', 'Ben Okafor']], { postgres: postgres.url, redis: redis.url });
});
afterAll(async () => {
  // Each stopped whatever happened to the others: a PostgreSQL or Redis left running would outlive the tests.
  await rig?.close().catch(() => undefined);
  await second?.stop().catch(() => undefined);
  await redis?.stop().catch(() => undefined);
  postgres?.stop();
});

/** The second instance, on `port`, sharing the first one's PostgreSQL and Redis. */
function secondInstance(port: number): Promise<ServeProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-team-e2e-second-'));
  return spawnServe(['--port', String(port), '--data', dataDir, '--postgres', postgres!.url, '--redis', redis!.url]);
}

test('two analysts on two server instances: edits cross, and survive the second instance being killed', async (ctx) => {
  if (missing) return skipBecause(ctx, missing);
  const port = await freePort();
  second = await secondInstance(port);

  const dana = await rig!.analystPage('Dana Whitfield', workspaceWith('newsroom', smallCasefile(31), 'cf_newsroom', 'Newsroom on two instances'));
  await dana.getByRole('button', { name: /^newsroom/ }).first().click();
  await shareCasefile(dana, rig!, 'dana');
  await rig!.admin('roles', { team: 'desk', casefileId: 'cf_newsroom', analyst: 'ben', role: 'editor' });
  const ben = await rig!.analystPage('Ben Okafor');
  // The same casefile, reached through the second instance (as a load balancer would send him).
  await openFromLink(ben, `${second.url}/open/desk/cf_newsroom`, rig!.tokens.ben!);

  await setNotes(dana, 0, 'Dana, through instance 1');
  await expect.poll(() => notesOf(ben, 0), { timeout: 15_000 }).toBe('Dana, through instance 1');
  await setNotes(ben, 1, 'Ben, through instance 2');
  await expect.poll(() => notesOf(dana, 1), { timeout: 15_000 }).toBe('Ben, through instance 2');

  // The second instance dies mid-session; Ben keeps working.
  await second.stop('SIGKILL');
  await expect.poll(() => connection(ben).textContent(), { timeout: 15_000 }).not.toContain('Connected');
  await setNotes(ben, 2, 'Ben, while instance 2 was down');
  await expect.poll(() => connection(ben).textContent()).toContain('1 change waiting');
  await screenshot(ben, 'team-newsroom-instance-down');
  await setNotes(dana, 3, 'Dana, meanwhile on instance 1');

  second = await secondInstance(port);
  await expect.poll(() => connection(ben).textContent(), { timeout: 30_000 }).toBe('Connected');
  for (const [n, notes] of [[0, 'Dana, through instance 1'], [1, 'Ben, through instance 2'], [2, 'Ben, while instance 2 was down'], [3, 'Dana, meanwhile on instance 1']] as const) {
    await expect.poll(() => notesOf(dana, n), { timeout: 15_000 }).toBe(notes);
    await expect.poll(() => notesOf(ben, n), { timeout: 15_000 }).toBe(notes);
  }
  expect(rig!.pageErrors).toEqual([]);
});
