// Tests for RSC3006: patterns that do not compile, at the offending characters.
import { test } from 'node:test';
import { rule } from './l7-compile-error';
import assert from 'node:assert/strict';
import { assertClean, assertRule, runRules } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test('RSC3006: unbalanced parenthesis, nothing to repeat, a \\\\x28 that opens a group', () => {
  assertRule(rule, l7('^(abc'), [{ at: '(' }]);
  assertRule(rule, l7('^*abc'), [{ at: '^*' }]);
  assertRule(rule, l7(String.raw`ab\\x28c`), [{ at: String.raw`\\x28` }]);
});

test('RSC3006: valid patterns compile', () => {
  assertClean(rule, [l7('^(abc|def)+x?'), l7(String.raw`^\\(abc\\)`), l7('[(]')]);
});

test('RSC3006: the message quotes the characters and the compiler reason on one line, the change on the next', () => {
  const [open] = runRules([rule], l7('^(get|post /'));
  const [problem, todo] = open.message.split('\n');
  assert.match(problem, /^the regexp does not compile at "\(": unmatched "\("/);
  assert.match(problem, /never matches\.$/);
  assert.match(todo, /^Close or remove the bracket/);
  // The compiler's own advice moves to the second line, not both.
  const [star] = runRules([rule], l7('*abc'));
  assert.doesNotMatch(star.message.split('\n')[0], /escape it/);
  assert.match(star.message.split('\n')[1], /^Escape the repetition character/);
});
