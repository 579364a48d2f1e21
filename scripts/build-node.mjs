// Bundles the Node side (Electron main and preload, the web host, the command
// line, the benchmark) into dist-electron/. npm packages stay external and are
// loaded from node_modules (or the app's asar) at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const entries = {
  main: 'electron/shell/main.ts',
  preload: 'electron/shell/preload.ts',
  web: 'electron/web/main.ts',
  // Imported files are read in this worker thread (electron/services/import/read-workers.ts).
  'read-worker': 'electron/services/import/read-worker.ts',
  // The team server folds stored updates into snapshots in this worker thread (electron/services/team-server/compaction.ts).
  'team-compact-worker': 'electron/services/team-server/compact-worker.ts',
  cli: 'electron/cli/main.ts',
  bench: 'tests/bench/main.ts',
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist-electron',
  outExtension: { '.js': '.cjs' },
  sourcemap: 'linked',
  packages: 'external',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

const { existsSync } = await import('node:fs');
const present = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));
// The sandboxed preload cannot require npm packages: bundle everything it uses.
const { preload, ...rest } = present;
await build({ ...common, entryPoints: rest });
if (preload) await build({ ...common, entryPoints: { preload }, packages: undefined, external: ['electron'] });
