// Tests for RSC3013: pattern bytes the kernel's Latin-1 lower-casing changes.
import { test } from 'node:test';
import { rule } from './l7-latin1-fold';
import { assertClean, assertRule } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test("RSC3013: the thread's \\\\xd5 (213) and a string \\C0; information, no fix", () => {
  assertRule(rule, l7(String.raw`\\xd5.......\$`), [{ at: String.raw`\\xd5`, severity: 'information' }]);
  assertRule(rule, l7(String.raw`^\C0`), [{ at: String.raw`\C0` }]);
});

test('RSC3013: 0xD7, 0xDF and bytes outside 0xC0-0xDE are fine', () => {
  assertClean(rule, [l7(String.raw`^\\xd7\\xdf\\xe0\\xbf`)]);
});

test('RSC3013: a class listing both readings ([\\\\xd5\\\\xf5]) works either way and is not reported', () => {
  assertClean(rule, [l7(String.raw`[\\xd5\\xf5].......\$`), l7(String.raw`^[\\xc0-\\xfe]`)]);
  assertRule(rule, l7(String.raw`^[\\xd5\\xd6]`), [{ at: String.raw`\\xd5` }, { at: String.raw`\\xd6` }]);
});
