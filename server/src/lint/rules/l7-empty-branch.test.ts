// Tests for RSC3015: empty alternatives and empty groups (reference: regexp.c regbranch compiles them as NOTHING).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-empty-branch';
import { assertClean, assertRule, runRules } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test('RSC3015: `abc|` and `|abc` match every connection; the fix says the pattern then matches less', () => {
  assertRule(rule, l7('abc|'), [{ at: '|', severity: 'warning', fixed: l7('abc') }]);
  assertRule(rule, l7('|abc'), [{ at: '|', fixed: l7('abc') }]);
  const [d] = runRules([rule], l7('abc|'));
  assert.match(d.message, /matches every connection/);
  // One line for the problem, one for what to do (then the shared "Written: …" line).
  assert.match(d.message.split('\n')[1], /^Remove the empty branch/);
  assert.equal(
    d.fix?.title,
    'Remove the empty branch: the pattern becomes "abc" and no longer matches every connection',
  );
});

test('RSC3015: `x(a|)y` becomes the equivalent `x(a)?y`; `x()y` loses the group; both match the same', () => {
  assertRule(rule, l7('x(a|)y'), [{ at: '|', fixed: l7('x(a)\\?y') }]);
  assertRule(rule, l7('x(a|)?y'), [{ at: '|', fixed: l7('x(a)?y') }]);
  assertRule(rule, l7('x()y'), [{ at: '()', fixed: l7('xy') }]);
  assertRule(rule, l7('x()?y'), [{ at: '()', fixed: l7('xy') }]);
  const [d] = runRules([rule], l7('x(a|)y'));
  assert.match(d.message, /optional/);
  assert.match(d.fix?.title ?? '', /matches the same$/);
});

test('RSC3015: patterns without empty branches, and patterns that do not compile, are not reported', () => {
  assertClean(rule, [l7('abc'), l7('a|b'), l7('(a|b)c'), l7('a?'), l7('()*'), l7('(a|')]);
});
