// Tests for RSC3014: bounded repetition and POSIX classes, with the safe expansion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-unsupported-syntax';
import { findings, ruleTester } from '../support/rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

ruleTester(rule).run({
  // The l7-filter way of writing it is fine.
  valid: [l7(String.raw`^\\x01.\?.\?.\?\\x02`), l7('^[0-9]+')],
  invalid: [
    {
      name: '.{0,3} expands to .?.?.? (written \\? in a CLI string)',
      text: l7(String.raw`^\\x01.{0,3}\\x02`),
      errors: [{ at: '.{0,3}', fix: l7(String.raw`^\\x01.\?.\?.\?\\x02`) }],
    },
    {
      name: '[[:digit:]] becomes [0-9]',
      text: l7('^[[:digit:]]'),
      errors: [{ at: '[[:digit:]]', fix: l7('^[0-9]') }],
    },
    { name: 'x{2} becomes xx', text: l7('^ab{2}'), errors: [{ at: 'b{2}', fix: l7('^abb') }] },
  ],
});

test('RSC3014: the message quotes the syntax on one line and what to write on the next', () => {
  const [d] = findings(rule, l7('^ab{2}'));
  const [problem, todo] = d.message.split('\n');
  assert.match(
    problem,
    /^"b\{2\}": bounded repetition is not supported .* reads "\{2\}" as literal bytes\.$/,
  );
  assert.match(todo, /^If the repetition or class is meant, write it out: "bb"/);
  const [posix] = findings(rule, l7('^[[:digit:]]'));
  assert.match(posix.message.split('\n')[1], /write it out: "\[0-9\]"/);
});
