// One build script for both entry points: the VS Code client, and the `rsc` CLI, which also is the language
// server (`rsc lsp --stdio`; the client starts it with --node-ipc). Each is bundled into a single CommonJS
// file in dist/, so the .vsix ships no node_modules.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // ssh2 loads optional native helpers (cpu-features, sshcrypto) with try/require; keep them external.
  external: ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
};

/**
 * Every dynamic `import()` of our own code in the client becomes a bundle of its own in dist/lazy/, loaded
 * with require() on first use. VS Code parses the whole client bundle at activation; ssh2 (the push
 * command), the layer-7 engine and the recipe generator were half of it, and no activation needs them.
 * The sources keep plain `import()`, so tests that run them unbundled are unaffected.
 */
const lazyEntries = new Map();
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const source = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      const name = basename(source, '.ts');
      if (lazyEntries.has(name) && lazyEntries.get(name) !== source)
        return { errors: [{ text: `two lazily loaded modules are both named ${name}.ts: rename one` }] };
      lazyEntries.set(name, source);
      return { path: `./lazy/${name}.js`, external: true };
    });
  },
};

const entries = [
  {
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    plugins: [lazyChunks],
    // `import('./lazy/x.js')` as `require`: the extension host loads CommonJS extensions.
    supported: { 'dynamic-import': false },
  },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];

// Chunks of an earlier build (and their source maps) must not linger, or the .vsix would carry them.
rmSync('dist/lazy', { recursive: true, force: true });

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
// One build first in every mode: the lazy chunks are known once the client is bundled. They may import
// each other's code (each carries its own copy); none of them imports another chunk dynamically.
await Promise.all(contexts.map((c) => c.rebuild()));
const lazyContexts = await Promise.all(
  [...lazyEntries].map(([name, source]) =>
    esbuild.context({ ...common, entryPoints: [source], outfile: `dist/lazy/${name}.js` }),
  ),
);
const all = [...contexts, ...lazyContexts];
if (watch) {
  // (A lazy module added while watching needs a restart of the watch.)
  await Promise.all(all.map((c) => c.watch()));
} else {
  await Promise.all(lazyContexts.map((c) => c.rebuild()));
  await Promise.all(all.map((c) => c.dispose()));
}
