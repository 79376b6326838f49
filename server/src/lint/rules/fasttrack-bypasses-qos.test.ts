// Tests for RSC4010 (fasttrack takes the connections mangle marks and queues depend on).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './fasttrack-bypasses-qos';

const run = (text: string) => lintWith([rule], text);

const FASTTRACK =
  '/ip firewall filter\nadd action=fasttrack-connection chain=forward connection-state=established,related hw-offload=yes\n';
const QOS = `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=voip passthrough=yes protocol=udp
add action=mark-packet chain=forward connection-mark=voip new-packet-mark=voip-p passthrough=no
/queue tree add name=v parent=global packet-mark=voip-p priority=1
`;

test('unrestricted fasttrack with mangle marks and queues', () => {
  const text = FASTTRACK + QOS;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [['RSC4010', 2]]);
  assert.match(ds[0].message, /lines 4 and 5/);
  assert.equal(ds[0].related?.length, 3);
});

test('queues alone (simple queues shaping by target) are bypassed too', () => {
  const text = FASTTRACK + '/queue simple add name=cap target=192.168.88.0/24 max-limit=10M/10M\n';
  assert.deepEqual(codesAndLines(text, run(text)), [['RSC4010', 2]]);
});

test('connection-mark=no-mark does not help packet marks that do not come from a connection mark', () => {
  const text = `/ip firewall filter
add action=fasttrack-connection chain=forward connection-mark=no-mark connection-state=established,related
/ip firewall mangle
add action=mark-packet chain=forward protocol=udp new-packet-mark=p passthrough=no
/queue tree add name=v parent=global packet-mark=p
`;
  assert.deepEqual(codesAndLines(text, run(text)), [['RSC4010', 2]]);
});

test('connection-mark=no-mark: a no-mark queue under global misses fast-tracked packets', () => {
  const text = `/ip firewall filter
add action=fasttrack-connection chain=forward connection-mark=no-mark connection-state=established,related
/queue tree
add name=up parent=global max-limit=18M
add name=rest parent=up packet-mark=no-mark priority=8
`;
  assert.deepEqual(codesAndLines(text, run(text)), [['RSC4010', 2]]);
});

const valid: [string, string][] = [
  [
    'connection-mark=no-mark, the no-mark queue hangs on an interface (it sees fast-tracked packets)',
    '/ip firewall filter\nadd action=fasttrack-connection chain=forward connection-mark=no-mark connection-state=established,related\n' +
      QOS.replace('parent=global', 'parent=up') +
      '/queue tree\nadd name=up parent=ether1 max-limit=18M\nadd name=rest parent=up packet-mark=no-mark priority=8\n',
  ],
  [
    'excluded with connection-mark=no-mark',
    '/ip firewall filter\nadd action=fasttrack-connection chain=forward connection-mark=no-mark connection-state=established,related\n' +
      QOS,
  ],
  ['no QoS in the file', FASTTRACK],
  [
    'fasttrack disabled',
    '/ip firewall filter\nadd action=fasttrack-connection chain=forward connection-state=established,related disabled=yes\n' +
      QOS,
  ],
  [
    'fasttrack narrowed by interfaces (cannot tell, stay silent)',
    '/ip firewall filter\nadd action=fasttrack-connection chain=forward connection-state=established,related in-interface-list=LAN out-interface-list=LAN\n' +
      QOS,
  ],
  [
    'IPv6 marks only, IPv4 fasttrack',
    FASTTRACK +
      '/ipv6 firewall mangle\nadd action=mark-packet chain=forward new-packet-mark=p passthrough=no\n',
  ],
];
for (const [name, text] of valid) {
  test(`valid: ${name}`, () => {
    assert.deepEqual(run(text), []);
  });
}
