// Tests for RSC3012: NUL bytes in a pattern.
import { test } from 'node:test';
import { rule } from './l7-nul-byte';
import { assertClean, assertRule } from '../support/l7-testing';

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
