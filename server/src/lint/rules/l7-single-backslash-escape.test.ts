// Tests for RSC3001: single-backslash regex escapes in CLI strings, with the safe doubling fix.
import { test } from 'node:test';
import { rule } from './l7-single-backslash-escape';
import assert from 'node:assert/strict';
import { assertClean, assertRule, runRules } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test('RSC3001: \\xd5 with one backslash; the fix doubles it', () => {
  assertRule(rule, l7(String.raw`\xd5`), [{ at: String.raw`\xd5`, fixed: l7(String.raw`\\xd5`) }]);
  assertRule(rule, l7(String.raw`^\\x16\.`), [{ at: String.raw`\.`, fixed: l7(String.raw`^\\x16\\.`) }]);
});

test('RSC3001: class escapes become their bracket expression; \\b is backspace and has no fix', () => {
  assertRule(rule, l7(String.raw`^\\x01\d`), [{ at: String.raw`\d`, fixed: l7(String.raw`^\\x01[0-9]`) }]);
  assertRule(rule, l7(String.raw`^\\x01\b`), [{ at: String.raw`\b`, severity: 'warning' }]);
});

test('RSC3001: an unquoted value is read like a string', () => {
  const text = '/ip firewall layer7-protocol add name=p regexp=\\xd5';
  assertRule(rule, text, [{ at: '\\xd5', fixed: '/ip firewall layer7-protocol add name=p regexp=\\\\xd5' }]);
});

test('RSC3001: valid string escapes, doubled backslashes and whole Winbox-form values (RSC3010) are not reported', () => {
  assertClean(rule, [
    l7(String.raw`\\xd5\$\?\n\D5`),
    l7(String.raw`^\x16\x03`),
    '/ip firewall filter add chain=forward comment="\\xd5"',
  ]);
});

test('RSC3001: the message says the problem (quoting the escape) on one line and what to write on the next', () => {
  const [hex] = runRules([rule], l7(String.raw`\xd5`));
  const [problem, todo] = hex.message.split('\n');
  assert.match(problem, /^"\\xd5" is a regex escape written with one backslash/);
  assert.match(problem, /RouterOS rejects the line/);
  assert.match(todo, /^Double the backslash: write "\\\\xd5"/);
  assert.match(todo, /byte 0xD5/);
  const [cls] = runRules([rule], l7(String.raw`^\\x01\d`));
  assert.match(cls.message.split('\n')[1], /^Write the class "\[0-9\]"\.$/);
  const [bs] = runRules([rule], l7(String.raw`^\\x01\b`));
  assert.match(bs.message.split('\n')[0], /byte 0x08/);
  assert.match(bs.message.split('\n')[1], /^Remove it/);
});
