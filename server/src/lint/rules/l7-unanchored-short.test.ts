// Tests for RSC3005: unanchored patterns so weak that random payload matches them.
import { test } from 'node:test';
import { rule } from './l7-unanchored-short';
import { assertClean, assertRule } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test('RSC3005: one byte anywhere; the suggestion anchors at the end of the packet', () => {
  assertRule(rule, l7(String.raw`\\xd5`), [
    { at: String.raw`"\\xd5"`.slice(1, -1), fixed: l7(String.raw`\\xd5\$`) },
  ]);
  assertRule(rule, l7('[a-z][a-z][a-z]'), [
    { at: '[a-z][a-z][a-z]', fixed: l7(String.raw`[a-z][a-z][a-z]\$`) },
  ]);
  assertRule(rule, l7(String.raw`\\x01\\x02`), [
    { at: String.raw`\\x01\\x02`, fixed: l7(String.raw`\\x01\\x02\$`) },
  ]);
});

test('RSC3005: anchored, or three plain bytes and more, is fine; so is a pattern that does not compile', () => {
  assertClean(rule, [
    l7(String.raw`^\\xd5`),
    l7(String.raw`\\xd5\$`),
    l7('abc'),
    l7(String.raw`\\x01\\x02\\x03`),
    l7('(a'),
  ]);
});
