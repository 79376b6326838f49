// Tests for RSC3007: hex escapes of ASCII letters, which match both cases.
import { test } from 'node:test';
import { rule } from './l7-hex-letter-escape';
import { assertClean, assertRule } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test('RSC3007: regex \\\\x4a and string \\4B are letters; information, no fix', () => {
  assertRule(rule, l7(String.raw`^\\x4a\\x3a\4B`), [
    { at: String.raw`\\x4a`, severity: 'information' },
    { at: String.raw`\4B`, severity: 'information' },
  ]);
});

test('RSC3007: non-letters are fine', () => {
  assertClean(rule, [l7(String.raw`^\\x3a\\x40\\x5b`), l7('^abc')]);
});
