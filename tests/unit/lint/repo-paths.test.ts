/** The lint rule that keeps tests inside the repository, run through ESLint's own RuleTester. */
/* eslint-disable repo/no-paths-outside-repo -- this file holds the rule's own examples of forbidden paths */
import path from 'node:path';
import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import { noPathsOutsideRepo } from '../../../scripts/eslint/repo-paths.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const filename = path.resolve(__dirname, 'probe.ts');
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2023, sourceType: 'module' } });

tester.run('no-paths-outside-repo', noPathsOutsideRepo, {
  valid: [
    { filename, code: "const f = path.join(__dirname, '..', '..', 'fixtures', 'seeds');" },
    { filename, code: "const f = '../../fixtures/seeds/000.txt';" },
    { filename, code: "const data = '/home/dana/cases/drones.corroborate';" },
    { filename, code: "const chromium = '/usr/bin/chromium';" },
  ],
  invalid: [
    { filename, code: "const seeds = '/work/shared/corpus/seeds';", errors: [{ messageId: 'outside' }] },
    { filename, code: "const w3c = `${root}/shared/w3c-web-annotation-tests`;", errors: [{ messageId: 'outside' }] },
    { filename, code: "const up = path.resolve(__dirname, '..', '..', '..', '..', 'shared');", errors: [{ messageId: 'outside' }] },
    { filename, code: "const up = '../../../../domain.md';", errors: [{ messageId: 'outside' }] },
  ],
});
