import path from 'node:path';

/** The UI's origin: everything the window shows comes from this scheme and host. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'corroborate';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True for URLs the app's own window may show. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Only plain web links leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Maps an app:// URL to a file inside `root`, or null if it would leave it. */
export function resolveAppFile(root: string, url: string): string | null {
  const u = new URL(url);
  const pathname = decodeURIComponent(u.pathname === '/' ? '/index.html' : u.pathname);
  if (pathname.includes('\0')) return null;
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, `.${pathname}`);
  return file.startsWith(resolvedRoot + path.sep) ? file : null;
}
