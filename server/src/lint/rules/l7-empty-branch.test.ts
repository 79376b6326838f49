// Tests for RSC3015: empty alternatives and empty groups (reference: regexp.c regbranch compiles them as NOTHING).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-empty-branch';
import { findings, ruleTester } from '../support/rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

ruleTester(rule).run({
  valid: [l7('abc'), l7('a|b'), l7('(a|b)c'), l7('a?'), l7('()*'), l7('(a|')],
  invalid: [
    // `abc|` and `|abc` match every connection.
    { text: l7('abc|'), errors: [{ at: '|', severity: 'warning', fix: l7('abc') }] },
    { text: l7('|abc'), errors: [{ at: '|', fix: l7('abc') }] },
    // `x(a|)y` becomes the equivalent `x(a)?y`; `x()y` loses the group.
    { text: l7('x(a|)y'), errors: [{ at: '|', fix: l7('x(a)\\?y') }] },
    { text: l7('x(a|)?y'), errors: [{ at: '|', fix: l7('x(a)?y') }] },
    { text: l7('x()y'), errors: [{ at: '()', fix: l7('xy') }] },
    { text: l7('x()?y'), errors: [{ at: '()', fix: l7('xy') }] },
  ],
});

test('RSC3015: the fix of `abc|` says the pattern then matches less', () => {
  const [d] = findings(rule, l7('abc|'));
  assert.match(d.message, /matches every connection/);
  // One line for the problem, one for what to do (then the shared "Written: …" line).
  assert.match(d.message.split('\n')[1], /^Remove the empty branch/);
  assert.equal(
    d.fix?.title,
    'Remove the empty branch: the pattern becomes "abc" and no longer matches every connection',
  );
});

test('RSC3015: `x(a|)y` and `x(a)?y` match the same, and the fix title says so', () => {
  const [d] = findings(rule, l7('x(a|)y'));
  assert.match(d.message, /optional/);
  assert.match(d.fix?.title ?? '', /matches the same$/);
});
