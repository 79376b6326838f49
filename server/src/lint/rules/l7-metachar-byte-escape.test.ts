// Tests for RSC3002: byte escapes that reach the regex as metacharacters, with the escaped literal as fix.
import { test } from 'node:test';
import { rule } from './l7-metachar-byte-escape';
import assert from 'node:assert/strict';
import { assertClean, assertRule, runRules } from '../support/l7-testing';

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

test('RSC3002: the message quotes the escape and its byte on one line, and says what to write on the next', () => {
  const [dot] = runRules([rule], l7(String.raw`^www\\x2eexample`));
  const [problem, todo] = dot.message.split('\n');
  assert.match(problem, /^"\\\\x2e" reaches the regex as the byte 0x2E \("\."\)/);
  assert.match(problem, /regex syntax, not the byte\.$/);
  assert.equal(todo, 'To match the byte write "\\\\.".');
  const [close] = runRules([rule], l7(String.raw`^[a\\x5d]`));
  assert.match(close.message.split('\n')[0], /closes the bracket expression/);
  assert.match(close.message.split('\n')[1], /^Put "\]" first/);
  // The reference library reads a brace as a byte; the message must not call it syntax there.
  const [brace] = runRules([rule], l7(String.raw`^ab\\x7bcd`));
  assert.match(brace.message.split('\n')[0], /layer-7 library reads "\{" as the byte/);
});
