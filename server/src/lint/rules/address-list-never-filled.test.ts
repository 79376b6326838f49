// Tests for RSC4008 (an address list matched but never filled in the file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './address-list-never-filled';

const run = (text: string) => lintWith([rule], text);

test('lists matched but not filled, per family', () => {
  const text = `/ip firewall address-list add list=office address=10.0.0.0/24
/ip firewall filter
add chain=forward src-address-list=blocked action=drop
add chain=forward dst-address-list=!office action=accept
/ipv6 firewall filter
add chain=forward src-address-list=office action=accept
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [
    ['RSC4008', 3],
    ['RSC4008', 6],
  ]);
  assert.equal(ds[0].severity, 'information');
  assert.match(ds[1].message, /ipv6 firewall address-list/);
});

test('valid: static, dynamic, and DHCP/PPP-filled lists', () => {
  const text = `/ip firewall address-list add list=office address=10.0.0.0/24
/ppp profile add name=vpn address-list=vpn-users
/ip dhcp-server add name=lan interface=bridge address-lists=dhcp-clients
/ip firewall mangle
add chain=forward action=add-dst-to-address-list address-list=peers address-list-timeout=1h
add chain=forward dst-address-list=peers action=accept
/ip firewall filter
add chain=forward src-address-list=office action=accept
add chain=forward src-address-list=vpn-users action=accept
add chain=forward src-address-list=dhcp-clients action=accept
add chain=forward src-address-list=$dyn action=accept
`;
  assert.deepEqual(run(text), []);
});

test('silent when a list is filled under a computed name', () => {
  const text = `:foreach n in={"a";"b"} do={ /ip firewall address-list add list=$n address=10.0.0.1 }
/ip firewall filter add chain=forward src-address-list=a action=accept
`;
  assert.deepEqual(run(text), []);
});
