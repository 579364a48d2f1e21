/**
 * The installers cannot be built here (no Electron download), so the
 * electron-builder configuration is checked instead: that it is valid for
 * electron-builder, and that it holds what the installers must do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, test } from 'vitest';
import { CASEFILE_EXTENSION } from '../../../shared/model/schema';

const REPO = path.resolve(__dirname, '../../..');
const require = createRequire(path.join(REPO, 'package.json'));

interface FileAssociation { ext: string; name?: string; mimeType?: string; role?: string }
interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  electronFuses: Record<string, boolean>;
  fileAssociations: FileAssociation[];
  linux: { target: string[]; icon: string; executableName: string; desktop: { entry: Record<string, string> } };
  mac: { target: string[]; icon: string; hardenedRuntime: boolean; entitlements: string };
  win: { target: string[]; icon: string };
  directories: { buildResources: string; output: string };
}

const config = require('./electron-builder.config.cjs') as BuilderConfig;
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
// The matcher electron-builder itself uses for `files`.
const { minimatch } = createRequire(require.resolve('app-builder-lib/package.json'))('minimatch') as {
  minimatch: (file: string, pattern: string, options: { dot: boolean }) => boolean;
};

/** Whether electron-builder would pack a file: `files` patterns in order, the last one that matches decides. */
function packed(file: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    const negated = pattern.startsWith('!');
    if (minimatch(file, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated;
  }
  return included;
}

function pngSize(file: string): { width: number; height: number } {
  const data = readFileSync(file);
  expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

test('`npm run dist` builds with this configuration', () => {
  expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.config.cjs');
  expect(pkg.scripts.dist).toMatch(/^npm run build && /);
});

test('the configuration is valid against electron-builder’s own schema (typos in option names fail)', () => {
  const schema = require('app-builder-lib/scheme.json') as object;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  const valid = validate(config);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  expect(validate({ ...config, electronFuses: { runAsnode: false } })).toBe(false);
});

test('app id and product name', () => {
  expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
  expect(config.productName).toBe('Corroborate');
});

test('targets: AppImage and deb, dmg, NSIS', () => {
  expect(config.linux.target).toEqual(['AppImage', 'deb']);
  expect(config.mac.target).toEqual(['dmg']);
  expect(config.win.target).toEqual(['nsis']);
});

describe('what goes into the app', () => {
  test.each(['package.json', 'dist/renderer/index.html', 'dist/renderer/assets/index-abc123.js', 'dist/renderer/icon.svg', pkg.main, 'dist-electron/preload.cjs', 'dist-electron/read-worker.cjs', 'examples/sample.corroborate'])(
    'packs %s',
    (file) => expect(packed(file)).toBe(true),
  );

  test.each([
    'electron/shell/main.ts',
    'shared/model/schema.ts',
    'renderer/src/main.tsx',
    'tests/unit/shell/packaging.test.ts',
    'tests/fixtures/seeds/000_6b8ec881b83eeac9.txt',
    'examples/sample-casefile.ts',
    'examples/articles/01-meridian-post.txt',
    'scripts/electronegativity.mjs',
    'security/electronegativity-allow.json',
    'docs/security.md',
    'dist-electron/main.cjs.map',
    'dist/renderer/assets/index-abc123.js.map',
    'dist-electron/web.cjs',
    'dist-electron/cli.cjs',
    'dist-electron/bench.cjs',
    'test-results/electronegativity.csv',
    'release/Corroborate-0.1.0.AppImage',
    'electron-builder.config.cjs',
    '.env',
  ])('leaves out %s', (file) => expect(packed(file)).toBe(false));

  test('the main process finds the UI and the preload where they are packed', () => {
    const main = readFileSync(path.join(REPO, 'electron', 'shell', 'main.ts'), 'utf8');
    expect(main).toContain("path.join(__dirname, '..', 'dist', 'renderer')");
    expect(main).toContain("path.join(__dirname, 'preload.cjs')");
    expect(path.dirname(pkg.main)).toBe('dist-electron');
  });
});

test('fuses: no running as Node, no NODE_OPTIONS, no --inspect; encrypted cookies; only the checked app.asar loads', () => {
  expect(config.asar).toBe(true);
  expect(config.electronFuses).toMatchObject({
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('.corroborate casefiles open with the app, with a MIME type for Linux', () => {
  expect(config.fileAssociations).toHaveLength(1);
  const association = config.fileAssociations[0]!;
  expect(`.${association.ext}`).toBe(CASEFILE_EXTENSION);
  expect(association.name).toBeTruthy();
  expect(association.mimeType).toMatch(/^application\/[a-z0-9.+-]+$/);
  expect(association.role).toBe('Editor');
});

test('the Linux menu entry: named, with the casefile type from the association (electron-builder writes Exec itself)', () => {
  const entry = config.linux.desktop.entry;
  expect(entry.Name).toBe('Corroborate');
  expect(entry.Exec).toBeUndefined();
  expect(config.linux.executableName).toMatch(/^[a-z][a-z0-9-]*$/);
});

describe('icons exist on disk at the sizes each platform needs', () => {
  const resources = path.join(REPO, config.directories.buildResources);

  test('macOS and Windows: one large square PNG that electron-builder converts', () => {
    for (const icon of [config.mac.icon, config.win.icon]) {
      const size = pngSize(path.join(REPO, icon));
      expect(size.width).toBe(size.height);
      expect(size.width).toBeGreaterThanOrEqual(512);
    }
  });

  test.each([16, 24, 32, 48, 64, 128, 256, 512])('Linux %ipx', (n) => {
    expect(pngSize(path.join(REPO, config.linux.icon, `${n}x${n}.png`))).toEqual({ width: n, height: n });
  });

  test('the macOS entitlements file exists', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(readFileSync(path.join(REPO, config.mac.entitlements), 'utf8')).toContain('com.apple.security.cs.allow-jit');
    expect(existsSync(resources)).toBe(true);
  });
});
