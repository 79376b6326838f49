// Tests for RSC3014: bounded repetition and POSIX classes, with the safe expansion.
import { test } from 'node:test';
import { rule } from './l7-unsupported-syntax';
import assert from 'node:assert/strict';
import { assertClean, assertRule, runRules } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test('RSC3014: .{0,3} expands to .?.?.? (written \\? in a CLI string)', () => {
  assertRule(rule, l7(String.raw`^\\x01.{0,3}\\x02`), [
    { at: '.{0,3}', fixed: l7(String.raw`^\\x01.\?.\?.\?\\x02`) },
  ]);
});

test('RSC3014: [[:digit:]] becomes [0-9]; x{2} becomes xx', () => {
  assertRule(rule, l7('^[[:digit:]]'), [{ at: '[[:digit:]]', fixed: l7('^[0-9]') }]);
  assertRule(rule, l7('^ab{2}'), [{ at: 'b{2}', fixed: l7('^abb') }]);
});

test('RSC3014: the l7-filter way of writing it is fine', () => {
  assertClean(rule, [l7(String.raw`^\\x01.\?.\?.\?\\x02`), l7('^[0-9]+')]);
});

test('RSC3014: the message quotes the syntax on one line and what to write on the next', () => {
  const [d] = runRules([rule], l7('^ab{2}'));
  const [problem, todo] = d.message.split('\n');
  assert.match(
    problem,
    /^"b\{2\}": bounded repetition is not supported .* reads "\{2\}" as literal bytes\.$/,
  );
  assert.match(todo, /^If the repetition or class is meant, write it out: "bb"/);
  const [posix] = runRules([rule], l7('^[[:digit:]]'));
  assert.match(posix.message.split('\n')[1], /write it out: "\[0-9\]"/);
});
