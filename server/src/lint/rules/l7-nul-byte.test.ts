// Tests for RSC3012: NUL bytes in a pattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-nul-byte';
import { findings, ruleTester } from '../support/rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

ruleTester(rule).run({
  valid: [l7(String.raw`^\\x01\\x10`)],
  invalid: [
    {
      name: 'a regex \\\\x00 ends the pattern; error, no fix',
      text: l7(String.raw`^a\\x00b`),
      errors: [{ at: String.raw`\\x00`, severity: 'error' }],
    },
    { name: 'so does a string \\00', text: l7(String.raw`^a\00b`), errors: [{ at: String.raw`\00` }] },
    {
      name: 'a backslash before the escape does not help: pre-processing still makes it a NUL',
      text: l7(String.raw`^\\\\x00`),
      errors: [{ at: String.raw`\\x00` }],
    },
  ],
});

test('RSC3012: the message quotes the NUL escape and what it cuts off, then says what to do', () => {
  const [d] = findings(rule, l7(String.raw`^a\\x00bc`));
  const [problem, todo] = d.message.split('\n');
  assert.match(problem, /^a NUL byte \("\\\\x00"\) ends the pattern/);
  assert.match(problem, /from there on \("\\x00bc"\) is ignored/);
  assert.match(todo, /^Remove the NUL byte/);
});
