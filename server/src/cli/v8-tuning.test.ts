// The V8 flags rsc and the server run with must be flags this Node's V8 knows: setFlagsFromString only
// prints a warning for an unknown one, so a Node upgrade that dropped a flag would silently undo the
// tuning the benchmark figures rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fullCollection, V8_FLAGS } from './v8-tuning';

test('every V8 flag is known to this Node (starting node with it succeeds silently)', () => {
  assert.ok(V8_FLAGS.length > 0);
  for (const flag of V8_FLAGS) {
    const r = spawnSync(process.execPath, [flag, '-e', '0'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `node ${flag}: ${r.stderr}`);
    assert.equal(r.stderr, '', `node ${flag} printed: ${r.stderr}`);
  }
});

test('fullCollection gives a working full garbage collection, the same function each time', async () => {
  const gc = fullCollection();
  assert.equal(typeof gc, 'function');
  assert.equal(fullCollection(), gc);
  // A collected object proves the call collects: a WeakRef's target is cleared by a full collection once
  // nothing else holds it (WeakRef targets are kept until the end of the current job, hence the tick).
  let ref: WeakRef<object> | undefined = new WeakRef({ big: new Array(1000).fill(1) });
  await new Promise((r) => setImmediate(r));
  gc?.();
  assert.equal(ref.deref(), undefined);
  ref = undefined;
});
