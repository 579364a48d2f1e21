import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { APP_ORIGIN, isAppUrl, isPermissionAllowed, isSafeExternalUrl, resolveAppFile } from '../../../electron/shell/security';

describe('isAppUrl: what the window may show', () => {
  test.each([`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/`, `${APP_ORIGIN}/assets/app.js?x=1#top`])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  test.each([
    'https://corroborate/index.html',
    'app://evil.example/index.html',
    'app://corroborate.evil.example/',
    'app://user:pass@corroborate/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isSafeExternalUrl: which links go to the system browser', () => {
  test.each(['https://www.reuters.com/world/europe/', 'http://example.org/a?b=c#d', 'https://xn--80ak6aa92e.com/'])('accepts %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  test.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['javascript: with spaces and case', ' JavaScript:alert(1)'],
    ['file:', 'file:///C:/Windows/System32/calc.exe'],
    ['file: on a share', 'file://attacker.example/share/payload.exe'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['a custom scheme that starts programs', 'ms-msdt:/id PCWDiagnostic'],
    ['smb:', 'smb://attacker.example/share'],
    ['credentials that disguise the host', 'https://www.reuters.com@attacker.example/'],
    ['user and password', 'https://user:secret@example.org/'],
    ['the app itself', `${APP_ORIGIN}/index.html`],
    ['no host', 'https://'],
    ['garbage', 'http//missing-colon'],
    ['an absurdly long link', `https://example.org/${'a'.repeat(9_000)}`],
  ])('refuses %s', (_what, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('isPermissionAllowed: the UI may write to the clipboard, nothing else', () => {
  test('writing plain text to the clipboard, from the app itself', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', APP_ORIGIN)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', `${APP_ORIGIN}/index.html`)).toBe(true);
  });

  test.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'hid', 'serial', 'usb', 'fullscreen', 'display-capture', 'pointerLock'])(
    'denies %s',
    (permission) => expect(isPermissionAllowed(permission, APP_ORIGIN)).toBe(false),
  );

  test('denies even the clipboard to any other origin', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.org')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', '')).toBe(false);
  });
});

describe('resolveAppFile: the app:// protocol stays inside the built UI', () => {
  const root = path.resolve('/opt/corroborate/dist/renderer');

  test('maps the root to index.html and files below it', () => {
    expect(resolveAppFile(root, `${APP_ORIGIN}/`)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/index-abc.js?v=2`)).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/a%20b.css`)).toBe(path.join(root, 'assets', 'a b.css'));
  });

  const inside = (file: string | null) => file === null || file.startsWith(root + path.sep);

  test.each([
    ['plain ../', `${APP_ORIGIN}/../../etc/passwd`],
    ['encoded ../', `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`],
    ['mixed-case encoded dots', `${APP_ORIGIN}/assets/%2E%2e/.%2E/%2e./package.json`],
    ['encoded slashes', `${APP_ORIGIN}/assets%2f..%2f..%2f..%2fsecret.txt`],
    ['encoded backslashes', `${APP_ORIGIN}/..%5c..%5c..%5cpackage.json`],
    ['a sibling folder with the same prefix', `${APP_ORIGIN}/%2e%2e/renderer-secrets/key.txt`],
  ])('%s never leaves the root', (_what, url) => {
    const file = resolveAppFile(root, url);
    expect(inside(file)).toBe(true);
  });

  test('an encoded ../ that survives URL parsing is refused', () => {
    // %2f is not a separator to the URL parser, so "..%2f" reaches us as "../" after decoding.
    expect(resolveAppFile(root, `${APP_ORIGIN}/..%2f..%2f..%2fetc%2fpasswd`)).toBeNull();
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/..%2f..%2f..%2fpackage.json`)).toBeNull();
  });

  test.each([
    ['a NUL byte', `${APP_ORIGIN}/index.html%00.png`],
    ['a malformed escape', `${APP_ORIGIN}/%E0%A4%A`],
    ['another host', 'app://other/index.html'],
    ['another scheme', 'file:///opt/corroborate/dist/renderer/index.html'],
    ['not a URL', 'index.html'],
  ])('refuses %s', (_what, url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  test('no path built from hostile segments leaves the root', () => {
    const segment = fc.constantFrom('..', '.', '%2e%2e', '%2E.', '..%2f', '..%5c', '%2f', '%5c', '%00', 'assets', 'a b', '%20', '~', '', 'C:', '%3a');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 12 }), (segments) => {
        expect(inside(resolveAppFile(root, `${APP_ORIGIN}/${segments.join('/')}`))).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
