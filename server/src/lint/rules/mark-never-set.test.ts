// Tests for RSC4004 (a mark used but never set in the file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './mark-never-set';

const run = (text: string) => lintWith([rule], text);

test('a near miss of a set mark is a warning with a suggested fix', () => {
  const text = `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=conn_skype passthrough=yes
add action=mark-packet chain=forward connection-mark=conn_skpye new-packet-mark=skype passthrough=no
/queue tree
add name=voice parent=global packet-mark=skyp,other priority=1
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [
    ['RSC4004', 3],
    ['RSC4004', 5],
    ['RSC4004', 5],
  ]);
  assert.equal(ds[0].severity, 'warning');
  assert.match(ds[0].message, /conn_skype/);
  assert.match(applyFix(text, ds[0].fix!), /connection-mark=conn_skype new-packet-mark/);
  assert.equal(ds[1].severity, 'warning');
  assert.match(applyFix(text, ds[1].fix!), /packet-mark=skype,other/);
  // 'other' is nothing like a set mark: it may be set on the router, so only information.
  assert.equal(ds[2].severity, 'information');
  assert.equal(ds[2].fix, undefined);
  assert.match(ds[2].message, /outside this script/);
});

test('case-only differences are suggested', () => {
  const text =
    '/ip firewall mangle\nadd action=mark-packet chain=forward new-packet-mark=VoIP passthrough=no\n/queue simple add name=q target=ether2 packet-marks=voip\n';
  const ds = run(text);
  assert.equal(ds.length, 1);
  assert.match(applyFix(text, ds[0].fix!), /packet-marks=VoIP/);
});

test('routing marks and negated uses', () => {
  const text = `/ip firewall mangle
add action=accept chain=prerouting routing-mark=isp2
add action=accept chain=prerouting connection-mark=!guest
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [
    ['RSC4004', 2],
    ['RSC4004', 3],
  ]);
  assert.match(ds[1].message, /always succeeds/);
});

test('valid: no-mark, marks set anywhere in the file, computed values, VRF routing marks', () => {
  const text = `/ip vrf add interfaces=ether5 name=vrf1
/ip firewall mangle
add action=mark-packet chain=forward connection-mark=no-mark packet-mark=no-mark new-packet-mark=p passthrough=no
add action=accept chain=forward packet-mark=p routing-mark=vrf1
add action=accept chain=forward connection-mark=$m
add action=mark-connection chain=forward new-connection-mark=later passthrough=yes
add action=accept chain=prerouting connection-mark=later
/queue tree add name=q parent=global packet-mark=p,no-mark
`;
  assert.deepEqual(run(text), []);
});

test('silent when a mark of that kind is set under a computed name', () => {
  const text = `:for i from=1 to=3 do={ /ip firewall mangle add action=mark-packet chain=forward new-packet-mark="p$i" passthrough=no }
/queue tree add name=q1 parent=global packet-mark=p1
`;
  assert.deepEqual(run(text), []);
});
