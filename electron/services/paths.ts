import { readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/dispatch';
import { CASEFILE_EXTENSION } from '../../shared/model/schema';

/**
 * Where the API may read and write casefiles. Browser mode confines every path
 * to one workspace folder; the desktop app takes absolute paths the analyst
 * chose in a native dialog.
 */
export interface PathPolicy {
  /** The folder listed by Open and used for new casefiles. */
  readonly workspace: string;
  /** Turns a path from the UI into an absolute path, or throws if it is not allowed. */
  resolve(userPath: string): string;
  /** How a path is shown to (and sent back by) the UI. */
  display(absolutePath: string): string;
}

export function workspacePolicy(workspace: string): PathPolicy {
  const root = realpathSync(workspace);
  return {
    workspace: root,
    resolve(userPath) {
      if (userPath.includes('\0')) throw outside(userPath);
      if (path.isAbsolute(userPath) || /^[a-zA-Z]:/.test(userPath) || userPath.startsWith('\\')) throw outside(userPath);
      const resolved = path.resolve(root, userPath);
      const relative = path.relative(root, resolved);
      if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) throw outside(userPath);
      if (!resolved.endsWith(CASEFILE_EXTENSION)) {
        throw new ApiError('bad-path', `Casefiles end in ${CASEFILE_EXTENSION}.`);
      }
      // A symlink inside the workspace must not lead out of it.
      const parent = realpathSync(path.dirname(resolved));
      const parentRelative = path.relative(root, parent);
      if (parentRelative.startsWith('..') || path.isAbsolute(parentRelative)) throw outside(userPath);
      const file = path.join(parent, path.basename(resolved));
      // Nor may a symlink at the file itself.
      const target = existingRealPath(file);
      const targetRelative = target === null ? '' : path.relative(root, target);
      if (targetRelative.startsWith('..') || path.isAbsolute(targetRelative)) throw outside(userPath);
      return file;
    },
    display(absolutePath) {
      return path.relative(root, absolutePath);
    },
  };
}

/** The desktop policy, which also learns the casefiles the analyst named outside the window. */
export interface DesktopPathPolicy extends PathPolicy {
  /**
   * Lets the window use this casefile: called for what the analyst chose in
   * a native dialog, the recent files, and files named on the command line
   * or handed over by the OS. Nothing the window sends is ever granted.
   */
  allow(absolutePath: string): void;
}

/**
 * The desktop app: the window may name a casefile (.corroborate) only if the
 * analyst chose it outside the window (see allow), or it lies directly in the
 * default folder (listed by Open), or it is a backup of such a casefile. Any
 * other path the window sends (`~/.bashrc`, `/tmp/../etc/passwd`) is refused,
 * so a compromised window cannot read or write files the analyst never chose.
 */
export function desktopPolicy(defaultFolder: string): DesktopPathPolicy {
  const folder = path.resolve(defaultFolder);
  const allowed = new Set<string>();
  const isAllowedCasefile = (file: string) => allowed.has(file) || path.dirname(file) === folder;
  return {
    workspace: folder,
    allow(absolutePath) {
      if (path.isAbsolute(absolutePath) && !absolutePath.includes('\0')) allowed.add(path.normalize(absolutePath));
    },
    resolve(userPath) {
      if (!path.isAbsolute(userPath) || userPath.includes('\0')) throw new ApiError('bad-path', 'Casefile paths must be absolute.');
      const file = path.normalize(userPath);
      if (!file.toLowerCase().endsWith(CASEFILE_EXTENSION)) throw new ApiError('bad-path', `Casefiles end in ${CASEFILE_EXTENSION}.`);
      if (isAllowedCasefile(file) || isAllowedCasefile(backedUpCasefile(file) ?? '')) return file;
      throw new ApiError('not-chosen', `${path.basename(file).slice(0, 200)} was not chosen in Open or Save; choose it there first.`);
    },
    display: (absolutePath) => absolutePath,
  };
}

/** For a backup (`folder/.Drones.corroborate.backups/….corroborate`), the casefile it backs up; else null. */
function backedUpCasefile(file: string): string | null {
  const backups = path.dirname(file);
  const original = /^\.(.+)\.backups$/.exec(path.basename(backups))?.[1];
  return original ? path.join(path.dirname(backups), original) : null;
}

/** Where an existing file really is (following links, also dangling ones); null when nothing is there. */
function existingRealPath(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    try {
      return path.resolve(path.dirname(file), readlinkSync(file));
    } catch {
      return null;
    }
  }
}

function outside(userPath: string): ApiError {
  return new ApiError('outside-workspace', `${userPath.slice(0, 200)} is outside the workspace folder and cannot be used.`);
}
