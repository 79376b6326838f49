// `npm run bench`: bundles bench/run.ts the way esbuild.mjs --production bundles the server (one minified
// CommonJS file) and runs it with plain node. Running the sources through tsx measured tsx's per-file
// module wrappers (every cross-module call went through a getter) and was about twice as slow as the code
// that ships.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Inside node_modules, so the bundle's own `require('esbuild')` resolves as it would from bench/.
const out = join(root, 'node_modules', '.cache', 'rsc-bench');
mkdirSync(out, { recursive: true });
const outfile = join(out, 'run.js');
await esbuild.build({
  entryPoints: [join(root, 'bench', 'run.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  logLevel: 'warning',
  // esbuild is the benchmark's own tool (it bundles the activation and memory children); not bundled.
  external: ['vscode', 'esbuild', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
});
const r = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, RSC_BENCH_ROOT: root },
});
rmSync(out, { recursive: true, force: true });
process.exit(r.status ?? 1);
