// Tests for the firewall model: chains in evaluation order, actions and passthrough, marks set and used,
// address lists filled and used, queues, layer-7 definitions, and the followers() walk across jumps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../syntax';
import { buildFirewallModel, firewallModel, linesPhrase, type FirewallModel } from './firewall';
import { readRange } from './ranges';

function model(text: string): FirewallModel {
  return buildFirewallModel(parse(text), text);
}

test('rules per family, table and chain, in order; disabled and default action', () => {
  const m = model(`/ip firewall mangle
add chain=forward action=mark-connection new-connection-mark=c passthrough=yes
add chain=prerouting action=mark-packet new-packet-mark=p disabled=yes
add chain=forward connection-mark=c
/ipv6 firewall mangle
add chain=forward action=mark-packet new-packet-mark=p6 passthrough=no
/ip firewall filter
add chain=forward action=fasttrack-connection connection-state=established,related
`);
  const fwd = m.chain('ip', 'mangle', 'forward');
  assert.deepEqual(
    fwd.map((r) => [r.line, r.index, r.action]),
    [
      [2, 0, 'mark-connection'],
      [4, 1, 'accept'],
    ],
  );
  assert.equal(m.chain('ip', 'mangle', 'prerouting')[0].disabled, true);
  assert.equal(m.chain('ipv6', 'mangle', 'forward')[0].passthrough, false);
  assert.equal(fwd[0].passthrough, true);
  assert.equal(m.chain('ip', 'filter', 'forward')[0].action, 'fasttrack-connection');
  assert.deepEqual(m.chainNames('ip', 'mangle'), ['prerouting', 'input', 'forward', 'output', 'postrouting']);
});

test('marks: setters by action only, uses from rules and queues, no-mark ignored, comma lists split', () => {
  const m = model(`/ip firewall mangle
add chain=forward action=mark-connection new-connection-mark=c new-packet-mark=ignored passthrough=yes
add chain=forward action=mark-packet connection-mark=c new-packet-mark=p passthrough=no
add chain=forward action=mark-packet connection-mark=no-mark new-packet-mark=q passthrough=no
/queue tree
add name=t parent=global packet-mark=p,q priority=2
/queue simple
add name=s target=10.0.0.0/24 packet-marks=q
`);
  assert.deepEqual(
    m.markSets.map((s) => `${s.kind}:${s.name}`),
    ['connection:c', 'packet:p', 'packet:q'],
  );
  assert.equal(m.usesOf('connection', 'c').length, 1);
  assert.equal(m.usesOf('connection', 'no-mark').length, 0);
  assert.equal(m.usesOf('packet', 'q').length, 2);
  assert.deepEqual(
    m.queues.map((q) => [q.kind, q.name, q.packetMarks, q.priority]),
    [
      ['tree', 't', ['p', 'q'], 2],
      ['simple', 's', ['q'], undefined],
    ],
  );
});

test('marks set by bridge filters, hotspot profiles and VRFs count as set', () => {
  const m = model(`/interface bridge filter
add chain=forward action=mark-packet new-packet-mark=br
/ip hotspot user profile
add name=p incoming-packet-mark=hin outgoing-packet-mark=hout
/ip vrf
add interfaces=ether5 name=vrf-a
`);
  assert.deepEqual(
    m.markSets.map((s) => `${s.kind}:${s.name}`),
    ['packet:br', 'packet:hin', 'packet:hout', 'routing:vrf-a'],
  );
});

test('address lists: static, dynamic (with family) and DHCP/PPP fills; uses with negation', () => {
  const m = model(`/ip firewall address-list
add list=office address=10.0.0.0/24
/ipv6 firewall address-list
add list=office6 address=2001:db8::/32
/ip firewall mangle
add chain=forward action=add-src-to-address-list address-list=seen address-list-timeout=1h
add chain=forward src-address-list=!office dst-address-list=seen action=accept
/ppp profile
add name=vpn address-list=vpn-users
`);
  assert.deepEqual(
    m.listFills.map((f) => `${f.family}:${f.list}:${f.how}`),
    ['ip:office:static', 'ipv6:office6:static', 'ip:seen:dynamic', 'any:vpn-users:other'],
  );
  assert.equal(m.fillsOf('ipv6', 'vpn-users').length, 1);
  assert.equal(m.fillsOf('ipv6', 'office').length, 0);
  assert.deepEqual(
    m.listUses.map((u) => `${u.list}:${u.negated}`),
    ['office:true', 'seen:false'],
  );
});

test('layer-7 definitions', () => {
  const m = model('/ip firewall layer7-protocol add name=skypenack regexp="\\\\xd5"\n');
  assert.deepEqual(
    m.layer7.map((l) => l.name),
    ['skypenack'],
  );
});

test('followers: the rest of the chain, jumped-to chains in place, and what follows the jump', () => {
  const m = model(`/ip firewall mangle
add chain=forward comment=f0
add chain=forward action=jump jump-target=sub comment=f1
add chain=forward comment=f2
add chain=sub comment=s0
add chain=sub action=jump jump-target=deeper comment=s1
add chain=sub comment=s2 disabled=yes
add chain=sub comment=s3
add chain=deeper comment=d0
add chain=prerouting comment=p0
`);
  const names = (rs: readonly { literal(n: string): string | undefined }[]): (string | undefined)[] =>
    rs.map((r) => r.literal('comment'));
  const f0 = m.chain('ip', 'mangle', 'forward')[0];
  assert.deepEqual(names(m.followers(f0)), ['f1', 's0', 's1', 'd0', 's3', 'f2']);
  const s0 = m.chain('ip', 'mangle', 'sub')[0];
  // Inside a jumped-to chain, processing continues in the caller after the jump.
  assert.deepEqual(names(m.followers(s0)), ['s1', 'd0', 's3', 'f2']);
  assert.deepEqual(names(m.followers(m.chain('ip', 'mangle', 'prerouting')[0])), []);
});

test('followers terminates on jump loops', () => {
  const m = model(`/ip firewall mangle
add chain=a action=jump jump-target=b
add chain=b action=jump jump-target=a
add chain=b comment=x
`);
  const r = m.chain('ip', 'mangle', 'a')[0];
  assert.ok(m.followers(r).length <= 3);
});

test('firewallModel caches per parse result', () => {
  const text = '/ip firewall mangle add chain=forward\n';
  const p = parse(text);
  assert.equal(firewallModel(p, text), firewallModel(p, text));
});

test('line numbers and phrases', () => {
  const m = model('# header\n/ip firewall mangle\nadd chain=forward \\\n    comment=x\nadd chain=forward\n');
  assert.deepEqual(
    m.rules.map((r) => r.line),
    [3, 5],
  );
  assert.equal(linesPhrase([5, 3, 3]), 'lines 3 and 5');
  assert.equal(linesPhrase([9]), 'line 9');
  assert.equal(linesPhrase([1, 2, 3]), 'lines 1, 2 and 3');
});

test('range readings', () => {
  assert.deepEqual(readRange('connection-rate', '0-50k'), { ok: true, from: 0, to: 50000, unbounded: false });
  assert.equal(readRange('connection-rate', '50k-0').ok, false);
  assert.deepEqual(readRange('connection-bytes', '2000000-0'), {
    ok: true,
    from: 2000000,
    to: undefined,
    unbounded: true,
  });
  assert.deepEqual(readRange('packet-size', '39'), { ok: true, from: 39, to: 39, unbounded: false });
  const bad = readRange('connection-rate', '0-50kb');
  assert.ok(!bad.ok && bad.problem === 'malformed');
  const big = readRange('packet-size', '0-70000');
  assert.ok(!big.ok && big.problem === 'out-of-range');
  assert.equal(readRange('packet-size', '40k').ok, false);
  assert.equal(readRange('connection-rate', '1-2-3').ok, false);
  assert.equal(readRange('connection-rate', '-5').ok, false);
});
