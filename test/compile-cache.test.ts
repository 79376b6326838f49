// bin/rsc.js compiles dist/cli.js with V8's code cache where Node has no compile cache of its own (Node
// 20 and 21): the first run writes the cache into a folder of this user's own in the temporary directory,
// later runs use it, and the output never depends on it. Real processes, each with its own TMPDIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nodeModule from 'node:module';
import { ensureBuilt, repoRoot } from './lsp/harness';

const nodeHasItsOwn =
  typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const skip = nodeHasItsOwn
  ? 'this Node has module.enableCompileCache, which bin/rsc.js uses instead'
  : process.platform === 'win32'
    ? 'the folder checks are POSIX permissions'
    : false;

function run(tmp: string, file: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'rsc.js'), 'lint', file], {
    encoding: 'utf8',
    env: {
      ...process.env,
      TMPDIR: tmp,
      ...env,
      NODE_DISABLE_COMPILE_CACHE: env.NODE_DISABLE_COMPILE_CACHE ?? '',
    },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cacheFolder(tmp: string): string {
  return join(tmp, `rsc-compile-cache-${process.getuid?.() ?? 'user'}`);
}

function setUp(): { tmp: string; file: string } {
  ensureBuilt();
  const tmp = mkdtempSync(join(tmpdir(), 'rsc-cc-test-'));
  const file = join(tmp, 'one.rsc');
  writeFileSync(file, '/ip address add address=192.0.2.1/24 bogus-arg=ether1\n');
  return { tmp, file };
}

test(
  'the first run writes a code cache, the next uses it as it is, and the output is the same',
  { skip },
  () => {
    const { tmp, file } = setUp();
    try {
      const plain = run(tmp, file, { NODE_DISABLE_COMPILE_CACHE: '1' });
      assert.equal(plain.status, 1, plain.stderr); // the unknown argument is an error
      assert.match(plain.stdout, /bogus-arg/);
      assert.throws(() => statSync(cacheFolder(tmp)), 'NODE_DISABLE_COMPILE_CACHE writes no cache');

      const first = run(tmp, file);
      assert.deepEqual(first, plain);
      const dir = cacheFolder(tmp);
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      const files = readdirSync(dir);
      assert.equal(files.length, 1, files.join(', '));
      assert.match(files[0], /^[0-9a-f]{32}\.cache$/);
      const cache = join(dir, files[0]);
      assert.equal(statSync(cache).mode & 0o777, 0o600);
      const written = statSync(cache).mtimeMs;

      const second = run(tmp, file);
      assert.deepEqual(second, plain);
      // V8 accepted the cache (same bundle, Node and flags), so it was not written again.
      assert.equal(statSync(cache).mtimeMs, written);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
);

test('the bundle has no real import(), which the code cache path could not run', () => {
  ensureBuilt();
  const bundle = readFileSync(join(repoRoot, 'dist', 'cli.js'), 'utf8');
  assert.doesNotMatch(bundle, /(?<![\w$.])import\(/);
});

test('a cache folder that others can write is not used, and a damaged cache is replaced', { skip }, () => {
  const { tmp, file } = setUp();
  try {
    const plain = run(tmp, file, { NODE_DISABLE_COMPILE_CACHE: '1' });
    const dir = cacheFolder(tmp);
    mkdirSync(dir, { mode: 0o700 });
    chmodSync(dir, 0o777);
    assert.deepEqual(run(tmp, file), plain);
    assert.deepEqual(readdirSync(dir), [], 'nothing written into a folder others can write');

    chmodSync(dir, 0o700);
    assert.deepEqual(run(tmp, file), plain);
    const [name] = readdirSync(dir);
    writeFileSync(join(dir, name), 'not a cache');
    assert.deepEqual(run(tmp, file), plain);
    assert.ok(statSync(join(dir, name)).size > 10_000, 'the damaged cache was written anew');
    assert.deepEqual(run(tmp, file), plain);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
