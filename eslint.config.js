// ESLint for the whole repository: `npm run lint`, on save in an editor (.vscode/settings.json),
// and inside `npm test` (test/node/lint.test.ts fails on any error). typescript-eslint's
// recommended rules everywhere, React's hook rules in the renderer, and the parts of the layer
// rules that need no module resolution (npm packages per runtime from dependency-runtimes.json,
// Node built-ins only where Node runs), so a layer break shows on save. Which folder may import
// which stays with dependency-cruiser (.dependency-cruiser.cjs): it resolves relative paths.
// Formatting is Prettier's (.prettierrc.json), so no stylistic rules here.
import { builtinModules, createRequire } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const runtimes = createRequire(import.meta.url)('./dependency-runtimes.json');

/** The folders of each runtime, as in .dependency-cruiser.cjs. */
const FOLDERS = {
  common: ['common/**'],
  services: ['main/services/**'],
  electron: ['main/electron/**'],
  web: ['main/web/**'],
  preload: ['preload/**'],
  renderer: ['renderer/**'],
};
const NO_NODE = ['common', 'renderer'];

const packages = Object.keys(runtimes).filter((p) => p !== '//' && !p.startsWith('@types/'));
const layerRules = Object.entries(FOLDERS).map(([runtime, files]) => {
  const forbidden = packages.filter((p) => !runtimes[p].includes(runtime));
  const patterns = [{ group: forbidden.flatMap((p) => [p, `${p}/*`]), message: `not classified for ${runtime} in dependency-runtimes.json` }];
  const paths = [];
  if (NO_NODE.includes(runtime)) {
    patterns.push({ group: ['node:*'], message: `${runtime} has no Node: no Node built-ins` });
    paths.push(...builtinModules.map((name) => ({ name, message: `${runtime} has no Node: no Node built-ins` })));
  }
  return { files, rules: { 'no-restricted-imports': ['error', { patterns, paths }] } };
});

export default defineConfig(
  globalIgnores(['node_modules/', 'out/', 'dist/', 'release/', 'build/', 'lab/.run/', 'lab/demo-org/out/', '.tmp/', '.scratch/', 'test-results/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are the project's way of saying "deliberately unused"
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }, // CommonJS is what .cjs means
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...layerRules,
);
