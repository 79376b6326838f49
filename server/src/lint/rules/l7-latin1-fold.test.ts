// Tests for RSC3013: off by default (the reference folds only A-Z in the pattern); with the latin1Fold
// assumption on, pattern bytes a Latin-1 lower-casing would change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-latin1-fold';
import { assertClean, assertRule, runRules } from '../support/l7-testing';
import { lintText } from '../index';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;
const on = { latin1Fold: true };

test('RSC3013 is off by default: rsc lint on regexp="\\\\xd5" reports no RSC3013', () => {
  assert.deepEqual(runRules([rule], l7(String.raw`\\xd5.......\$`)), []);
  const codes = lintText(l7(String.raw`\\xd5`)).diagnostics.map((d) => d.code);
  assert.ok(!codes.includes('RSC3013'), codes.join(','));
  assert.ok(lintText(l7(String.raw`\\xd5`), on).diagnostics.some((d) => d.code === 'RSC3013'));
});

test("RSC3013 (latin1Fold on): the thread's \\\\xd5 (213) and a string \\C0; information, no fix", () => {
  assertRule(rule, l7(String.raw`\\xd5.......\$`), [{ at: String.raw`\\xd5`, severity: 'information' }], on);
  assertRule(rule, l7(String.raw`^\C0`), [{ at: String.raw`\C0` }], on);
});

test('RSC3013 (latin1Fold on): 0xD7, 0xDF and bytes outside 0xC0-0xDE are fine', () => {
  assertClean(rule, [l7(String.raw`^\\xd7\\xdf\\xe0\\xbf`)], on);
});

test('RSC3013 (latin1Fold on): a class listing both readings ([\\\\xd5\\\\xf5]) is not reported', () => {
  assertClean(rule, [l7(String.raw`[\\xd5\\xf5].......\$`), l7(String.raw`^[\\xc0-\\xfe]`)], on);
  assertRule(rule, l7(String.raw`^[\\xd5\\xd6]`), [{ at: String.raw`\\xd5` }, { at: String.raw`\\xd6` }], on);
});
