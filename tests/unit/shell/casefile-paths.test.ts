import path from 'node:path';
import { expect, test } from 'vitest';
import { casefileArgument, dialogDefaultPath, withCasefileExtension } from '../../../electron/shell/casefile-paths';

test('finds the casefile among the arguments, resolved against the caller’s folder', () => {
  const cwd = path.resolve('/home/dana/cases');
  expect(casefileArgument(['/opt/Corroborate/corroborate', 'drones.corroborate'], cwd)).toBe(path.join(cwd, 'drones.corroborate'));
  expect(casefileArgument(['electron', '.', '--user-data-dir=/tmp/x', '../old/Drones.CORROBORATE'], cwd)).toBe(path.resolve(cwd, '../old/Drones.CORROBORATE'));
  expect(casefileArgument(['corroborate', '/abs/a.corroborate'], cwd)).toBe(path.resolve('/abs/a.corroborate'));
});

test('ignores flags, the program itself and other files', () => {
  const cwd = path.resolve('/tmp');
  expect(casefileArgument(['x.corroborate'], cwd)).toBeNull();
  expect(casefileArgument(['corroborate', '--open=a.corroborate', 'notes.txt', '.'], cwd)).toBeNull();
});

test('a saved casefile always ends in .corroborate', () => {
  expect(withCasefileExtension('/home/dana/Drones')).toBe('/home/dana/Drones.corroborate');
  expect(withCasefileExtension('/home/dana/Drones.corroborate')).toBe('/home/dana/Drones.corroborate');
  expect(withCasefileExtension('/home/dana/Drones.Corroborate')).toBe('/home/dana/Drones.Corroborate');
});

test('a suggested name becomes a plain file name inside the default folder', () => {
  const folder = path.resolve('/home/dana/Documents');
  expect(dialogDefaultPath(folder)).toBe(folder);
  expect(dialogDefaultPath(folder, '   ')).toBe(folder);
  expect(dialogDefaultPath(folder, 'Chinese attack drones for Russia')).toBe(path.join(folder, 'Chinese attack drones for Russia.corroborate'));
  expect(dialogDefaultPath(folder, '../../etc/passwd')).toBe(path.join(folder, 'etc passwd.corroborate'));
  expect(dialogDefaultPath(folder, 'Q3: "who said it?"')).toBe(path.join(folder, 'Q3 who said it.corroborate'));
  expect(path.dirname(dialogDefaultPath(folder, 'a/b\\c'))).toBe(folder);
});
