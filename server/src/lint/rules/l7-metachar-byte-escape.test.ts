// Tests for RSC3002: byte escapes that reach the regex as metacharacters, with the escaped literal as fix.
import { test } from 'node:test';
import { rule } from './l7-metachar-byte-escape';
import { assertClean, assertRule } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test('RSC3002: \\\\x2e is "any byte", not a dot; the fix writes \\\\.', () => {
  assertRule(rule, l7(String.raw`^www\\x2eexample`), [
    { at: String.raw`\\x2e`, fixed: l7(String.raw`^www\\.example`) },
  ]);
});

test('RSC3002: a string escape \\2E and a \\\\x7b are metacharacters too', () => {
  assertRule(rule, l7(String.raw`^ab\2Ecd`), [{ at: String.raw`\2E`, fixed: l7(String.raw`^ab\\.cd`) }]);
  assertRule(rule, l7(String.raw`^ab\\x7bcd`), [{ at: String.raw`\\x7b`, fixed: l7(String.raw`^ab\\{cd`) }]);
});

test('RSC3002: \\\\x5d closes a bracket expression early; the fix puts "]" first', () => {
  assertRule(rule, l7(String.raw`^[a\\x5d]`), [{ at: String.raw`\\x5d`, fixed: l7(String.raw`^[]a]`) }]);
});

test('RSC3002: escaped by a regex backslash, or an ordinary member of a class: nothing', () => {
  assertClean(rule, [l7(String.raw`^a\\\\x2e`), l7(String.raw`^[\\x2e\\x7c]`), l7(String.raw`^\\xd5`)]);
});
