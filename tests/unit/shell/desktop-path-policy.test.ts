/**
 * The desktop path policy: the window may use only casefiles the analyst
 * chose outside it (native dialogs, recent files, the command line, the OS),
 * those in the default folder, and their backups. The dialogs themselves are
 * the edge of the world: here the shell's `allow` stands for them.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { desktopPolicy } from '../../../electron/services/paths';

const home = os.homedir();
const documents = path.join(home, 'Documents');
const chosen = path.join(home, 'Desk', 'Drones.corroborate');

function policy() {
  const paths = desktopPolicy(documents);
  paths.allow(chosen);
  return paths;
}

describe('the desktop path policy', () => {
  test.each([
    ['a casefile chosen in a dialog (or recent, or from the command line)', chosen],
    ['the same path written another way', path.join(home, 'Desk', 'sub', '..', 'Drones.corroborate')],
    ['a casefile in the default folder', path.join(documents, 'New casefile.corroborate')],
    ['a backup of a chosen casefile', path.join(home, 'Desk', '.Drones.corroborate.backups', '2024-09-10T09-00-00-000Z.corroborate')],
    ['a backup of a casefile in the default folder', path.join(documents, '.Case.corroborate.backups', '2024-09-10T09-00-00-000Z.corroborate')],
  ])('allows %s', (_what, userPath) => {
    expect(policy().resolve(userPath)).toBe(path.normalize(userPath));
  });

  test.each([
    ['a shell start-up file', path.join(home, '.bashrc'), 'bad-path'],
    ['a climb out of /tmp to the password file', '/tmp/../etc/passwd', 'bad-path'],
    ['a chosen casefile with another extension added', `${chosen}.sh`, 'bad-path'],
    ['a casefile nobody chose', path.join(home, 'Other', 'Secret.corroborate'), 'not-chosen'],
    ['a casefile in a folder below the default folder', path.join(documents, 'deeper', 'x.corroborate'), 'not-chosen'],
    ['a climb out of the default folder', path.join(documents, '..', 'x.corroborate'), 'not-chosen'],
    ['a "backup" of a casefile nobody chose', path.join(home, 'Other', '.Secret.corroborate.backups', 'b.corroborate'), 'not-chosen'],
    ['a relative path', 'Drones.corroborate', 'bad-path'],
    ['a NUL byte', `${chosen}\u0000.txt`, 'bad-path'],
  ])('refuses %s', (_what, userPath, code) => {
    expect(() => policy().resolve(userPath)).toThrow(expect.objectContaining({ code }));
  });

  test('what the window sends is never granted by sending it: only allow() grants', () => {
    const paths = policy();
    const other = path.join(home, 'Other', 'Secret.corroborate');
    expect(() => paths.resolve(other)).toThrow(/was not chosen in Open or Save/);
    paths.allow(other);
    expect(paths.resolve(other)).toBe(other);
  });
});
