// Tests for RSC3004: a bracket expression written like a dotted IP address.
import { test } from 'node:test';
import { rule } from './l7-dotted-ip-class';
import { assertClean, assertRule } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test("RSC3004: the thread's [\\x4a.\\x3a.\\xda.\\xca] in CLI form; the suggestion is the byte sequence", () => {
  const cls = String.raw`[\\x4a.\\x3a.\\xda.\\xca]`;
  assertRule(rule, l7(cls), [{ at: cls, fixed: l7(String.raw`\\x4a\\x3a\\xda\\xca`) }]);
});

test('RSC3004: ordinary classes are fine', () => {
  assertClean(rule, [l7('[a.b]'), l7('^[0-9][0-9]'), l7(String.raw`[\\x01\\x02\\x03]`)]);
});
