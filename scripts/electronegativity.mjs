// The Electron security scan of `npm test`: runs Electronegativity over the
// desktop app's sources and fails on any finding not justified in
// security/electronegativity-allow.json (see docs/security.md).
//
// Electronegativity's command line exits 0 whatever it finds, and reports
// files it could not parse only on the console; its documented programmatic
// API returns both, so this script uses that and fails on either.
//
// The app sends its Content-Security-Policy as a response header (app:// and
// the web host), where Electronegativity cannot see it; the scan is shown the
// same policy as a page's <meta> so its CSP checks evaluate the real thing.
//
// Usage: node scripts/electronegativity.mjs [--root DIR] [--allow FILE]
//   --root   the project to scan (default: this repository)
//   --allow  the allow-list (default: security/electronegativity-allow.json)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(REPO, 'package.json'));
useBundledTranslations();
const run = require('@doyensec/electronegativity');

/**
 * Electronegativity downloads its messages' translations from S3 on every run
 * (dist/locales/i18n.js calls `got`; no option or environment variable skips
 * it). The scan runs offline: before the package loads, its translation loader
 * is replaced in Node's module cache by one that sets up the same i18n library
 * from the en-US messages the package ships.
 */
function useBundledTranslations() {
  const loader = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  const i18n = createRequire(loader)('i18n');
  const offline = async () => {
    i18n.configure({
      locales: ['en-US'], defaultLocale: 'en-US', directory: path.dirname(loader),
      updateFiles: false, objectNotation: true, retryInDefaultLocale: true, register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  const cached = new Module(loader);
  cached.filename = loader;
  cached.loaded = true;
  cached.exports = offline;
  require.cache[loader] = cached;
}

/** What is scanned: the main process, preload and services, the UI's page, and package.json. */
const SCANNED = ['electron', path.join('renderer', 'index.html'), 'package.json'];
/** Where the staged copy shows the scan the CSP header. */
const CSP_PAGE = 'content-security-policy.html';
/** Looks up Electron's release list on GitHub: needs the network, and the version is pinned in package.json anyway. */
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

const { values } = parseArgs({ options: { root: { type: 'string' }, allow: { type: 'string' } } });
const root = path.resolve(values.root ?? REPO);
const allowFile = path.resolve(values.allow ?? path.join(REPO, 'security', 'electronegativity-allow.json'));

function fail(message) {
  process.stderr.write(`Electronegativity: ${message}\n`);
  process.exit(1);
}

function readAllowList(file) {
  const entries = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(entries)) fail(`${file} must hold a JSON array.`);
  for (const [i, e] of entries.entries()) {
    for (const key of ['check', 'file', 'sample', 'why']) {
      if (typeof e[key] !== 'string' || !e[key].trim()) fail(`${file} entry ${i} needs a non-empty "${key}".`);
    }
    if (e.why.trim().length < 30) fail(`${file} entry ${i} (${e.check}): "why" must say why the finding is safe.`);
  }
  return entries;
}

/** Copies what is scanned into a fresh folder, so nothing else in the tree (tests, dist) is scanned. */
function stage() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-electronegativity-'));
  for (const part of SCANNED) {
    const from = path.join(root, part);
    if (!existsSync(from)) fail(`${from} is missing.`);
    mkdirSync(path.dirname(path.join(dir, part)), { recursive: true });
    cpSync(from, path.join(dir, part), { recursive: true });
  }
  writeFileSync(path.join(dir, CSP_PAGE), `<!doctype html>\n<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(headerPolicy())}">\n`);
  return dir;
}

/** The policy the app sends as its header, read from electron/services/csp.ts. */
function headerPolicy() {
  const source = pathToFileURL(path.join(root, 'electron', 'services', 'csp.ts')).href;
  const read = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', `process.stdout.write((await import(${JSON.stringify(source)})).CONTENT_SECURITY_POLICY)`],
    { cwd: REPO, encoding: 'utf8' },
  );
  if (read.status !== 0 || !read.stdout.trim()) fail(`could not read the Content-Security-Policy: ${read.stderr}`);
  return read.stdout;
}

const escapeAttribute = (text) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

const normalise = (text) => String(text ?? '').trim().replace(/\s+/g, ' ');
/** An entry justifies a finding of its check in its file whose source line (or CSP) contains its sample. */
const matches = (entry, f) => entry.check === f.check && entry.file === f.file && normalise(f.sample).includes(normalise(entry.sample));

const allow = readAllowList(allowFile);
const electronVersion = require('electron/package.json').version;
const staged = stage();
const scannedFiles = readdirSync(staged, { recursive: true }).filter((f) => /\.(ts|tsx|js|mjs|cjs|html|json)$/.test(f)).length;
if (scannedFiles < 3) fail(`nothing to scan in ${root}.`);
let result;
try {
  mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
  result = await run({
    input: staged,
    output: path.join(REPO, 'test-results', 'electronegativity.csv'),
    isSarif: false,
    isRelative: true,
    excludeFromScan: EXCLUDED_CHECKS,
    electronVersionOverride: electronVersion,
  });
} finally {
  rmSync(staged, { recursive: true, force: true });
}

const unreadable = result.errors.filter((e) => !e.tolerable);
for (const e of unreadable) process.stderr.write(`NOT SCANNED ${path.relative(staged, e.file)}: ${e.message}\n`);

const findings = result.issues.map((issue) => ({
  check: issue.id,
  file: issue.file.split(path.sep).join('/'),
  line: issue.location?.line ?? 0,
  sample: issue.sample ?? '',
}));
const unjustified = [];
for (const f of findings) {
  const entry = allow.find((a) => matches(a, f));
  if (!entry) unjustified.push(f);
  process.stdout.write(`${entry ? 'allowed' : 'FINDING'}  ${f.check}  ${f.file}:${f.line}  ${normalise(f.sample).slice(0, 100)}\n`);
}
for (const a of allow.filter((a) => !findings.some((f) => matches(a, f)))) {
  process.stdout.write(`note: allow-list entry no longer matches anything: ${a.check} ${a.file} "${a.sample}"\n`);
}

process.stdout.write(
  `Electronegativity ${require('@doyensec/electronegativity/package.json').version} on Electron ${electronVersion}: ` +
    `${result.globalChecks + result.atomicChecks} checks over ${scannedFiles} files, ${findings.length} findings, ${findings.length - unjustified.length} justified in ${path.relative(REPO, allowFile)}, ` +
    `${unjustified.length} unjustified, ${unreadable.length} files not scanned.\n`,
);
if (unjustified.length) process.stdout.write('Fix each FINDING, or justify it in the allow-list (see docs/security.md).\n');
process.exit(unjustified.length || unreadable.length ? 1 : 0);
