// Tests for RSC4012 (priority without a limited parent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './priority-without-limit';

const run = (text: string) => lintWith([rule], text);
const TREE = readFileSync(
  join(__dirname, '../../../../test/fixtures/flow/two-direction-queue-tree.rsc'),
  'utf8',
);

const invalid: [string, string, [string, number][]][] = [
  [
    'the old recipe: under global, no limit',
    '/queue tree add name=skype parent=global packet-mark=skype priority=1',
    [['RSC4012', 1]],
  ],
  [
    'directly under an interface',
    '/queue tree add name=v parent=ether1 packet-mark=v priority=2',
    [['RSC4012', 1]],
  ],
  [
    'under a parent without max-limit',
    '/queue tree\nadd name=p parent=global\nadd name=v parent=p packet-mark=v priority=1',
    [['RSC4012', 3]],
  ],
  [
    'a top-level simple queue',
    '/queue simple add name=s target=10.0.0.0/24 packet-marks=v priority=1/1',
    [['RSC4012', 1]],
  ],
];
for (const [name, text, expected] of invalid) {
  test(`invalid: ${name}`, () => {
    const ds = run(text);
    assert.deepEqual(codesAndLines(text, ds), expected);
    assert.match(text.slice(ds[0].start, ds[0].end), /^priority=/);
  });
}

const valid: [string, string][] = [
  ['a correct two-direction queue tree', TREE],
  ['priority 8 is the default', '/queue tree add name=v parent=global packet-mark=v priority=8'],
  ['no priority', '/queue tree add name=v parent=global packet-mark=v'],
  ['a computed parent', ':local p x\n/queue tree add name=v parent=$p packet-mark=v priority=1'],
  [
    'grandparent limited',
    '/queue tree\nadd name=a parent=ether1 max-limit=10M\nadd name=b parent=a\nadd name=c parent=b packet-mark=v priority=1',
  ],
];
for (const [name, text] of valid) {
  test(`valid: ${name}`, () => assert.deepEqual(run(text), []));
}
