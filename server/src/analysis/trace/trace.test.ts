// One test per flow feature of the packet tracer: a small configuration, a few packets, and the expected
// report (rules hit by line, marks, lists, FastTrack, NAT, verdict, queues, what was not modelled).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { traceConfigText } from '../../features/trace';
import type { PacketReport } from './simulate';

/** The parts of a report a test compares: rule hits as "table chain line action". */
function brief(p: PacketReport): Record<string, unknown> {
  return {
    rules: p.rules.map((r) => `${r.table} ${r.chain} ${r.line} ${r.action}`),
    connectionMark: p.connectionMark,
    packetMark: p.packetMark,
    fasttracked: p.fasttracked,
    verdict: p.verdict,
    queues: p.queues,
  };
}

const trace = (config: string, packets: string[]): PacketReport[] =>
  traceConfigText(config, packets).report.packets;

/** A router with a LAN (bridge of ether2, ether3) and a WAN (ether1), a default route out ether1. */
const ROUTER = [
  '/interface bridge add name=bridge', // 1
  '/interface bridge port add bridge=bridge interface=ether2', // 2
  '/interface bridge port add bridge=bridge interface=ether3', // 3
  '/interface list add name=WAN', // 4
  '/interface list member add list=WAN interface=ether1', // 5
  '/ip address add address=192.168.88.1/24 interface=bridge', // 6
  '/ip address add address=92.50.1.2/24 interface=ether1', // 7
  '/ip route add gateway=92.50.1.1', // 8
].join('\n');

const cfg = (...lines: string[]): string => [ROUTER, ...lines].join('\n');

test('NAT both ways: masquerade out and back, dst-nat in and back', () => {
  const config = cfg(
    '/ip firewall nat add chain=srcnat out-interface-list=WAN action=masquerade', // 9
    '/ip firewall nat add chain=dstnat in-interface=ether1 protocol=tcp dst-port=8080 action=dst-nat to-addresses=192.168.88.5 to-ports=80', // 10
  );
  const [out, back, inbound, answer] = trace(config, [
    'udp 192.168.88.10:5000 > 8.8.8.8:53 in=ether2',
    'udp 8.8.8.8:53 > 92.50.1.2:5000 in=ether1',
    'tcp 1.1.1.1:3000 > 92.50.1.2:8080 in=ether1',
    'tcp 192.168.88.5:80 > 1.1.1.1:3000 in=ether2',
  ]);
  assert.deepEqual(out.nat, { src: { from: '192.168.88.10:5000', to: '92.50.1.2:5000', line: 9 } });
  assert.equal(out.outInterface, 'ether1');
  assert.deepEqual(brief(out).rules, ['nat srcnat 9 masquerade']);
  // The reply reaches the LAN host through the connection's mapping; no NAT rule runs again.
  assert.equal(back.direction, 'reply');
  assert.equal(back.connectionState, 'established');
  assert.deepEqual(back.nat, { dst: { from: '92.50.1.2:5000', to: '192.168.88.10:5000', line: null } });
  assert.equal(back.outInterface, 'bridge');
  assert.deepEqual(back.rules, []);
  assert.deepEqual(inbound.nat, { dst: { from: '92.50.1.2:8080', to: '192.168.88.5:80', line: 10 } });
  assert.equal(inbound.outInterface, 'bridge');
  // The server's answer leaves with the address the client asked for, not masqueraded anew.
  assert.equal(answer.connection, inbound.connection);
  assert.deepEqual(answer.nat, { src: { from: '192.168.88.5:80', to: '92.50.1.2:8080', line: null } });
});

test('FastTrack: later packets skip mangle, filter and simple queues', () => {
  const config = cfg(
    '/ip firewall mangle add chain=forward action=mark-packet new-packet-mark=all', // 9
    '/ip firewall filter add chain=forward action=fasttrack-connection connection-state=established,related', // 10
    '/ip firewall filter add chain=forward action=accept connection-state=established,related', // 11
    '/queue simple add name=lan target=192.168.88.0/24', // 12
  );
  const r = trace(config, [
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2',
    'udp 92.50.1.9:53 > 192.168.88.10:5000 in=ether1',
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2',
  ]);
  assert.deepEqual(r.map(brief), [
    {
      rules: ['mangle forward 9 mark-packet'],
      connectionMark: null,
      packetMark: 'all',
      fasttracked: false,
      verdict: 'accept',
      queues: ['lan'],
    },
    {
      rules: [
        'mangle forward 9 mark-packet',
        'filter forward 10 fasttrack-connection',
        'filter forward 11 accept',
      ],
      connectionMark: null,
      packetMark: 'all',
      fasttracked: false,
      verdict: 'accept',
      queues: ['lan'],
    },
    { rules: [], connectionMark: null, packetMark: null, fasttracked: true, verdict: 'accept', queues: [] },
  ]);
  // ICMP is never fast-tracked.
  const icmp = trace(config, [
    'icmp 192.168.88.10 > 92.50.1.9 in=ether2',
    'icmp 92.50.1.9 > 192.168.88.10 in=ether1',
    'icmp 192.168.88.10 > 92.50.1.9 in=ether2',
  ]);
  assert.equal(icmp[2].fasttracked, false);
});

test('jump and return: custom chains run in place, return goes back after the jump', () => {
  const config = cfg(
    '/ip firewall mangle add chain=prerouting action=jump jump-target=classify', // 9
    '/ip firewall mangle add chain=classify protocol=tcp action=return', // 10
    '/ip firewall mangle add chain=classify action=mark-packet new-packet-mark=udp-pkt', // 11
    '/ip firewall mangle add chain=prerouting action=mark-connection new-connection-mark=seen', // 12
  );
  const [udp, tcp] = trace(config, [
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2',
    'tcp 192.168.88.10:5001 > 92.50.1.9:80 in=ether2',
  ]);
  assert.deepEqual(brief(udp).rules, [
    'mangle prerouting 9 jump',
    'mangle classify 11 mark-packet',
    'mangle prerouting 12 mark-connection',
  ]);
  assert.equal(udp.packetMark, 'udp-pkt');
  assert.deepEqual(brief(tcp).rules, [
    'mangle prerouting 9 jump',
    'mangle classify 10 return',
    'mangle prerouting 12 mark-connection',
  ]);
  assert.equal(tcp.packetMark, null);
  assert.equal(tcp.connectionMark, 'seen');
});

test('passthrough: =no ends the chain after marking, =yes (the default) goes on', () => {
  const config = cfg(
    '/ip firewall mangle add chain=forward protocol=udp action=mark-packet new-packet-mark=first passthrough=no', // 9
    '/ip firewall mangle add chain=forward action=mark-packet new-packet-mark=second', // 10
    '/ip firewall mangle add chain=forward action=mark-connection new-connection-mark=c passthrough=yes', // 11
  );
  const [udp, tcp] = trace(config, [
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2',
    'tcp 192.168.88.10:5001 > 92.50.1.9:80 in=ether2',
  ]);
  assert.deepEqual(brief(udp).rules, ['mangle forward 9 mark-packet']);
  assert.equal(udp.packetMark, 'first');
  assert.equal(udp.connectionMark, null);
  assert.deepEqual(brief(tcp).rules, ['mangle forward 10 mark-packet', 'mangle forward 11 mark-connection']);
  assert.equal(tcp.packetMark, 'second');
  assert.equal(tcp.connectionMark, 'c');
});

test('dynamic address lists expire on the packets clock; static entries count too', () => {
  const config = cfg(
    '/ip firewall address-list add list=friends address=10.9.0.0/16', // 9
    '/ip firewall mangle add chain=forward src-address-list=seen action=mark-packet new-packet-mark=known passthrough=no', // 10
    '/ip firewall mangle add chain=forward action=add-src-to-address-list address-list=seen address-list-timeout=10s', // 11
    '/ip firewall mangle add chain=forward src-address-list=friends action=mark-packet new-packet-mark=friend', // 12
  );
  const r = trace(config, [
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2 time=0',
    'udp 192.168.88.10:5001 > 92.50.1.9:53 in=ether2 time=5',
    'udp 192.168.88.10:5002 > 92.50.1.9:53 in=ether2 time=16',
  ]);
  assert.deepEqual(
    r.map((p) => p.packetMark),
    [null, 'known', null],
  );
  assert.deepEqual(r[0].addressLists, [{ list: 'seen', address: '192.168.88.10', timeout: 10, line: 11 }]);
  assert.deepEqual(r[1].addressLists, []);
  assert.deepEqual(r[2].addressLists, [{ list: 'seen', address: '192.168.88.10', timeout: 10, line: 11 }]);
  const [friend] = trace(config, ['udp 10.9.3.4:5000 > 192.168.88.10:53 in=ether1']);
  assert.equal(friend.packetMark, 'friend');
});

test('layer 7 across packets: one buffer per connection, both directions', () => {
  const config = cfg(
    '/ip firewall layer7-protocol add name=greet regexp="^hello world"', // 9
    '/ip firewall mangle add chain=forward layer7-protocol=greet action=mark-connection new-connection-mark=greeting', // 10
  );
  const hex = (s: string): string => Buffer.from(s, 'latin1').toString('hex');
  const r = trace(config, [
    `tcp 192.168.88.10:5000 > 92.50.1.9:80 in=ether2 payload=${hex('HELLO ')}`,
    `tcp 92.50.1.9:80 > 192.168.88.10:5000 in=ether1 payload=${hex('World!')}`,
    `tcp 192.168.88.10:5001 > 92.50.1.9:80 in=ether2 payload=${hex('world')}`,
  ]);
  assert.deepEqual(
    r.map((p) => p.connectionMark),
    [null, 'greeting', null],
  );
  assert.deepEqual(brief(r[1]).rules, ['mangle forward 10 mark-connection']);
});

test('connection-rate: bits over the last second of the connection, both directions', () => {
  const config = cfg(
    '/ip firewall mangle add chain=forward connection-rate=0-10k action=mark-packet new-packet-mark=slow passthrough=no', // 9
    '/ip firewall mangle add chain=forward connection-rate=10k-1G action=mark-packet new-packet-mark=fast passthrough=no', // 10
  );
  const r = trace(config, [
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2 size=100 time=0', // 800 bit/s
    'udp 92.50.1.9:53 > 192.168.88.10:5000 in=ether1 size=1000 time=0.5', // 8,800
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2 size=1500 time=0.6', // 20,800
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2 size=100 time=5', // 800
  ]);
  assert.deepEqual(
    r.map((p) => p.packetMark),
    ['slow', 'slow', 'fast', 'slow'],
  );
});

test('connection-bytes and packet-size', () => {
  const config = cfg(
    '/ip firewall mangle add chain=forward packet-size=39 action=mark-packet new-packet-mark=tiny passthrough=no', // 9
    '/ip firewall mangle add chain=forward connection-bytes=0-1000 action=mark-packet new-packet-mark=young passthrough=no', // 10
  );
  const r = trace(config, [
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2 size=600',
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2 payload=0102030405060708090a0b',
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2 size=600',
  ]);
  assert.deepEqual(
    r.map((p) => p.packetMark),
    ['young', 'tiny', null],
  );
});

test('verdicts: drop and reject; a dropped first packet leaves no connection', () => {
  const config = cfg(
    '/ip firewall filter add chain=forward protocol=tcp dst-port=25 action=reject', // 9
    '/ip firewall filter add chain=forward connection-state=new in-interface-list=WAN action=drop', // 10
    '/ip firewall filter add chain=input in-interface-list=WAN action=drop', // 11
  );
  const r = trace(config, [
    'tcp 192.168.88.10:5000 > 92.50.1.9:25 in=ether2',
    'udp 92.50.1.9:53 > 192.168.88.10:5000 in=ether1',
    'udp 92.50.1.9:53 > 192.168.88.10:5000 in=ether1',
    'tcp 92.50.1.9:4000 > 92.50.1.2:22 in=ether1',
  ]);
  assert.deepEqual(
    r.map((p) => p.verdict),
    ['reject', 'drop', 'drop', 'drop'],
  );
  assert.equal(r[2].connectionState, 'new');
  assert.equal(r[3].path, 'input');
  assert.deepEqual(brief(r[3]).rules, ['filter input 11 drop']);
});

test('bridge ports reach the firewall on the bridge; interface lists with include and exclude', () => {
  const config = cfg(
    '/interface list add name=INSIDE include=all exclude=WAN', // 9
    '/ip firewall mangle add chain=prerouting in-interface=bridge in-bridge-port=ether3 action=mark-packet new-packet-mark=port3', // 10
    '/ip firewall mangle add chain=prerouting in-interface-list=INSIDE action=mark-connection new-connection-mark=inside', // 11
  );
  const [a, b] = trace(config, [
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether3',
    'udp 92.50.1.9:53 > 92.50.1.2:5000 in=ether1',
  ]);
  assert.equal(a.packetMark, 'port3');
  assert.equal(a.connectionMark, 'inside');
  assert.equal(b.connectionMark, null);
});

test('a matcher that is not modelled is reported with its line and the assumption', () => {
  const config = cfg(
    '/ip firewall mangle add chain=forward protocol=udp limit=10,5:packet action=mark-packet new-packet-mark=limited', // 9
    '/ip firewall mangle add chain=forward protocol=tcp nth=2,1 action=mark-packet new-packet-mark=nth', // 10
  );
  const [p] = trace(config, ['udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2']);
  assert.equal(p.packetMark, null);
  // Only the rule whose modelled matchers all matched needs the assumption.
  assert.deepEqual(
    p.notModelled.map((n) => n.message),
    ['not modelled: limit on line 9 (limit=10,5:packet); assumed the rule does not match'],
  );
});

test('queues: tree leaves under global and the out-interface by packet mark, first simple queue by target', () => {
  const config = cfg(
    '/ip firewall mangle add chain=forward protocol=udp action=mark-packet new-packet-mark=voip', // 9
    '/queue simple add name=host target=192.168.88.10/32', // 10
    '/queue simple add name=lan target=192.168.88.0/24', // 11
    '/queue tree add name=up parent=ether1 max-limit=10M', // 12
    '/queue tree add name=up-voip parent=up packet-mark=voip priority=1', // 13
    '/queue tree add name=up-rest parent=up packet-mark=no-mark priority=8', // 14
    '/queue tree add name=g-voip parent=global packet-mark=voip', // 15
  );
  const [udp, tcp] = trace(config, [
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2',
    'tcp 192.168.88.11:5000 > 92.50.1.9:80 in=ether2',
  ]);
  assert.deepEqual(udp.queues, ['host', 'g-voip', 'up-voip']);
  assert.deepEqual(tcp.queues, ['lan', 'up-rest']);
});

test('hit counts per line over a replay', () => {
  const config = cfg('/ip firewall mangle add chain=forward protocol=udp action=passthrough'); // 9
  const { hits } = traceConfigText(config, [
    'udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2',
    'tcp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2',
    'udp 192.168.88.10:5001 > 92.50.1.9:53 in=ether2',
  ]);
  assert.deepEqual([...hits], [[9, 2]]);
});

test('a rule added inside conditional code is traced, with the assumption reported', () => {
  const config = cfg(
    ':if ([/system resource get uptime] > 0) do={ /ip firewall mangle add chain=forward action=mark-packet new-packet-mark=maybe }', // 9
  );
  const [p] = trace(config, ['udp 192.168.88.10:5000 > 92.50.1.9:53 in=ether2']);
  assert.equal(p.packetMark, 'maybe');
  assert.deepEqual(
    p.notModelled.map((n) => n.message),
    [
      'not modelled: conditional code on line 9 (the rule is added inside :if, a loop or a function); assumed it was added',
    ],
  );
});
