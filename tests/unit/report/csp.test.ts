import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/services/csp';
import { REPORT_CSP, REPORT_STYLE_HASH } from '../../../shared/report/style';

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
});
