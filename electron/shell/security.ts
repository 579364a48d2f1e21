/**
 * The desktop shell's security decisions as pure functions, so they can be
 * tested without Electron: which URLs the window may show, which links may
 * leave the app, and which files the app:// protocol may serve.
 */
import path from 'node:path';

/** The UI's origin: everything the window shows comes from this scheme and host. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'corroborate';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Longest link handed to the system browser; longer ones are refused rather than truncated. */
const MAX_EXTERNAL_URL_LENGTH = 8_000;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for URLs the app's own window may show. */
export function isAppUrl(url: string): boolean {
  const u = parseUrl(url);
  return !!u && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password;
}

/**
 * Only plain web links leave the app, and only to the system browser: no
 * javascript:, file:, data: or custom schemes that could start a program, and
 * no user:password@ links that disguise where they lead.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  const u = parseUrl(url);
  return !!u && (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && u.hostname.length > 0;
}

/** The one permission the UI needs: writing plain text to the clipboard (its Copy menu). */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** Permission requests (camera, location, notifications, clipboard reading, …) are denied, except the few the UI needs, and only for the app itself. */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** Maps an app:// URL to a file inside `root`, or null if it is not ours or would leave `root`. */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  const u = new URL(url);
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname === '/' ? '/index.html' : u.pathname);
  } catch {
    return null; // malformed %-escape
  }
  if (pathname.includes('\0')) return null;
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, `.${pathname}`);
  return file.startsWith(resolvedRoot + path.sep) ? file : null;
}
