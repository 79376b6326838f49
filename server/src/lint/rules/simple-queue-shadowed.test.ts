// Tests for RSC4015 (a simple queue an earlier one shadows), with the move-above suggestion applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFix, codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './simple-queue-shadowed';

const run = (text: string) => lintWith([rule], text);
const TREE = readFileSync(
  join(__dirname, '../../../../test/fixtures/flow/two-direction-queue-tree.rsc'),
  'utf8',
);

test('invalid: the old recipe appended after a queue for the whole LAN; the fix moves it up', () => {
  const text = `/queue simple
add name=lan target=192.168.88.0/24 max-limit=10M/50M
add name=skype target=192.168.88.0/24 packet-marks=skype priority=1/1
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [['RSC4015', 3]]);
  assert.equal(text.slice(ds[0].start, ds[0].end), 'target=192.168.88.0/24');
  assert.match(ds[0].message, /the queue on line 2 \(lan\) comes first/);
  assert.equal(ds[0].fix?.safe, false);
  const fixed = applyFix(text, ds[0].fix!);
  assert.equal(
    fixed,
    `/queue simple
add name=skype target=192.168.88.0/24 packet-marks=skype priority=1/1
add name=lan target=192.168.88.0/24 max-limit=10M/50M
`,
  );
  assert.deepEqual(run(fixed), []);
});

const invalid: [string, string, [string, number][]][] = [
  [
    'a broader prefix first',
    '/queue simple\nadd name=all target=10.0.0.0/8 max-limit=5M/5M\nadd name=one target=10.1.2.3/32 max-limit=1M/1M',
    [['RSC4015', 3]],
  ],
  [
    'same marks, same target',
    '/queue simple\nadd name=a target=ether2 packet-marks=v\nadd name=b target=ether2 packet-marks=v',
    [['RSC4015', 3]],
  ],
];
for (const [name, text, expected] of invalid) {
  test(`invalid: ${name}`, () => assert.deepEqual(codesAndLines(text, run(text)), expected));
}

const valid: [string, string][] = [
  ['a correct two-direction queue tree (and its simple-queue form)', TREE],
  ['narrower first', '/queue simple\nadd name=one target=10.1.2.3/32\nadd name=all target=10.0.0.0/8'],
  [
    'earlier one takes only its packet marks',
    '/queue simple\nadd name=v target=10.0.0.0/8 packet-marks=v\nadd name=rest target=10.0.0.0/8',
  ],
  [
    'earlier one only for a dst',
    '/queue simple\nadd name=v target=10.0.0.0/8 dst=1.2.3.4\nadd name=rest target=10.0.0.0/8',
  ],
  [
    'a time-restricted queue',
    '/queue simple\nadd name=night target=10.0.0.0/8 time=0s-6h,mon\nadd name=rest target=10.0.0.0/8',
  ],
  [
    'a disabled queue takes nothing',
    '/queue simple\nadd name=x target=10.0.0.0/8 disabled=yes\nadd name=rest target=10.0.0.0/8',
  ],
];
for (const [name, text] of valid) {
  test(`valid: ${name}`, () => assert.deepEqual(run(text), []));
}
