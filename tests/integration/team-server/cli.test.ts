/**
 * The team server as an admin runs it: the built command line
 * (dist-electron/cli.cjs, `npm run build` first) serving a data folder, and
 * `corroborate team …` setting up a team, an analyst, a role and a revocation.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, CLI, runCli, spawnServe, type ServeProcess } from '../../support/team-server';

let dir: string;
let served: ServeProcess;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" before the integration tests.`);
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-team-cli-'));
  served = await spawnServe(['--data', path.join(dir, 'data')]);
});

afterAll(async () => {
  await served?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('corroborate serve and corroborate team', () => {
  it('sets up a team, an analyst and a role, and revokes the analyst', async () => {
    expect(served.adminToken).toMatch(/^ct_/);
    const env = { CORROBORATE_ADMIN_TOKEN: served.adminToken! };
    const team = (...args: string[]) => runCli(['team', ...args, '--server', served.url], env);

    expect(await team('add-team', 'desk', 'News desk')).toMatchObject({ code: 0, stdout: 'Added team desk.\n' });
    const added = await team('add-analyst', 'anna', 'Anna Berg', '--team', 'desk');
    expect(added.code).toBe(0);
    const token = /Token for anna[^:]*: (ct_\S+)/.exec(added.stdout)?.[1];
    expect(token).toBeDefined();
    expect((await call(served.url, token!, 'GET', '/api/me')).body).toEqual({ analystId: 'anna', name: 'Anna Berg', teams: ['desk'] });

    const granted = await team('grant', 'desk', 'cf_drones', 'anna', 'editor');
    expect(granted.code).toBe(1);
    expect(granted.stderr).toMatch(/no casefile desk\/cf_drones: publish it first/);
    expect((await call(served.url, token!, 'POST', '/api/casefiles', { team: 'desk', casefileId: 'cf_drones', title: 'Drones' })).status).toBe(201);
    expect(await team('grant', 'desk', 'cf_drones', 'anna', 'reviewer')).toMatchObject({ code: 0 });
    expect((await call(served.url, token!, 'GET', '/api/casefiles')).body).toEqual([{ team: 'desk', casefileId: 'cf_drones', title: 'Drones', role: 'reviewer' }]);

    const listed = await team('list');
    expect(listed.stdout).toMatch(/anna\tAnna Berg\tdesk\t1/);
    expect(listed.stdout).toMatch(/desk\/cf_drones\tanna\treviewer/);

    expect(await team('revoke', 'anna')).toMatchObject({ code: 0, stdout: expect.stringMatching(/Revoked 1 token of anna/) });
    expect((await call(served.url, token!, 'GET', '/api/me')).status).toBe(401);
    expect(served.stderr()).toMatch(/admin: revoked 1 token\(s\) of anna/);
  });

  it('refuses a wrong admin token and bad usage', async () => {
    const wrong = await runCli(['team', 'list', '--server', served.url, '--admin-token', 'ct_wrong']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/refused \(401\)/);
    expect((await runCli(['team', 'grant', 'desk'])).code).toBe(2);
    expect((await runCli(['serve', '--port', 'many'])).code).toBe(2);
  });

  it('makes a new admin token offline; the data folder keeps everything across a restart', async () => {
    await served.stop();
    const reset = await runCli(['team', 'reset-admin-token', '--data', path.join(dir, 'data')]);
    const fresh = /: (ct_\S+)/.exec(reset.stdout)?.[1];
    expect(fresh).toBeDefined();
    served = await spawnServe(['--data', path.join(dir, 'data')]);
    expect(served.adminToken).toBeNull();
    const listed = await runCli(['team', 'list', '--server', served.url, '--admin-token', fresh!]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/desk\/cf_drones\tanna\treviewer/);
  });
});
