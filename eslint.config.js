// Lint rules, including the ones that keep the layers apart:
// shared/ is pure TypeScript; the renderer talks to the Node side only through the API.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import repoPaths from './scripts/eslint/repo-paths.js';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'worker_threads', 'stream', 'events', 'zlib', 'buffer', 'process'];
const nodeModules = NODE_BUILTINS.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'No eval.' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'shared/ is pure TypeScript: no Electron.' }, ...nodeModules.map((name) => ({ name, message: 'shared/ is pure TypeScript: no Node modules.' }))],
        patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing else in the app.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer reaches the Node side only through the API.' }, ...nodeModules.map((name) => ({ name, message: 'No Node modules in the renderer.' }))],
        patterns: [{ group: ['**/electron/**'], message: 'The renderer reaches the Node side only through the API.' }],
      }],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only electron/shell imports Electron, so browser mode and the CLI reuse the services.' }],
        patterns: [{ group: ['**/renderer/**'], message: 'The Node side does not import the UI.' }],
      }],
    },
  },
  {
    files: ['tests/**/*.ts'],
    plugins: { repo: repoPaths },
    rules: { 'repo/no-paths-outside-repo': 'error' },
  },
);
