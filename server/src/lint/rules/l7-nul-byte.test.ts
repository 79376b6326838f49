// Tests for RSC3012: NUL bytes in a pattern.
import { test } from 'node:test';
import { rule } from './l7-nul-byte';
import assert from 'node:assert/strict';
import { assertClean, assertRule, runRules } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test('RSC3012: a regex \\\\x00 and a string \\00 end the pattern; error, no fix', () => {
  assertRule(rule, l7(String.raw`^a\\x00b`), [{ at: String.raw`\\x00`, severity: 'error' }]);
  assertRule(rule, l7(String.raw`^a\00b`), [{ at: String.raw`\00` }]);
});

test('RSC3012: a backslash before the escape does not help: pre-processing still makes it a NUL', () => {
  assertRule(rule, l7(String.raw`^\\\\x00`), [{ at: String.raw`\\x00` }]);
});

test('RSC3012: other bytes are fine', () => {
  assertClean(rule, [l7(String.raw`^\\x01\\x10`)]);
});

test('RSC3012: the message quotes the NUL escape and what it cuts off, then says what to do', () => {
  const [d] = runRules([rule], l7(String.raw`^a\\x00bc`));
  const [problem, todo] = d.message.split('\n');
  assert.match(problem, /^a NUL byte \("\\\\x00"\) ends the pattern/);
  assert.match(problem, /from there on \("\\x00bc"\) is ignored/);
  assert.match(todo, /^Remove the NUL byte/);
});
