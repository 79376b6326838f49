// Tests for RSC4002 (mark-packet that lets the packet continue to a rule that can overwrite its mark).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './mark-packet-passthrough';

const run = (text: string) => lintWith([rule], text);

test('flags a mark-packet that a later mark-packet can overwrite', () => {
  const text = `/ip firewall mangle
add action=mark-packet chain=forward protocol=udp new-packet-mark=voip passthrough=yes
add action=mark-packet chain=forward new-packet-mark=bulk passthrough=no
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [['RSC4002', 2]]);
  assert.match(ds[0].message, /line 3/);
  assert.equal(ds[0].fix?.safe, false);
  assert.match(applyFix(text, ds[0].fix!), /new-packet-mark=voip passthrough=no/);
});

test('default passthrough: the fix inserts passthrough=no after new-packet-mark', () => {
  const text = `/ip firewall mangle
add action=mark-packet chain=forward new-packet-mark=voip
add action=mark-packet chain=forward new-packet-mark=bulk passthrough=no
`;
  const ds = run(text);
  assert.equal(ds.length, 1);
  assert.equal(
    applyFix(text, ds[0].fix!).split('\n')[1],
    'add action=mark-packet chain=forward new-packet-mark=voip passthrough=no',
  );
});

test('an overwriting rule in a chain jumped to later counts', () => {
  const text = `/ip firewall mangle
add action=mark-packet chain=forward new-packet-mark=voip passthrough=yes
add action=jump chain=forward jump-target=more
add action=mark-packet chain=more new-packet-mark=bulk passthrough=no
`;
  assert.deepEqual(codesAndLines(text, run(text)), [['RSC4002', 2]]);
});

const valid: [string, string][] = [
  [
    'passthrough=no',
    'add action=mark-packet chain=forward new-packet-mark=a passthrough=no\nadd action=mark-packet chain=forward new-packet-mark=b passthrough=no',
  ],
  [
    'nothing can overwrite',
    'add action=mark-packet chain=forward new-packet-mark=a passthrough=yes\nadd action=change-dscp chain=forward new-dscp=46 packet-mark=a passthrough=yes',
  ],
  [
    'disjoint connection marks',
    'add action=mark-packet chain=forward connection-mark=x new-packet-mark=a passthrough=yes\nadd action=mark-packet chain=forward connection-mark=y new-packet-mark=b passthrough=yes',
  ],
  [
    'disjoint protocols',
    'add action=mark-packet chain=forward protocol=udp new-packet-mark=a passthrough=yes\nadd action=mark-packet chain=forward protocol=tcp new-packet-mark=b passthrough=no',
  ],
  [
    'later rule only for unmarked packets',
    'add action=mark-packet chain=forward new-packet-mark=a passthrough=yes\nadd action=mark-packet chain=forward packet-mark=no-mark new-packet-mark=b passthrough=no',
  ],
  [
    'same mark later',
    'add action=mark-packet chain=forward new-packet-mark=a passthrough=yes\nadd action=mark-packet chain=forward new-packet-mark=a passthrough=no',
  ],
  [
    'other chain',
    'add action=mark-packet chain=prerouting new-packet-mark=a passthrough=yes\nadd action=mark-packet chain=forward new-packet-mark=b passthrough=no',
  ],
  [
    'disabled overwriter',
    'add action=mark-packet chain=forward new-packet-mark=a passthrough=yes\nadd action=mark-packet chain=forward new-packet-mark=b passthrough=no disabled=yes',
  ],
];
for (const [name, body] of valid) {
  test(`valid: ${name}`, () => {
    assert.deepEqual(run(`/ip firewall mangle\n${body}\n`), []);
  });
}

test('a catch-all rule at the end overwrites every earlier mark (rules without a connection mark)', () => {
  const text = `/ip firewall mangle
add action=mark-packet chain=prerouting protocol=icmp new-packet-mark=prio_1
add action=mark-packet chain=prerouting protocol=tcp port=22 new-packet-mark=prio_3
add action=mark-packet chain=prerouting new-packet-mark=prio_5
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [
    ['RSC4002', 2],
    ['RSC4002', 3],
  ]);
  assert.match(ds[0].message, /line 4/);
});
