// Neovim as a real LSP client of `rsc lsp --stdio`: headless nvim runs test/nvim/init.lua, which opens a
// fixture, waits for diagnostics, applies a quick fix and writes what it saw to a JSON file read here.
// Needs the Debian package `neovim` (0.7.2 on Debian 12); without it the test fails and says so.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testOptions } from '../lsp/features';
import { ensureBuilt, fixturesDir, repoRoot, WAIT_MS } from '../lsp/harness';

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_col?: number;
  severity: number;
  message: string;
  source?: string;
  code?: string;
}

interface NvimResult {
  steps: string[];
  errors: string[];
  nvim_version?: string;
  filetype?: string;
  server_name?: string;
  capabilities?: Record<string, boolean>;
  diagnostics?: NvimDiagnostic[];
  action_title?: string;
  text_after_fix?: string;
  diagnostics_after_fix?: NvimDiagnostic[];
  server_exit?: { code: number; signal: number };
}

const NVIM = process.env.RSC_NVIM ?? 'nvim';

function nvimVersion(): string {
  const r = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `Neovim is not installed (${r.error?.message ?? `exit ${r.status}`}): apt-get install neovim ` +
        '(or set RSC_NVIM to the nvim binary)',
    );
  }
  return r.stdout.split('\n')[0];
}

/** Runs headless Neovim on a copy of `fixture` and returns what init.lua recorded. */
function runNvim(fixture: string, fixCode = ''): NvimResult {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'rsc-nvim-'));
  try {
    const file = join(dir, fixture);
    copyFileSync(join(fixturesDir, fixture), file);
    const out = join(dir, 'result.json');
    const r = spawnSync(NVIM, ['--headless', '--clean', '-u', join(__dirname, 'init.lua')], {
      cwd: dir,
      encoding: 'utf8',
      // init.lua bounds each of its waits by WAIT_MS; this bounds the whole editor session.
      timeout: WAIT_MS * 4,
      env: {
        ...process.env,
        RSC_NVIM_CMD: JSON.stringify([process.execPath, join(repoRoot, 'bin', 'rsc.js'), 'lsp', '--stdio']),
        RSC_NVIM_FIXTURE: file,
        RSC_NVIM_OUT: out,
        RSC_NVIM_WAIT_MS: String(WAIT_MS),
        RSC_NVIM_FIX_CODE: fixCode,
      },
    });
    const context = `nvim exit ${r.status} signal ${r.signal} ${r.error?.message ?? ''}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
    assert.ok(existsSync(out), `init.lua wrote no result.\n${context}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
    assert.deepEqual(
      result.errors,
      [],
      `init.lua reported errors (steps done: ${result.steps}).\n${context}`,
    );
    // The file on disk is never written: the fix only changes the buffer.
    assert.equal(readFileSync(file, 'utf8'), readFileSync(join(fixturesDir, fixture), 'utf8'));
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('neovim (headless) as LSP client', { timeout: WAIT_MS * 10 }, () => {
  it('is installed', () => {
    assert.match(nvimVersion(), /^NVIM v0\.([7-9]|\d\d)\./);
  });

  it('shows the syntax error of `add chain=forward # note` and stops the server cleanly', () => {
    const r = runNvim('syntax-error.rsc');
    assert.deepEqual(r.steps, ['started', 'initialized', 'diagnostics', 'stopped']);
    assert.equal(r.filetype, 'routeros');
    assert.equal(r.server_name, 'routeros-rsc');
    assert.equal(r.capabilities?.codeActionProvider, true);
    const d = r.diagnostics?.find((x) => /^RSC1\d{3}$/.test(x.code ?? ''));
    assert.ok(d, `no RSC1nnn diagnostic in Neovim: ${JSON.stringify(r.diagnostics)}`);
    assert.equal(d.lnum, 2, 'on the line of `add chain=forward # note` (0-based 2)');
    assert.equal(d.severity, 1, 'vim.diagnostic.severity.ERROR');
    assert.equal(d.source, 'routeros');
    assert.deepEqual(r.server_exit, { code: 0, signal: 0 }, 'server should exit 0 after shutdown/exit');
  });

  it(
    'applies the quick fix for a single-backslash \\xd5 (RSC3001) and the error goes away',
    testOptions('l7Escaping'),
    () => {
      const r = runNvim('l7-escape.rsc', 'RSC3001');
      assert.deepEqual(r.steps, ['started', 'initialized', 'diagnostics', 'fixed', 'rechecked', 'stopped']);
      assert.match(
        r.text_after_fix ?? '',
        /regexp="\^\\\\xd5"/,
        `buffer after the fix:\n${r.text_after_fix}`,
      );
      assert.ok(
        !r.diagnostics_after_fix?.some((d) => d.code === 'RSC3001'),
        `RSC3001 still shown after the fix: ${JSON.stringify(r.diagnostics_after_fix)}`,
      );
    },
  );
});
