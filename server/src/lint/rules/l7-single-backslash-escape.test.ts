// Tests for RSC3001: single-backslash regex escapes in CLI strings, with the safe doubling fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-single-backslash-escape';
import { findings, ruleTester } from '../support/rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

ruleTester(rule).run({
  // Valid string escapes, doubled backslashes and whole Winbox-form values (RSC3010) are not reported.
  valid: [
    l7(String.raw`\\xd5\$\?\n\D5`),
    l7(String.raw`^\x16\x03`),
    '/ip firewall filter add chain=forward comment="\\xd5"',
  ],
  invalid: [
    {
      name: '\\xd5 with one backslash; the fix doubles it',
      text: l7(String.raw`\xd5`),
      errors: [{ at: String.raw`\xd5`, fix: l7(String.raw`\\xd5`) }],
    },
    { text: l7(String.raw`^\\x16\.`), errors: [{ at: String.raw`\.`, fix: l7(String.raw`^\\x16\\.`) }] },
    {
      name: 'a class escape becomes its bracket expression',
      text: l7(String.raw`^\\x01\d`),
      errors: [{ at: String.raw`\d`, fix: l7(String.raw`^\\x01[0-9]`) }],
    },
    {
      name: '\\b is backspace and has no fix',
      text: l7(String.raw`^\\x01\b`),
      errors: [{ at: String.raw`\b`, severity: 'warning' }],
    },
    {
      name: 'an unquoted value is read like a string',
      text: '/ip firewall layer7-protocol add name=p regexp=\\xd5',
      errors: [{ at: '\\xd5', fix: '/ip firewall layer7-protocol add name=p regexp=\\\\xd5' }],
    },
  ],
});

test('RSC3001: the message says the problem (quoting the escape) on one line and what to write on the next', () => {
  const [hex] = findings(rule, l7(String.raw`\xd5`));
  const [problem, todo] = hex.message.split('\n');
  assert.match(problem, /^"\\xd5" is a regex escape written with one backslash/);
  assert.match(problem, /RouterOS rejects the line/);
  assert.match(todo, /^Double the backslash: write "\\\\xd5"/);
  assert.match(todo, /byte 0xD5/);
  const [cls] = findings(rule, l7(String.raw`^\\x01\d`));
  assert.match(cls.message.split('\n')[1], /^Write the class "\[0-9\]"\.$/);
  const [bs] = findings(rule, l7(String.raw`^\\x01\b`));
  assert.match(bs.message.split('\n')[0], /byte 0x08/);
  assert.match(bs.message.split('\n')[1], /^Remove it/);
});
