// Tests for RSC3006: patterns that do not compile, at the offending characters.
import { test } from 'node:test';
import { rule } from './l7-compile-error';
import { assertClean, assertRule } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test('RSC3006: unbalanced parenthesis, nothing to repeat, a \\\\x28 that opens a group', () => {
  assertRule(rule, l7('^(abc'), [{ at: '(' }]);
  assertRule(rule, l7('^*abc'), [{ at: '^*' }]);
  assertRule(rule, l7(String.raw`ab\\x28c`), [{ at: String.raw`\\x28` }]);
});

test('RSC3006: valid patterns compile', () => {
  assertClean(rule, [l7('^(abc|def)+x?'), l7(String.raw`^\\(abc\\)`), l7('[(]')]);
});
