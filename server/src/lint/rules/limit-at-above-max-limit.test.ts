// Tests for RSC4013 (limit-at above max-limit on the same queue).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './limit-at-above-max-limit';

const run = (text: string) => lintWith([rule], text);
const TREE = readFileSync(
  join(__dirname, '../../../../test/fixtures/flow/two-direction-queue-tree.rsc'),
  'utf8',
);

const invalid: [string, string, RegExp][] = [
  [
    'queue tree',
    '/queue tree add name=v parent=ether1 limit-at=2M max-limit=1M',
    /limit-at 2M is above this queue's max-limit 1M/,
  ],
  [
    'simple queue, download side',
    '/queue simple add name=s target=10.0.0.1 limit-at=1M/20M max-limit=5M/10M',
    /limit-at \(download\) 20M .* max-limit 10M/,
  ],
  ['units: 1500k above 1M', '/queue tree add name=v parent=ether1 limit-at=1500k max-limit=1M', /1500k/],
];
for (const [name, text, message] of invalid) {
  test(`invalid: ${name}`, () => {
    const ds = run(text);
    assert.deepEqual(codesAndLines(text, ds), [['RSC4013', 1]]);
    assert.match(text.slice(ds[0].start, ds[0].end), /^limit-at=/);
    assert.match(ds[0].message, message);
  });
}

const valid: [string, string][] = [
  ['a correct two-direction queue tree', TREE],
  ['max-limit 0 means unlimited', '/queue tree add name=v parent=ether1 limit-at=2M max-limit=0'],
  ['equal', '/queue tree add name=v parent=ether1 limit-at=2M max-limit=2M'],
  ['no max-limit', '/queue tree add name=v parent=ether1 limit-at=2M'],
];
for (const [name, text] of valid) {
  test(`valid: ${name}`, () => assert.deepEqual(run(text), []));
}
