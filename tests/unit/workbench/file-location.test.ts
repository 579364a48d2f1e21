/** The file name and folder the top bar shows, on the desktop (absolute paths) and in browser mode (workspace-relative). */
import { expect, test } from 'vitest';
import { fileLocation } from '../../../renderer/src/app/file-location';

test('a desktop path splits into the name and its folder', () => {
  expect(fileLocation('/home/dana/cases/Drones final.corroborate', '/home/dana/Corroborate')).toEqual({ name: 'Drones final.corroborate', folder: '/home/dana/cases' });
  expect(fileLocation('C:\\Users\\Dana\\Cases\\drones.corroborate', 'C:\\Users\\Dana\\Corroborate')).toEqual({ name: 'drones.corroborate', folder: 'C:\\Users\\Dana\\Cases' });
  expect(fileLocation('/drones.corroborate', '/ws')).toEqual({ name: 'drones.corroborate', folder: '/' });
});

test('a browser-mode path is placed in the workspace folder', () => {
  expect(fileLocation('drones.corroborate', '/srv/cases/')).toEqual({ name: 'drones.corroborate', folder: '/srv/cases' });
  expect(fileLocation('2024/july/drones.corroborate', '/srv/cases')).toEqual({ name: 'drones.corroborate', folder: '/srv/cases/2024/july' });
  expect(fileLocation('july\\drones.corroborate', 'D:\\cases')).toEqual({ name: 'drones.corroborate', folder: 'D:\\cases\\july' });
  expect(fileLocation('drones.corroborate', 'D:\\')).toEqual({ name: 'drones.corroborate', folder: 'D:\\' });
});
