// Tests for RSC4009 (add-src/dst-to-address-list without address-list-timeout).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './address-list-without-timeout';

const run = (text: string) => lintWith([rule], text);

test('flags the rule and suggests a one-hour timeout', () => {
  const text = `/ip firewall mangle
add action=add-src-to-address-list address-list=skype chain=forward layer7-protocol=skypenack
/ip firewall filter
add action=add-dst-to-address-list address-list=scanners chain=input protocol=tcp psd=21,3s,3,1
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [
    ['RSC4009', 2],
    ['RSC4009', 4],
  ]);
  assert.equal(ds[0].fix?.safe, false);
  assert.match(applyFix(text, ds[0].fix!), /address-list=skype address-list-timeout=1h chain=forward/);
});

test('valid: any explicit timeout, including none-dynamic', () => {
  const text = `/ip firewall mangle
add action=add-src-to-address-list address-list=skype address-list-timeout=1h chain=forward
add action=add-src-to-address-list address-list=keep address-list-timeout=none-dynamic chain=forward
add action=accept chain=forward
`;
  assert.deepEqual(run(text), []);
});
