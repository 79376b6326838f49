// Tests for the NAck replacement: the generator's pattern for the user's addresses, and clear errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nackReplacement } from './nack-replacement';
import { buildNackPattern } from './nack-pattern';
import { parsePublicRanges } from '../addresses';

test('the replacement is the generator pattern for the addresses, in the form of the value', () => {
  const r = nackReplacement('213.45.0.0/16', 'cli');
  assert.ok(r.ok);
  const expected = buildNackPattern(parsePublicRanges(['213.45.0.0/16']).ranges, 'tolerant');
  assert.equal(r.text, expected.cli);
  const w = nackReplacement('213.45.0.0/16', 'winbox');
  assert.ok(w.ok);
  assert.equal(w.text, expected.winbox);
});

test('a private or malformed address is refused with the reason', () => {
  const r = nackReplacement('192.168.1.1', 'cli');
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /private range/);
  assert.equal(nackReplacement('  ', 'cli').ok, false);
});
