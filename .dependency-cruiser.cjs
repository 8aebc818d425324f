// Import rules between runtime folders (shared/ARCHITECTURE.md, "Who may import whom"), and npm
// packages per runtime from dependency-runtimes.json. `npm test` runs this; a violation fails it.
const runtimes = require('./dependency-runtimes.json');

const FOLDERS = {
  common: '^common/',
  services: '^main/services/',
  electron: '^main/electron/',
  web: '^main/web/',
  preload: '^preload/',
  renderer: '^renderer/',
};

// Which folders each runtime may import from (besides itself).
const ALLOWED = {
  common: ['common'],
  services: ['common', 'services'],
  electron: ['common', 'services', 'electron'],
  web: ['common', 'services', 'web'],
  preload: ['common', 'preload'], // but only common/ipc (the contract), below
  renderer: ['common', 'renderer'], // plus type-only imports of preload, below
};

const folderRules = Object.entries(ALLOWED).map(([from, allowed]) => {
  const forbidden = Object.keys(FOLDERS).filter((f) => !allowed.includes(f));
  const extra = { preload: ['^common/(?!ipc/)'], renderer: [] }[from] ?? [];
  return {
    name: `layer-${from}`,
    comment: `${from} may import only from: ${allowed.join(', ')}`,
    severity: 'error',
    from: { path: FOLDERS[from] },
    to: {
      path: [...forbidden.map((f) => FOLDERS[f]), '^lab/', '^test/', '^scripts/', ...extra],
      ...(from === 'renderer' ? { dependencyTypesNot: ['type-only'] } : {}),
    },
  };
});

// renderer may see preload only as types (the shape of window.vaxel), never its code
folderRules.push({
  name: 'renderer-preload-types-only',
  severity: 'error',
  from: { path: FOLDERS.renderer },
  to: { path: FOLDERS.preload, dependencyTypesNot: ['type-only'] },
});

const npmPackages = Object.keys(runtimes).filter((k) => k !== '//');
const packageRules = Object.entries(FOLDERS).map(([runtime, folder]) => {
  const notAllowed = npmPackages.filter((p) => !runtimes[p].includes(runtime) && !p.startsWith('@types/'));
  return {
    name: `npm-${runtime}`,
    comment: `${runtime} may not import these packages (dependency-runtimes.json)`,
    severity: 'error',
    from: { path: folder },
    to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer'], path: notAllowed.map((p) => `node_modules/${p.replace(/[.]/g, '\\.')}/`) },
  };
});

// Node built-ins only where Node runs.
const coreRule = {
  name: 'no-node-builtins-outside-node',
  severity: 'error',
  from: { path: ['^common/', '^renderer/', '^preload/web'] },
  to: { dependencyTypes: ['core'] },
};

module.exports = {
  forbidden: [
    ...folderRules,
    ...packageRules,
    coreRule,
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: { path: '^(common|main|preload|renderer)/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular-in-product',
      severity: 'warn',
      from: { path: '^(common|main|preload|renderer)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|dist|release)/|^test/fixtures/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
