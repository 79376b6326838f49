// `rsc diff` in-process: JSON shape on the fixtures, text output, usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { diffCommand } from './diff';
import { runSubcommand, type CliRun } from './io-testing';

const fx = join(__dirname, '../../../test/fixtures/diff');

const run = (args: string[]): Promise<CliRun> => runSubcommand(diffCommand, args);

test('--json gives {"changes": [{menu, kind, line, ...}]} with all four kinds', async () => {
  const r = await run([join(fx, 'script.rsc'), '--against', join(fx, 'router-export.rsc'), '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as { changes: { menu: string; kind: string; line: number }[] };
  assert.deepEqual([...new Set(j.changes.map((c) => c.kind))].sort(), [
    'add',
    'change',
    'remove',
    'unchanged',
  ]);
  assert.deepEqual(j.changes[2], {
    menu: '/ip firewall address-list',
    kind: 'add',
    line: 6,
    entry: 'address=192.0.2.10 list=admins',
  });
});

test('text output and usage errors', async () => {
  const r = await run([join(fx, 'script.rsc'), '--against', join(fx, 'router-export.rsc')]);
  assert.equal(r.code, 0);
  assert.match(r.out, /1 to add, 2 to change, 1 to remove, 3 unchanged/);
  assert.equal((await run([join(fx, 'script.rsc')])).code, 2);
  assert.equal((await run(['--against', join(fx, 'script.rsc')])).code, 2);
  const missing = await run([join(fx, 'nope.rsc'), '--against', join(fx, 'script.rsc')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read .*nope\.rsc: ENOENT/);
});
