/**
 * ClaimReview and annotation import on the command line, as a user runs them:
 * the built dist-electron/cli.cjs (run `npm run build` first) on real files
 * in a temp folder.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Casefile } from '../../../shared/model/schema';
import { FIXTURES_DIR } from '../../support/fixtures';
import { REPO_ROOT } from '../../support/web-host';
import { buildSeedCasefile } from '../../fixtures/report/seed-casefile';

const CLI = path.join(REPO_ROOT, 'dist-electron', 'cli.cjs');
let dir: string;
let seedFile: string;
let articlesFile: string;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" before the integration tests.`);
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-interchange-'));
  const seed = buildSeedCasefile();
  seedFile = path.join(dir, 'drones.corroborate');
  writeFileSync(seedFile, JSON.stringify(seed));
  articlesFile = path.join(dir, 'articles.corroborate');
  writeFileSync(articlesFile, JSON.stringify({ ...seed, claims: {}, propositions: {}, reviews: {} }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('corroborate report --format claimreview', () => {
  test('writes one ClaimReview per chosen rated proposition', () => {
    const r = run(['report', seedFile, '--format', 'claimreview', '--propositions', 'p_programme,p_lethal_aid', '-o', 'reviews.jsonld']);
    expect(r.stderr).toContain('Wrote reviews.jsonld');
    expect(r.code).toBe(0);
    const reviews = JSON.parse(readFileSync(path.join(dir, 'reviews.jsonld'), 'utf8')) as Record<string, unknown>[];
    expect(reviews.map((x) => [x['@type'], x.claimReviewed])).toEqual([
      ['ClaimReview', 'Russia set up a drone programme in China'],
      ['ClaimReview', 'China provides lethal aid to Russia'],
    ]);
    expect(run(['report', '--help']).stdout).toContain('claimreview');
  });

  test('refuses a casefile with unrated propositions: exit 1, names them, writes nothing', () => {
    const r = run(['report', seedFile, '--format', 'claimreview', '-o', 'all.jsonld']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not rated: p_shahed .*; p_unaware /);
    expect(existsSync(path.join(dir, 'all.jsonld'))).toBe(false);
  });
});

describe('corroborate import-annotations', () => {
  const hypothesis = path.join(FIXTURES_DIR, 'annotations', 'hypothesis-search.json');

  test('--dry-run prints the counts and leaves the casefile as it was', () => {
    const before = readFileSync(articlesFile);
    const r = run(['import-annotations', articlesFile, hypothesis, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('anchored 2, moved 1, orphaned 1, not placed 1, duplicates 0, skipped 1');
    expect(r.stdout).toContain('not placed: hyp5AbCdEfGhIj “A sentence from an article this casefile does not hold.”');
    expect(readFileSync(articlesFile).equals(before)).toBe(true);
  });

  test('writes the claims into the casefile, with a mapping from the command line', () => {
    const target = path.join(dir, 'in-place.corroborate');
    copyFileSync(articlesFile, target);
    const r = run(['import-annotations', target, hypothesis, '--map', 'follow-up=ignore', '--map', 'Reuters=document', '--tags', 'keep']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(4 claims added)');
    const after = JSON.parse(readFileSync(target, 'utf8')) as Casefile;
    const claims = Object.values(after.claims);
    expect(claims.map((c) => c.anchor).sort()).toEqual(['exact', 'exact', 'moved', 'orphaned']);
    const viaEmail = claims.find((c) => c.notes.startsWith('Official on the record'))!;
    expect(viaEmail.notes).toBe('Official on the record, but only via email.');
    expect(viaEmail.createdBy).toBe('Alice Fact-Checker');
    expect(after.audit.at(-1)).toMatchObject({ action: 'batch', summary: 'Import annotations from hypothesis-search.json' });
  });

  test('a file that is not annotations, or a type the casefile lacks, is refused with a message', () => {
    const notJson = path.join(dir, 'notes.json');
    writeFileSync(notJson, '{"title": "my notes"}');
    const bad = run(['import-annotations', articlesFile, notJson]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/holds no annotations/);
    const wrongType = run(['import-annotations', articlesFile, hypothesis, '--map', 'Reuters=gossip', '--dry-run']);
    expect(wrongType.code).toBe(2);
    expect(wrongType.stderr).toContain('no sourcing type "gossip"');
  });
});
