/**
 * The command line for REFI-QDA projects, as a user runs it: the built
 * dist-electron/cli.cjs (run `npm run build` first) on files in a temp folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Casefile } from '../../../shared/model/schema';
import { rootTypeId } from '../../../shared/model/casefile';
import { buildSeedCasefile, SEED_COUNTS } from '../../fixtures/report/seed-casefile';
import { ATLAS_SAMPLES, readWithPython, writeWithPython } from '../../support/qdpx';
import { REPO_ROOT } from '../../support/web-host';

const CLI = path.join(REPO_ROOT, 'dist-electron', 'cli.cjs');
let dir: string;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" before the integration tests.`);
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-qdpx-cli-'));
  writeFileSync(path.join(dir, 'seed.corroborate'), JSON.stringify(buildSeedCasefile()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('report --format qdpx writes a valid project, and import-qdpx makes a new casefile of it', () => {
  const exported = run(['report', 'seed.corroborate', '--format', 'qdpx', '-o', 'seed.qdpx']);
  expect(exported.stderr).toContain('Wrote seed.qdpx (qdpx');
  expect(exported.code).toBe(0);
  expect(readWithPython(path.join(dir, 'seed.qdpx')).valid).toBe(true);

  const imported = run(['import-qdpx', 'seed.qdpx', 'back.corroborate', '--analyst', 'Cli Tester']);
  expect(imported.code).toBe(0);
  expect(imported.stderr).toContain(`Wrote back.corroborate: ${SEED_COUNTS.articles} articles, ${SEED_COUNTS.claims} claims`);
  const back = Casefile.parse(JSON.parse(readFileSync(path.join(dir, 'back.corroborate'), 'utf8')));
  expect(Object.keys(back.claims)).toHaveLength(SEED_COUNTS.claims);
  expect(back.audit.at(-1)).toMatchObject({ by: 'Cli Tester', action: 'casefile.importQdpx' });

  const again = run(['import-qdpx', 'seed.qdpx', 'back.corroborate']);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('already exists');
});

test('a part of a casefile is refused as a project, with the reason', () => {
  const r = run(['report', 'seed.corroborate', '--format', 'qdpx', '--article', 'a_000', '-o', 'part.qdpx']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('holds the whole casefile');
  expect(existsSync(path.join(dir, 'part.qdpx'))).toBe(false);
});

test('--codes lists where codes go; --map sends a code to a type; what is not carried is listed', () => {
  writeWithPython(path.join(dir, 'other.qdpx'));
  const codes = run(['import-qdpx', 'other.qdpx', '--codes', '--map', 'Eyewitness=Direct observation']);
  expect(codes.stdout).toBe('Code\tSelections\tBecomes\nWho speaks › named official\t1\ttype: Named official\nWho speaks › Eyewitness\t1\ttype: Direct observation\nWater\t1\ttag\n');
  const r = run(['import-qdpx', 'other.qdpx', 'other.corroborate', '--map', 'Who speaks > Eyewitness=direct-observation']);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('1 article, 3 claims (2 with a sourcing type, 1 with tags)');
  expect(r.stderr).toContain('Not carried over:\n  - picture source “Photo of the dam”');
  const cf = Casefile.parse(JSON.parse(readFileSync(path.join(dir, 'other.corroborate'), 'utf8')));
  expect(Object.values(cf.claims).map(rootTypeId).sort()).toEqual(['direct-observation', 'named-official', null].sort());

  const bad = run(['import-qdpx', 'other.qdpx', 'x.corroborate', '--map', 'Nope=tag']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('no code "Nope"');
});

test('an ATLAS.ti sample imports from the command line', () => {
  const r = run(['import-qdpx', ATLAS_SAMPLES[1]!, 'atlas.corroborate']);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('Wrote atlas.corroborate: 0 articles, 0 claims');
});

test('a file that is not a project fails with a message, exit 1', () => {
  writeFileSync(path.join(dir, 'fake.qdpx'), 'just text');
  const r = run(['import-qdpx', 'fake.qdpx', 'fake.corroborate']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('not a zip archive');
  expect(existsSync(path.join(dir, 'fake.corroborate'))).toBe(false);
});
