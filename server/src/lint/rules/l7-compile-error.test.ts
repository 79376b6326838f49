// Tests for RSC3006: patterns that do not compile, at the offending characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-compile-error';
import { findings, ruleTester } from '../support/rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

ruleTester(rule).run({
  valid: [l7('^(abc|def)+x?'), l7(String.raw`^\\(abc\\)`), l7('[(]')],
  invalid: [
    { name: 'an unbalanced parenthesis', text: l7('^(abc'), errors: [{ at: '(' }] },
    { name: 'nothing to repeat', text: l7('^*abc'), errors: [{ at: '^*' }] },
    {
      name: 'a \\\\x28 that opens a group',
      text: l7(String.raw`ab\\x28c`),
      errors: [{ at: String.raw`\\x28` }],
    },
  ],
});

test('RSC3006: the message quotes the characters and the compiler reason on one line, the change on the next', () => {
  const [open] = findings(rule, l7('^(get|post /'));
  const [problem, todo] = open.message.split('\n');
  assert.match(problem, /^the regexp does not compile at "\(": unmatched "\("/);
  assert.match(problem, /never matches\.$/);
  assert.match(todo, /^Close or remove the bracket/);
  // The compiler's own advice moves to the second line, not both.
  const [star] = findings(rule, l7('*abc'));
  assert.doesNotMatch(star.message.split('\n')[0], /escape it/);
  assert.match(star.message.split('\n')[1], /^Escape the repetition character/);
});
