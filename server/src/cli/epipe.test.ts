// `rsc lint FILE | head -1`: the reader of our output goes away early. The command must end quietly
// (no EPIPE stack trace) with its usual exit code. Runs the built CLI in a real shell pipeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, repoRoot } from '../../../test/lsp/harness';

test('rsc lint into a pipe closed after the first line ends quietly with exit code 1', () => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'rsc-epipe-'));
  try {
    // 20,000 findings (about 2 MB of output): far more than a pipe buffers, so writes meet the closed pipe.
    const file = join(dir, 'many.rsc');
    writeFileSync(file, '/ip firewall filter\n' + 'add chain=forward action=accept # note\n'.repeat(20_000));
    const errFile = join(dir, 'stderr.txt');
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${join(repoRoot, 'bin', 'rsc.js')}" lint "${file}" 2>"${errFile}" | head -1; echo "exit=\${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /many\.rsc:2:\d+: error RSC1\d{3} /);
    const stderr = readFileSync(errFile, 'utf8');
    assert.doesNotMatch(stderr, /EPIPE|Error|internal error|at /, stderr);
    // The summary line still goes to stderr; the exit code is lint's own (1: error findings).
    assert.match(stderr, /1 file\(s\): 20000 error\(s\)/);
    assert.equal(lines.at(-1), 'exit=1', r.stdout + r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
