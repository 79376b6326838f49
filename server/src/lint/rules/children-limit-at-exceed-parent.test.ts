// Tests for RSC4014 (children's limit-at add up to more than the parent's max-limit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './children-limit-at-exceed-parent';

const run = (text: string) => lintWith([rule], text);
const TREE = readFileSync(
  join(__dirname, '../../../../test/fixtures/flow/two-direction-queue-tree.rsc'),
  'utf8',
);

test('invalid: two children guarantee 12M under a 10M parent', () => {
  const text = `/queue tree
add name=up parent=ether1 max-limit=10M
add name=a parent=up packet-mark=a limit-at=6M priority=1
add name=b parent=up packet-mark=b limit-at=6M priority=2
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [['RSC4014', 2]]);
  assert.equal(text.slice(ds[0].start, ds[0].end), 'max-limit=10M');
  assert.match(ds[0].message, /guarantee 12M in total/);
  assert.equal(ds[0].related?.length, 2);
});

test('invalid: simple queues, upload side only', () => {
  const text = `/queue simple
add name=p target=10.0.0.0/24 max-limit=2M/20M
add name=a parent=p target=10.0.0.0/24 packet-marks=a limit-at=1500k/1M
add name=b parent=p target=10.0.0.0/24 limit-at=1M/1M
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [['RSC4014', 2]]);
  assert.match(ds[0].message, /\(upload\)/);
});

const valid: [string, string][] = [
  ['a correct two-direction queue tree', TREE],
  [
    'sum equal to the parent',
    '/queue tree\nadd name=p parent=ether1 max-limit=2M\nadd name=a parent=p packet-mark=a limit-at=1M\nadd name=b parent=p packet-mark=b limit-at=1M',
  ],
  [
    'parent without max-limit',
    '/queue tree\nadd name=p parent=ether1\nadd name=a parent=p packet-mark=a limit-at=5M',
  ],
  [
    'a disabled child does not count',
    '/queue tree\nadd name=p parent=ether1 max-limit=2M\nadd name=a parent=p packet-mark=a limit-at=2M\nadd name=b parent=p packet-mark=b limit-at=2M disabled=yes',
  ],
];
for (const [name, text] of valid) {
  test(`valid: ${name}`, () => assert.deepEqual(run(text), []));
}
