// Tests for RSC3003: "|" inside a bracket expression.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-pipe-in-brackets';
import { findings, ruleTester } from '../support/rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

ruleTester(rule).run({
  // Alternatives outside brackets and an escaped pipe are fine.
  valid: [l7('^(a|b)'), l7(String.raw`^a\\|b`)],
  invalid: [
    {
      name: "the thread's [\\\\\\\\|\\\\xd5]; the suggestion drops the pipe",
      text: l7(String.raw`[\\\\|\\xd5]`),
      errors: [{ at: '|', fix: l7(String.raw`[\\\\\\xd5]`) }],
    },
  ],
});

test('RSC3003: the fix title says what the pattern matches afterwards', () => {
  const [d] = findings(rule, l7(String.raw`[\\\\|\\xd5]`));
  assert.equal(
    d.fix?.title,
    'Remove "|" from the class: it then matches one byte out of {"\\", byte 0xD5} anywhere in the first 2 KB (10 packets) of the connection, both directions',
  );
});
