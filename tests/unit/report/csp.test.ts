import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/services/csp';
import { createHash } from 'node:crypto';
import { buildHtmlReport, buildHtmlReportParts } from '../../../shared/report/html';
import { reportModel } from '../../../shared/report/index';
import { ReportOptions } from '../../../shared/report/options';
import { PRINT_ONLY_CSP, PRINT_ONLY_CSS, REPORT_CSP, REPORT_STYLE_HASH } from '../../../shared/report/style';
import { buildSeedCasefile } from '../../fixtures/report/seed-casefile';

/**
 * The live preview is a sandboxed srcdoc frame: it inherits the app's policy,
 * so the app must allow the report's one stylesheet by hash, and nothing more.
 */
describe('the report stylesheet and the content security policies', () => {
  test('the app’s policy allows the report stylesheet by its hash only, and still no inline scripts', () => {
    const style = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('style-src '))!;
    expect(style).toBe(`style-src 'self' ${REPORT_STYLE_HASH}`);
    const script = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src '))!;
    expect(script).toBe("script-src 'self'");
  });

  test('a CSP meta tag in renderer/index.html, if there is one, names the same hash', () => {
    const index = readFileSync(path.join(__dirname, '..', '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(index);
    if (meta) expect(meta[1]).toContain(REPORT_STYLE_HASH);
  });

  test('the report’s own policy runs nothing and fetches nothing', () => {
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(REPORT_CSP).not.toMatch(/script-src|unsafe/);
    expect(REPORT_CSP).toContain(`style-src ${REPORT_STYLE_HASH}`);
  });

  test('the documents a PDF is printed from allow the report stylesheet and the print-only one, by hash, and nothing else', async () => {
    const printOnlyHash = `'sha256-${createHash('sha256').update(PRINT_ONLY_CSS, 'utf8').digest('base64')}'`;
    expect(PRINT_ONLY_CSP).toBe(REPORT_CSP.replace(`style-src ${REPORT_STYLE_HASH}`, `style-src ${REPORT_STYLE_HASH} ${printOnlyHash}`));
    const model = reportModel(buildSeedCasefile(), ReportOptions.parse({}));
    const parts = await buildHtmlReportParts(model, 4);
    for (const part of parts) {
      expect(part).toContain(`content="${PRINT_ONLY_CSP}"`);
      expect(part.match(/<style>/g)).toHaveLength(2);
      expect(part).toContain(`<style>${PRINT_ONLY_CSS}</style>`);
    }
    // The HTML report is for screens: it has neither.
    const html = await buildHtmlReport(model);
    expect(html).toContain(`content="${REPORT_CSP}"`);
    expect(html).not.toContain(PRINT_ONLY_CSS);
  });
});
