// One command builds every runtime: Vite for the renderer (HTML entry, CSS, code splitting, fast
// React JSX through its bundler), esbuild for the Node/Electron entry points and the preloads
// (single-file bundles, ~100 ms each). Output goes to out/, which electron-builder packages.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sipGrammarVitePlugin } from './sip-grammar-speedup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// VAXEL_OUT lets parallel work build to its own folder; default out/.
const outDir = path.resolve(root, process.env.VAXEL_OUT ?? 'out');
const out = (p) => path.join(outDir, p);
const production = process.env.NODE_ENV === 'production';
// Native and Electron modules stay outside the bundles; they are loaded from node_modules.
const nodeExternal = ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'bufferutil', 'utf-8-validate'];

const started = performance.now();
const common = { bundle: true, sourcemap: true, minify: production, logLevel: 'warning', absWorkingDir: root };

// A Node entry point (Electron main, web host): ESM with a require() for native modules.
const nodeEntry = (entry, outfile) =>
  esbuild({
    ...common,
    entryPoints: [entry],
    outfile: out(outfile),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: nodeExternal,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });

await Promise.all([
  nodeEntry('main/electron/main.ts', 'electron/main.js'),
  nodeEntry('main/web/server.ts', 'web/server.mjs'),
  // The directory's sync worker thread, beside each host's bundle (main/services/directory/workerClient.ts finds it there).
  nodeEntry('main/services/directory/syncWorker.ts', 'electron/directory-worker.mjs'),
  nodeEntry('main/services/directory/syncWorker.ts', 'web/directory-worker.mjs'),
  // Sandboxed Electron preloads must be CommonJS.
  esbuild({
    ...common,
    entryPoints: ['preload/electron.ts'],
    outfile: out('preload/electron.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
  }),
  // The web host's bridge: a plain script that defines window.vaxel before the renderer loads.
  esbuild({
    ...common,
    entryPoints: ['preload/web.ts'],
    outfile: out('preload/web.js'),
    platform: 'browser',
    format: 'iife',
    target: 'chrome130',
  }),
]);

await viteBuild({
  configFile: false,
  root: path.join(root, 'renderer'),
  base: './',
  logLevel: 'warn',
  build: { outDir: out('renderer'), emptyOutDir: true, sourcemap: true, target: 'chrome130', minify: production },
  esbuild: { jsx: 'automatic' },
  // Development builds raise an invalid state transition as an uncaught error (renderer/sip/invalid-transition.ts)
  // and, on the web host, have the read-only debug probe soaks and leak checks read (renderer/debug/debug-probe.ts).
  define: { __VAXEL_STRICT_STATES__: JSON.stringify(!production), __VAXEL_DEBUG_PROBE__: JSON.stringify(!production) },
  // SIP.js's grammar with its tables built once, not on every header parsed
  plugins: [sipGrammarVitePlugin()],
});

console.log(`build: ${path.relative(root, outDir) || '.'}/ ready in ${Math.round(performance.now() - started)} ms`);
