// Issue 21's two end-to-end cases: RouterOS 7's default configuration plus (a) the Skype recipe in the
// FastTrack-aware shape, (b) the forum thread's own rules. The voice packet must be marked and shaped by
// the Skype queue with the recipe, and fast-tracked past it with the thread's rules. Run in-process and
// through the built CLI (`rsc trace --json`), as a check outside the project would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, cliPath } from '../lsp/harness';
import { readTraceFixture, SKYPE_PACKETS, traceScenario, withDefconf } from './skype-scenario';

const recipe = (): string => withDefconf(readTraceFixture('skype-recipe.rsc'));
const thread = (): string => withDefconf(readTraceFixture('thread-rules.rsc'));

test('defconf + Skype recipe: the NAck lists the peer, the voice packet is marked and shaped, not fast-tracked', () => {
  const [first, nack, voice] = traceScenario(recipe());
  assert.equal(first.connectionState, 'new');
  assert.deepEqual(first.nat?.src, { from: '192.168.88.10:50000', to: '92.50.1.2:50000', line: 40 });
  // The NAck is the reply of the client's connection: it reaches the client through the masquerade mapping.
  assert.equal(nack.direction, 'reply');
  assert.deepEqual(nack.nat?.dst, { from: '92.50.1.2:50000', to: '192.168.88.10:50000', line: null });
  assert.deepEqual(nack.addressLists, [{ list: 'skype', address: '77.88.99.10', timeout: 3600, line: 50 }]);
  assert.equal(nack.fasttracked, false);
  assert.equal(voice.fasttracked, false);
  assert.equal(voice.connectionMark, 'conn_skype');
  assert.equal(voice.packetMark, 'skype');
  assert.deepEqual(voice.queues, ['skype-up']);
  assert.equal(voice.verdict, 'accept');
  // The default fasttrack rule (line 32) never fires on the marked connection.
  assert.ok(![first, nack, voice].some((p) => p.rules.some((r) => r.action === 'fasttrack-connection')));
  assert.deepEqual(voice.notModelled, []);
});

test('defconf + the thread rules: the NAck gets the connection fast-tracked, the voice packet is unshaped', () => {
  const [, nack, voice] = traceScenario(thread());
  assert.deepEqual(nack.addressLists, [{ list: 'skype', address: '77.88.99.10', timeout: 3600, line: 45 }]);
  assert.deepEqual(
    nack.rules.map((r) => `${r.table} ${r.chain} ${r.line} ${r.action}`),
    [
      'mangle forward 45 add-src-to-address-list',
      'mangle forward 46 mark-connection',
      'mangle forward 48 mark-packet',
      'filter forward 32 fasttrack-connection',
      'filter forward 34 accept',
    ],
  );
  assert.deepEqual(nack.queues, ['skype']);
  assert.equal(voice.fasttracked, true);
  assert.deepEqual(voice.rules, []);
  assert.equal(voice.packetMark, null);
  assert.deepEqual(voice.queues, []);
});

test('the same two cases through the built CLI: rsc trace --json', () => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'rsc-trace-'));
  try {
    const run = (config: string): { packets: Record<string, unknown>[] } => {
      const file = join(dir, 'config.rsc');
      writeFileSync(file, config);
      const args = [cliPath, 'trace', file, ...SKYPE_PACKETS.flatMap((p) => ['--packet', p]), '--json'];
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60000 });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as { packets: Record<string, unknown>[] };
    };
    const withRecipe = run(recipe()).packets[2];
    assert.equal(withRecipe.fasttracked, false);
    assert.equal(withRecipe.packetMark, 'skype');
    assert.deepEqual(withRecipe.queues, ['skype-up']);
    assert.deepEqual(withRecipe.rules, [
      { line: 55, table: 'mangle', chain: 'forward', action: 'mark-connection', detail: 'conn_skype' },
      { line: 57, table: 'mangle', chain: 'forward', action: 'mark-packet', detail: 'skype' },
      { line: 34, table: 'filter', chain: 'forward', action: 'accept' },
    ]);
    const withThread = run(thread()).packets[2];
    assert.equal(withThread.fasttracked, true);
    assert.equal(withThread.packetMark, null);
    assert.deepEqual(withThread.queues, []);
    assert.equal(withThread.verdict, 'accept');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
