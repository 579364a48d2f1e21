/** The open file's name and the folder it is in, for the top bar and the window title. */
export interface FileLocation {
  name: string;
  folder: string;
}

const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

/**
 * `path` is absolute on the desktop and relative to the workspace folder in
 * browser mode; either way the folder shown is a real place on disk.
 */
export function fileLocation(path: string, workspace: string): FileLocation {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = path.slice(cut + 1);
  const dir = cut < 0 ? '' : path.slice(0, cut) || path.slice(0, 1);
  if (ABSOLUTE.test(path)) return { name, folder: dir };
  const separator = workspace.includes('\\') && !workspace.includes('/') ? '\\' : '/';
  const base = workspace.replace(/([^:])[\\/]+$/, '$1');
  return { name, folder: dir ? `${base}${separator}${dir}` : base };
}
