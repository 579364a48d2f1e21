// `npm start`: builds and opens the desktop app. Its runtime (Electron, about
// 100 MB) is not part of the npm install: the electron package downloads it
// the first time it is needed. This script does that step first, so that
// without a network the analyst reads one sentence saying so (and pointing to
// `npm run web`, which needs no download) instead of Electron's stack trace,
// and before spending a minute on the build. Then it builds and launches the
// app, passing on its exit code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ELECTRON_DIR = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const WEB = 'run `npm run web` to use Corroborate in your browser, which needs no download';

/** The Electron executable, found the way the electron package finds it (its index.js); null until it is downloaded. */
function electronBinary() {
  const pathFile = path.join(ELECTRON_DIR, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : '';
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  const full = relative && path.join(ELECTRON_DIR, 'dist', relative);
  return full && existsSync(full) ? full : null;
}

function stop(sentence, detail) {
  console.error(`\n${sentence}`);
  if (detail) console.error(`(The download said: ${detail})`);
  process.exit(1);
}

/** Runs the electron package's own installer, keeping its stack trace for one line of detail. */
function downloadRuntime() {
  console.log('The desktop app downloads its runtime (Electron, about 100 MB) once, on first start; this takes a minute or two…');
  const result = spawnSync(process.execPath, [path.join(ELECTRON_DIR, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  const binary = electronBinary();
  if (result.status === 0 && binary) return binary;
  const detail = (result.stderr ?? '').split('\n').find((line) => line.trim())?.trim();
  return stop(`Corroborate could not start: the desktop app downloads its runtime (Electron) once on first start, and that download failed, so connect to the network and run \`npm start\` again, or ${WEB}.`, detail);
}

const binary = electronBinary() ?? downloadRuntime();

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawn(binary, ['.'], { stdio: 'inherit', windowsHide: false });
app.on('error', (error) => stop(`Corroborate could not start its desktop runtime (${error.message}); delete node_modules/electron/dist and run \`npm start\` again, or ${WEB}.`));
app.on('close', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
