/**
 * The Content-Security-Policy of the UI, the same in the desktop app and in
 * browser mode: only our own bundled code runs, nothing is fetched from
 * elsewhere, and nothing from a casefile can become code.
 */
import { REPORT_STYLE_HASH } from '../../shared/report/style';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // The report preview is a sandboxed srcdoc frame, which inherits this policy: allow its one stylesheet by hash.
  `style-src 'self' ${REPORT_STYLE_HASH}`,
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
