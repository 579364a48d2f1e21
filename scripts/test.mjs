// `npm test`: every check, in order, stopping at the first failure:
// typecheck, lint, the Electron security scan, a build (the command-line tests
// run the built CLI), unit and integration tests, then the end-to-end tests in
// Chromium. Ends with one summary line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '--max-warnings=0', '.']],
  ['security', 'node', ['scripts/electronegativity.mjs']],
  ['build', 'npm', ['run', 'build']],
  ['unit and integration tests', 'npx', ['vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']],
  ['end-to-end tests', 'npx', ['vitest', 'run', '--project', 'e2e', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/e2e.json']],
];

mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
for (const [label, cmd, args] of steps) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  process.stdout.write(`--- ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const report = args.find((a) => a.startsWith('--outputFile.json='))?.split('=')[1];
  if (report) {
    try {
      const json = JSON.parse(readFileSync(report, 'utf8'));
      passed += json.numPassedTests;
      // A suite that fails in beforeAll reports its tests as skipped, not failed.
      failed += Math.max(json.numFailedTests, result.status === 0 ? 0 : 1);
    } catch {
      failed += 1;
    }
  } else if (result.status === 0) {
    passed += 1;
  }
  if (result.status !== 0) {
    if (!report) failed += 1;
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
    process.exit(1);
  }
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
