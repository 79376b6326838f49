// Tests for RSC4007 (malformed or inverted connection-rate / connection-bytes / packet-size).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './bad-flow-range';

const run = (text: string) => lintWith([rule], text);

test('inverted and malformed ranges', () => {
  const text = `/ip firewall mangle
add chain=forward connection-rate=50k-0 action=accept
add chain=forward connection-rate=0-50kb action=accept
add chain=forward packet-size=100-39 action=accept
add chain=forward packet-size=0-70000 action=accept
add chain=forward connection-bytes=abc action=accept
/ip firewall filter add chain=forward connection-rate=!10M-1M action=drop
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [
    ['RSC4007', 2],
    ['RSC4007', 3],
    ['RSC4007', 4],
    ['RSC4007', 5],
    ['RSC4007', 6],
    ['RSC4007', 7],
  ]);
  assert.match(ds[0].message, /inverted/);
  assert.match(ds[1].message, /kb/);
  assert.equal(text.slice(ds[2].start, ds[2].end), 'packet-size=100-39');
});

test('valid ranges, including connection-bytes with 0 as "no upper limit" and computed values', () => {
  const text = `/ip firewall mangle
add chain=forward connection-rate=0-50k packet-size=39 action=accept
add chain=forward connection-rate=200k-100M packet-size=0-128 action=accept
add chain=forward connection-bytes=2000000-0 action=accept
add chain=forward connection-bytes=0-500000 connection-rate=$r action=accept
`;
  assert.deepEqual(run(text), []);
});
