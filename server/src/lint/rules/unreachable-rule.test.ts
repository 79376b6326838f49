// Tests for RSC4011 (a rule no packet can reach): catch-alls that end processing, covering values,
// and what must stay silent (passthrough, other chains, stateful matchers, narrower earlier rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './unreachable-rule';

const run = (text: string) => lintWith([rule], text);

const invalid: [string, string, [string, number][], number][] = [
  [
    'catch-all mark-packet passthrough=no above later marks',
    `/ip firewall mangle
add chain=forward action=mark-packet new-packet-mark=all passthrough=no
add chain=forward action=mark-packet protocol=udp connection-mark=voip new-packet-mark=voip passthrough=no
`,
    [['RSC4011', 3]],
    2,
  ],
  [
    'accept with fewer matchers',
    `/ip firewall filter
add chain=forward action=accept protocol=udp
add chain=forward action=drop protocol=udp dst-port=53
`,
    [['RSC4011', 3]],
    2,
  ],
  [
    'connection-state list covers a subset; prefix covers a narrower one',
    `/ip firewall filter
add chain=input action=accept connection-state=established,related src-address=10.0.0.0/8
add chain=input action=drop connection-state=established src-address=10.1.2.0/24 protocol=tcp
`,
    [['RSC4011', 3]],
    2,
  ],
  [
    'nat: masquerade takes every later srcnat rule for the same interface list',
    `/ip firewall nat
add chain=srcnat action=masquerade out-interface-list=WAN
add chain=srcnat action=src-nat out-interface-list=WAN src-address=192.168.88.0/24 to-addresses=1.2.3.4
`,
    [['RSC4011', 3]],
    2,
  ],
];

for (const [name, text, expected, byLine] of invalid) {
  test(`invalid: ${name}`, () => {
    const ds = run(text);
    assert.deepEqual(codesAndLines(text, ds), expected);
    assert.match(ds[0].message, new RegExp(`the rule on line ${byLine} `));
    assert.equal(ds[0].related?.length, 1);
    // The range is the later rule's action (or command word).
    assert.match(text.slice(ds[0].start, ds[0].end), /^(action=\S+|add)$/);
  });
}

const valid: [string, string][] = [
  [
    'passthrough=yes marks go on',
    `/ip firewall mangle
add chain=forward action=mark-connection new-connection-mark=c passthrough=yes
add chain=forward action=mark-packet connection-mark=c new-packet-mark=p passthrough=no
`,
  ],
  [
    'earlier rule is narrower',
    `/ip firewall filter
add chain=forward action=drop protocol=udp dst-port=53
add chain=forward action=accept protocol=udp
`,
  ],
  [
    'different chains',
    `/ip firewall mangle
add chain=prerouting action=mark-packet new-packet-mark=x passthrough=no
add chain=forward action=mark-packet new-packet-mark=y passthrough=no
`,
  ],
  [
    'a stateful matcher (limit) lets packets through to the next rule',
    `/ip firewall filter
add chain=input action=accept protocol=icmp limit=5,10:packet
add chain=input action=drop protocol=icmp limit=5,10:packet
`,
  ],
  [
    'a disabled catch-all shadows nothing',
    `/ip firewall filter
add chain=forward action=accept disabled=yes
add chain=forward action=drop
`,
  ],
  [
    'a computed matcher cannot be judged',
    `:local p udp
/ip firewall filter
add chain=forward action=accept protocol=$p
add chain=forward action=drop protocol=udp
`,
  ],
  [
    'negated versus plain values',
    `/ip firewall filter
add chain=forward action=drop in-interface-list=!LAN
add chain=forward action=accept in-interface-list=LAN
`,
  ],
  [
    // One cause, one error: the earlier line's syntax error is the finding (RSC1004), not what it hides.
    'an earlier rule with a syntax error shadows nothing',
    `/ip firewall filter
add chain=forward # note
add chain=forward action=accept protocol=udp
`,
  ],
  [
    'fasttrack does not end processing',
    `/ip firewall filter
add chain=forward action=fasttrack-connection connection-state=established,related
add chain=forward action=accept connection-state=established,related
`,
  ],
];

for (const [name, text] of valid) {
  test(`valid: ${name}`, () => {
    assert.deepEqual(run(text), []);
  });
}
