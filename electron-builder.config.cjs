// Installers for the desktop app (`npm run dist`, after `npm run build`):
// AppImage and deb on Linux, dmg on macOS, NSIS on Windows. Building needs a
// machine that can download Electron; tests/unit/shell/packaging.test.ts
// checks this configuration where it cannot.

const CASEFILE_MIME = 'application/vnd.corroborate.casefile+json';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.corroborate.workbench',
  productName: 'Corroborate',
  copyright: 'Copyright © Corroborate team',
  directories: { buildResources: 'build', output: 'release' },
  // Electron reads desktopName from the packaged package.json for the Linux window's app id.
  extraMetadata: { desktopName: 'corroborate.desktop' },

  // Only the built app: the UI bundle, the main process, preload and import
  // worker, the sample casefile, and package.json (electron-builder adds the
  // production dependencies). No sources, tests, source maps, or the
  // browser-mode, CLI and benchmark bundles.
  files: ['package.json', 'dist/renderer/**/*', 'dist-electron/main.cjs', 'dist-electron/preload.cjs', 'dist-electron/read-worker.cjs', 'examples/sample.corroborate', '!**/*.map'],
  asar: true,

  // Flipped into the Electron binary at packaging time, before signing.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },

  fileAssociations: [
    {
      ext: 'corroborate',
      name: 'Corroborate casefile',
      description: 'Corroborate casefile',
      mimeType: CASEFILE_MIME,
      role: 'Editor',
      rank: 'Owner',
    },
  ],

  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    executableName: 'corroborate',
    category: 'Office',
    synopsis: 'Trace who news claims are attributed to and measure independent corroboration',
    description: 'A workbench for fact-checkers: import articles, mark claims, trace each attribution chain to its root source, and see which propositions are independently corroborated.',
    desktop: {
      entry: {
        Name: 'Corroborate',
        GenericName: 'Claim sourcing workbench',
        Keywords: 'fact-check;sources;attribution;corroboration;journalism;OSINT;',
        StartupWMClass: 'corroborate',
      },
    },
  },
  deb: { packageCategory: 'editors', priority: 'optional' },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },

  mac: {
    target: ['dmg'],
    icon: 'build/icon.png',
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: { title: '${productName} ${version}' },

  win: { target: ['nsis'], icon: 'build/icon.png' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    shortcutName: 'Corroborate',
    deleteAppDataOnUninstall: false,
  },
};
