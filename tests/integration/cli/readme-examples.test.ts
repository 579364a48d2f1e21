/**
 * The README's command-line examples, run exactly as written (through npx and
 * a shell, from the repository's folder), against the sample casefile that
 * ships with the app. A README example that stops working fails here.
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../support/web-host';

const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
/** Indented lines that start with `npx corroborate`, without their trailing comment. */
const examples = readme
  .split('\n')
  .filter((line) => /^ {4}npx corroborate /.test(line))
  .map((line) => line.trim().replace(/\s+#.*$/, ''));

const before = new Set(readdirSync(REPO_ROOT));
afterAll(() => {
  for (const name of readdirSync(REPO_ROOT)) if (!before.has(name)) rmSync(path.join(REPO_ROOT, name), { recursive: true, force: true });
});

describe('the README command-line examples', () => {
  test('are there, and use the sample casefile that ships', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(examples.filter((e) => e.includes('examples/sample.corroborate')).length).toBeGreaterThanOrEqual(5);
  });

  test.each(examples)('%s', (example) => {
    const output = execSync(example, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    const written = /(?:--out|-o) (\S+)/.exec(example)?.[1];
    if (written && written !== '-') expect(readFileSync(path.join(REPO_ROOT, written)).length).toBeGreaterThan(500);
    if (example.includes(' list ')) expect(output).toMatch(/p_shipments\t7\tTarnfield Marine Systems ships underwater drones/);
    if (example.includes('-o - | head')) expect(output.split('\n')[0]).toMatch(/claim_id/);
    if (example.endsWith('--help')) expect(output).toMatch(/^Usage: corroborate report/);
  });
});
