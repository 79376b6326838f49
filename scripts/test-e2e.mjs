// `npm run test:e2e`: VS Code integration tests the standard way, with @vscode/test-electron. Builds the
// extension, bundles test/e2e/suite with esbuild, copies the fixtures into a fresh workspace and runs the
// suite in a VS Code instance: the one named by VSCODE_EXECUTABLE, else one @vscode/test-electron downloads
// (VSCODE_VERSION, default stable; needs internet, which developer machines have and this CI does not).
// @vscode/test-electron and mocha live in test/e2e's own package.json, installed here on first use.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const e2e = join(root, 'test', 'e2e');
// Build output and the downloaded VS Code stay inside test/e2e/node_modules, which git, ESLint and Prettier
// already ignore; the bundle finds mocha there by the usual upward lookup.
const out = join(e2e, 'node_modules', '.rsc-e2e-out');
const cachePath = join(e2e, 'node_modules', '.vscode-test');

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`test:e2e: ${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

if (!existsSync(join(e2e, 'node_modules', '@vscode', 'test-electron'))) {
  run('npm', ['ci', '--no-audit', '--no-fund'], e2e);
}
run(process.execPath, ['esbuild.mjs'], root);

rmSync(out, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [join(e2e, 'suite', 'index.ts'), join(e2e, 'suite', 'extension.test.ts')],
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // vscode is the host's; mocha is resolved from test/e2e/node_modules at run time.
  external: ['vscode', 'mocha'],
});

const work = mkdtempSync(join(tmpdir(), 'rsc-e2e-'));
const workspace = join(work, 'workspace');
mkdirSync(workspace);
for (const f of readdirSync(join(root, 'test', 'lsp', 'fixtures'))) {
  cpSync(join(root, 'test', 'lsp', 'fixtures', f), join(workspace, f));
}
mkdirSync(join(workspace, '.vscode'));
writeFileSync(
  join(workspace, '.vscode', 'settings.json'),
  JSON.stringify({ 'files.autoSave': 'off' }, null, 1),
);

const { runTests } = createRequire(join(e2e, 'package.json'))('@vscode/test-electron');
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    version: process.env.VSCODE_VERSION || undefined,
    cachePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(out, 'index.js'),
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      join(work, 'user-data'),
      '--extensions-dir',
      join(work, 'extensions'),
    ],
  });
} catch (err) {
  console.error(`test:e2e: ${err instanceof Error ? err.message : String(err)}`);
  if (!process.env.VSCODE_EXECUTABLE) {
    console.error(
      'test:e2e: no VS Code could be downloaded here; set VSCODE_EXECUTABLE to an installed VS Code binary',
    );
  }
  code = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(code);
