import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/services/csp';

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0]!, d]));

test('the policy allows only the app’s own code: no inline script, no eval, no remote sources, no plugins', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);
  expect(policy.get('default-src')).toBe("default-src 'none'");
  expect(policy.get('script-src')).toBe("script-src 'self'");
  expect(policy.get('object-src')).toBe("object-src 'none'");
  expect(policy.get('base-uri')).toBe("base-uri 'none'");
  expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|https?:|\*/);
});

test('the page carries no second, diverging policy of its own (both hosts send the header)', () => {
  // A <meta> policy is enforced on top of the header: a stale copy would silently block what the header allows.
  const html = readFileSync(path.resolve(__dirname, '../../../renderer/index.html'), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
  if (meta === undefined) return;
  const header = directives(CONTENT_SECURITY_POLICY);
  header.delete('frame-ancestors');
  expect(directives(meta)).toEqual(header);
});
