// Tests for RSC3003: "|" inside a bracket expression.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-pipe-in-brackets';
import { assertClean, assertRule, runRules } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test("RSC3003: the thread's [\\\\\\\\|\\\\xd5]; the suggestion drops the pipe", () => {
  assertRule(rule, l7(String.raw`[\\\\|\\xd5]`), [{ at: '|', fixed: l7(String.raw`[\\\\\\xd5]`) }]);
});

test('RSC3003: alternatives outside brackets and an escaped pipe are fine', () => {
  assertClean(rule, [l7('^(a|b)'), l7(String.raw`^a\\|b`)]);
});

test('RSC3003: the fix title says what the pattern matches afterwards', () => {
  const [d] = runRules([rule], l7(String.raw`[\\\\|\\xd5]`));
  assert.equal(
    d.fix?.title,
    'Remove "|" from the class: it then matches one byte out of {"\\", byte 0xD5} anywhere in the first 2 KB (10 packets) of the connection, both directions',
  );
});
