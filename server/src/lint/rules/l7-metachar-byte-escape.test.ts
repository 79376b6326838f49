// Tests for RSC3002: byte escapes that reach the regex as metacharacters, with the escaped literal as fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-metachar-byte-escape';
import { findings, ruleTester } from '../support/rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

ruleTester(rule).run({
  // Escaped by a regex backslash, or an ordinary member of a class: nothing.
  valid: [l7(String.raw`^a\\\\x2e`), l7(String.raw`^[\\x2e\\x7c]`), l7(String.raw`^\\xd5`)],
  invalid: [
    {
      name: '\\\\x2e is "any byte", not a dot; the fix writes \\\\.',
      text: l7(String.raw`^www\\x2eexample`),
      errors: [{ at: String.raw`\\x2e`, fix: l7(String.raw`^www\\.example`) }],
    },
    {
      name: 'a string escape \\2E is a metacharacter too',
      text: l7(String.raw`^ab\2Ecd`),
      errors: [{ at: String.raw`\2E`, fix: l7(String.raw`^ab\\.cd`) }],
    },
    {
      name: 'so is \\\\x7b',
      text: l7(String.raw`^ab\\x7bcd`),
      errors: [{ at: String.raw`\\x7b`, fix: l7(String.raw`^ab\\{cd`) }],
    },
    {
      name: '\\\\x5d closes a bracket expression early; the fix puts "]" first',
      text: l7(String.raw`^[a\\x5d]`),
      errors: [{ at: String.raw`\\x5d`, fix: l7(String.raw`^[]a]`) }],
    },
  ],
});

test('RSC3002: the message quotes the escape and its byte on one line, and says what to write on the next', () => {
  const [dot] = findings(rule, l7(String.raw`^www\\x2eexample`));
  const [problem, todo] = dot.message.split('\n');
  assert.match(problem, /^"\\\\x2e" reaches the regex as the byte 0x2E \("\."\)/);
  assert.match(problem, /regex syntax, not the byte\.$/);
  assert.equal(todo, 'To match the byte write "\\\\.".');
  const [close] = findings(rule, l7(String.raw`^[a\\x5d]`));
  assert.match(close.message.split('\n')[0], /closes the bracket expression/);
  assert.match(close.message.split('\n')[1], /^Put "\]" first/);
  // The reference library reads a brace as a byte; the message must not call it syntax there.
  const [brace] = findings(rule, l7(String.raw`^ab\\x7bcd`));
  assert.match(brace.message.split('\n')[0], /layer-7 library reads "\{" as the byte/);
});
