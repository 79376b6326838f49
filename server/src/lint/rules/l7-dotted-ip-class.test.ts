// Tests for RSC3004: a bracket expression written like a dotted IP address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-dotted-ip-class';
import { findings, ruleTester } from '../support/rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;
const cls = String.raw`[\\x4a.\\x3a.\\xda.\\xca]`;

ruleTester(rule).run({
  valid: [l7('[a.b]'), l7('^[0-9][0-9]'), l7(String.raw`[\\x01\\x02\\x03]`)],
  invalid: [
    {
      name: "the thread's [\\x4a.\\x3a.\\xda.\\xca] in CLI form; the suggestion is the byte sequence",
      text: l7(cls),
      errors: [{ at: cls, fix: l7(String.raw`\\x4a\\x3a\\xda\\xca`) }],
    },
  ],
});

test('RSC3004: the message quotes the class on one line and gives the byte sequence on the next', () => {
  const [d] = findings(rule, l7(String.raw`^[\\x4a.\\x3a.\\xda.\\xca]`));
  const [problem, todo] = d.message.split('\n');
  assert.match(problem, /^"\[\\\\x4a\.\\\\x3a\.\\\\xda\.\\\\xca\]" looks like a dotted IP address/);
  assert.match(problem, /ONE byte out of its members \(4 bytes and "\."\)/);
  assert.equal(
    todo,
    'To match the 4 bytes in a row write them without brackets and dots: "\\\\x4a\\\\x3a\\\\xda\\\\xca".',
  );
});
