// Tests for RSC3010: a whole regexp in the Winbox form inside a CLI string, or escaped twice.
import { test } from 'node:test';
import { rule } from './l7-winbox-form-in-cli';
import assert from 'node:assert/strict';
import { assertClean, assertRule, runRules } from '../support/l7-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

test('RSC3010: the Winbox form pasted into a CLI string; the safe fix converts the whole value', () => {
  const w = String.raw`^\x16\x03\.`;
  assertRule(rule, l7(w), [{ at: w, severity: 'error', fixed: l7(String.raw`^\\x16\\x03\\.`) }]);
  const cont = '^\\x16\\\n    \\x03';
  assertRule(rule, l7(cont), [{ at: cont, fixed: l7(String.raw`^\\x16\\x03`) }]);
});

test('RSC3010: backslashes doubled twice before a metacharacter; the fix removes one level', () => {
  const v = String.raw`^www\\\\.example\\\\.com`;
  assertRule(rule, l7(v), [{ at: v, severity: 'warning', fixed: l7(String.raw`^www\\.example\\.com`) }]);
});

test('RSC3010: correct CLI form, a single slip (RSC3001), and a harmless doubled \\\\\\\\xd5 are not reported', () => {
  assertClean(rule, [
    l7(String.raw`^\\x16\\x03\\.`),
    l7(String.raw`\xd5`),
    l7(String.raw`\\x16\x03`),
    l7(String.raw`\\\\xd5`),
  ]);
});

test('RSC3010: the problem on one line, the value to write on the next', () => {
  const [w] = runRules([rule], l7(String.raw`^\x16\x03\.`));
  assert.match(
    w.message.split('\n')[0],
    /^this regexp is in the Winbox form \(single backslashes\) inside a CLI string/,
  );
  assert.equal(w.message.split('\n')[1], String.raw`Write it in the CLI form: "^\\x16\\x03\\.".`);
  const [twice] = runRules([rule], l7(String.raw`^www\\\\.example`));
  assert.match(twice.message.split('\n')[0], /doubled twice: the field holds "\^www\\\\\.example"/);
  assert.equal(twice.message.split('\n')[1], String.raw`Remove the extra escaping: write "^www\\.example".`);
});
