// Tests for RSC4016 (connection-rate / connection-bytes without protocol=tcp|udp): codes, ranges, the safe
// fix when the connection mark names one protocol, and silence when a transport protocol is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './rate-without-protocol';

const run = (text: string) => lintWith([rule], text);

test('the issue: mark-packet with connection-rate and no protocol; the fix takes udp from the mark', () => {
  const text = `/ip firewall mangle
add chain=forward action=mark-connection protocol=udp src-address-list=skype connection-rate=0-200k new-connection-mark=c passthrough=yes
add chain=forward action=mark-packet connection-mark=c connection-rate=0-200k new-packet-mark=p passthrough=no
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [['RSC4016', 3]]);
  assert.equal(text.slice(ds[0].start, ds[0].end), 'connection-rate=0-200k');
  assert.ok(ds[0].fix?.safe);
  const fixed = applyFix(text, ds[0].fix!);
  assert.match(fixed, /connection-mark=c protocol=udp connection-rate=0-200k/);
  assert.deepEqual(run(fixed), []);
});

const invalid: [string, string, boolean][] = [
  [
    'connection-bytes alone',
    '/ip firewall mangle add chain=forward action=mark-connection connection-bytes=0-500000 new-connection-mark=x passthrough=yes',
    false,
  ],
  [
    'protocol is not a transport',
    '/ip firewall filter add chain=forward action=drop protocol=icmp connection-rate=1M-4G',
    false,
  ],
  [
    'negated protocol',
    '/ip firewall filter add chain=forward action=drop protocol=!udp connection-rate=1M-4G',
    false,
  ],
  [
    'marks disagree on the protocol: no fix',
    `/ip firewall mangle
add chain=forward action=mark-connection protocol=udp new-connection-mark=c passthrough=yes
add chain=forward action=mark-connection protocol=tcp new-connection-mark=c passthrough=yes
add chain=forward action=mark-packet connection-mark=c connection-rate=0-1M new-packet-mark=p passthrough=no`,
    false,
  ],
];
for (const [name, text, fix] of invalid) {
  test(`invalid: ${name}`, () => {
    const ds = run(text);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].code, 'RSC4016');
    assert.match(text.slice(ds[0].start, ds[0].end), /^connection-(rate|bytes)=/);
    assert.equal(ds[0].fix !== undefined, fix);
  });
}

const valid: [string, string][] = [
  [
    'udp',
    '/ip firewall mangle add chain=forward action=mark-packet protocol=udp connection-rate=0-200k new-packet-mark=p passthrough=no',
  ],
  [
    'tcp by number',
    '/ip firewall filter add chain=forward action=drop protocol=6 connection-bytes=1000000-0',
  ],
  [
    'computed protocol',
    ':local p udp\n/ip firewall filter add chain=forward action=drop protocol=$p connection-rate=1M-4G',
  ],
  ['no rate matcher', '/ip firewall filter add chain=forward action=drop protocol=icmp'],
];
for (const [name, text] of valid) {
  test(`valid: ${name}`, () => {
    assert.deepEqual(run(text), []);
  });
}
