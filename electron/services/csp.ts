/**
 * The Content-Security-Policy of the UI, the same in the desktop app and in
 * browser mode: only our own bundled code runs, nothing is fetched from
 * elsewhere, and nothing from a casefile can become code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
