// Tests for RSC3010: a whole regexp in the Winbox form inside a CLI string, or escaped twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-winbox-form-in-cli';
import { findings, ruleTester } from '../support/rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;
const w = String.raw`^\x16\x03\.`;
const cont = '^\\x16\\\n    \\x03';
const twice = String.raw`^www\\\\.example\\\\.com`;

ruleTester(rule).run({
  // Correct CLI form, a single slip (RSC3001), and a harmless doubled \\\\xd5 are not reported.
  valid: [
    l7(String.raw`^\\x16\\x03\\.`),
    l7(String.raw`\xd5`),
    l7(String.raw`\\x16\x03`),
    l7(String.raw`\\\\xd5`),
  ],
  invalid: [
    {
      name: 'the Winbox form pasted into a CLI string; the safe fix converts the whole value',
      text: l7(w),
      errors: [{ at: w, severity: 'error', fix: l7(String.raw`^\\x16\\x03\\.`) }],
    },
    {
      name: 'the Winbox form across a line continuation',
      text: l7(cont),
      errors: [{ at: cont, fix: l7(String.raw`^\\x16\\x03`) }],
    },
    {
      name: 'backslashes doubled twice before a metacharacter; the fix removes one level',
      text: l7(twice),
      errors: [{ at: twice, severity: 'warning', fix: l7(String.raw`^www\\.example\\.com`) }],
    },
  ],
});

test('RSC3010: the problem on one line, the value to write on the next', () => {
  const [wb] = findings(rule, l7(String.raw`^\x16\x03\.`));
  assert.match(
    wb.message.split('\n')[0],
    /^this regexp is in the Winbox form \(single backslashes\) inside a CLI string/,
  );
  assert.equal(wb.message.split('\n')[1], String.raw`Write it in the CLI form: "^\\x16\\x03\\.".`);
  const [tw] = findings(rule, l7(String.raw`^www\\\\.example`));
  assert.match(tw.message.split('\n')[0], /doubled twice: the field holds "\^www\\\\\.example"/);
  assert.equal(tw.message.split('\n')[1], String.raw`Remove the extra escaping: write "^www\\.example".`);
});
