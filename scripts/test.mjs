// `npm test`: every check and every test, in order, stopping at the first failure:
// typecheck, lint, the Electron security scan, a build (the command-line and
// web-host tests run the built code), the unit and integration tests, then the
// end-to-end tests in Chromium.
//
// The unit and integration tests run from a fresh copy of the repository in a
// new temporary folder with nothing beside it, so a test that reads anything
// outside the repository fails here, not on a colleague's machine.
//
// Ends with the check steps, the skipped tests with their reasons, and one
// closing line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = process.cwd();
const RESULTS = path.join(ROOT, 'test-results');

const checks = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '--max-warnings=0', '.']],
  ['security scan', 'node', ['scripts/electronegativity.mjs']],
  ['build', 'npm', ['run', 'build']],
];

const suites = [
  { label: 'unit and integration tests (from a fresh copy of the repository)', project: 'unit', isolated: true },
  { label: 'end-to-end tests', project: 'e2e', isolated: false },
];

const checkResults = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
const skipped = [];

function heading(label) {
  process.stdout.write(`\n=== ${label} ===\n`);
}

function run(cmd, args, cwd) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env, cwd });
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000 };
}

/** Tracked and new (not ignored) files, the built output, and node_modules linked in: a clone as `npm ci && npm run build` leaves it. */
function freshCopy() {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'corroborate-fresh-'));
  const copy = path.join(parent, 'corroborate');
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    try {
      cpSync(path.join(ROOT, file), path.join(copy, file), { recursive: false, errorOnExist: false });
    } catch (error) {
      // A file deleted in the work tree but still tracked: the copy goes without it, as a commit would.
      if (error.code !== 'ENOENT') throw error;
    }
  }
  for (const built of ['dist', 'dist-electron']) cpSync(path.join(ROOT, built), path.join(copy, built), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return { copy, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

function readReport(file, root) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  let skippedHere = 0;
  for (const suite of json.testResults) {
    for (const test of suite.assertionResults) {
      if (test.status !== 'skipped' && test.status !== 'pending' && test.status !== 'todo') continue;
      skippedHere += 1;
      skipped.push({ file: path.relative(root, suite.name), name: test.fullName, reason: test.meta?.skipReason ?? 'no reason recorded' });
    }
  }
  return { passed: json.numPassedTests, failed: json.numFailedTests, skipped: skippedHere };
}

function runSuite({ label, project, isolated }) {
  heading(label);
  const report = path.join(RESULTS, `${project}.json`);
  rmSync(report, { force: true });
  const fresh = isolated ? freshCopy() : null;
  if (fresh) process.stdout.write(`(running in ${fresh.copy})\n`);
  const args = ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  let outcome;
  const cwd = fresh?.copy ?? ROOT;
  try {
    outcome = run('npx', args, cwd);
    // Screenshots and other files the tests leave for people to look at.
    if (fresh && existsSync(path.join(cwd, 'test-results'))) cpSync(path.join(cwd, 'test-results'), RESULTS, { recursive: true, force: true });
  } finally {
    fresh?.remove();
  }
  let counts;
  try {
    counts = readReport(report, cwd);
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0 };
  }
  // A suite that fails in beforeAll reports its tests as skipped, not failed.
  if (!outcome.ok && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  process.stdout.write(`--- ${label}: ${outcome.ok ? 'ok' : 'FAILED'} in ${outcome.seconds.toFixed(1)} s\n`);
  return outcome.ok;
}

function summary() {
  process.stdout.write('\n=== summary ===\n');
  process.stdout.write(`Checks: ${checkResults.map((c) => `${c.label} ${c.ok ? 'ok' : 'FAILED'} (${c.seconds.toFixed(0)} s)`).join(', ')}\n`);
  if (skipped.length) {
    process.stdout.write(`Skipped tests (${skipped.length}):\n`);
    for (const s of skipped) process.stdout.write(`  - ${s.name} [${s.file}]: ${s.reason}\n`);
  }
  process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
}

mkdirSync(RESULTS, { recursive: true });
let ok = true;
for (const [label, cmd, args] of checks) {
  heading(label);
  const outcome = run(cmd, args, ROOT);
  checkResults.push({ label, ...outcome });
  process.stdout.write(`--- ${label}: ${outcome.ok ? 'ok' : 'FAILED'} in ${outcome.seconds.toFixed(1)} s\n`);
  if (!outcome.ok) {
    ok = false;
    break;
  }
}
for (const suite of suites) {
  if (!ok) break;
  ok = runSuite(suite);
}
summary();
process.exit(ok ? 0 : 1);
