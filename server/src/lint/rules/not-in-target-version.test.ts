// Tests for RSC5001 (not in the target version): added and removed names, values, renames, RouterOS 6.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { found, lintSchema } from '../support/schema-testing';

const CODE = 'RSC5001';

describe('RSC5001 not-in-target-version', () => {
  it('reports menus, parameters and values newer than the target', () => {
    const t = { target: '7.12' };
    assert.deepEqual(found('/interface wifi add name=x', CODE, t), ['warning:wifi']);
    assert.deepEqual(found('/interface wifi\nadd name=x\nprint', CODE, t), ['warning:wifi']);
    assert.deepEqual(found('/ip dns set vrf=main', CODE, t), ['warning:vrf']);
    assert.deepEqual(found('/interface ovpn-server server set auth=sha384', CODE, t), ['warning:sha384']);
    const d = lintSchema('/interface wifi add name=x', t).find((x) => x.code === CODE);
    assert.match(d?.message ?? '', /added in 7\.13; it is not in 7\.12/);
  });

  it('reports names removed before the target, with the replacement', () => {
    const d = lintSchema('/interface wifiwave2 print').find((x) => x.code === CODE);
    assert.ok(d);
    assert.match(d.message, /removed after 7\.12/);
    assert.match(d.message, /\/interface wifi/);
  });

  it('explains RouterOS 6 names in a RouterOS 7 script', () => {
    // RouterOS 7 rejects the unknown parameter when parsing, so this one is an error.
    assert.deepEqual(found('/ip route add gateway=10.0.0.1 routing-mark=isp2', CODE), ['error:routing-mark']);
    assert.deepEqual(found('/ip route rule add action=lookup table=isp2', CODE), ['warning:rule']);
    assert.deepEqual(found('/ip route add gateway=10.0.0.1 routing-mark=isp2', CODE, { target: '6' }), [
      'information:/ip route',
    ]);
  });

  it('RouterOS 6: flags v7-only address-list-timeout values, no mark-routing note on a plain mangle add', () => {
    const t = { target: '6' };
    const mangle =
      '/ip firewall mangle\nadd chain=forward action=add-src-to-address-list address-list=x address-list-timeout=none-dynamic protocol=udp\n' +
      'add chain=forward action=mark-packet new-packet-mark=p passthrough=no\n';
    assert.deepEqual(found(mangle, CODE, t), ['warning:none-dynamic']);
    assert.deepEqual(found(mangle.replace('none-dynamic', '"none-static"'), CODE, t), [
      'warning:"none-static"',
    ]);
    assert.deepEqual(found(mangle.replace('none-dynamic', '1h'), CODE, t), []);
    // The routing-mark note stays where it belongs: on new-routing-mark.
    assert.deepEqual(
      found('/ip firewall mangle add chain=prerouting action=mark-routing new-routing-mark=isp2', CODE, t),
      ['information:new-routing-mark'],
    );
    // RouterOS 7 has both values.
    assert.deepEqual(found(mangle, CODE), []);
  });

  it('is information only for RouterOS 6, with the overlay notes once per file', () => {
    const t = { target: '6' };
    assert.deepEqual(found('/interface wifi add name=x', CODE, t), ['information:wifi']);
    const notes = found('/ip route add gateway=1.1.1.1\n/ip route add gateway=2.2.2.2', CODE, t);
    assert.equal(notes.length, 1);
  });

  it('knows that the wireless package predates its x86 builds', () => {
    assert.deepEqual(found('/interface wireless set wlan1 ssid=x', CODE, { target: '7.12' }), []);
    assert.deepEqual(found('/caps-man manager set enabled=yes', CODE, { target: '7.9' }), []);
  });

  it('is silent when everything exists in the target', () => {
    for (const target of ['latest', '7.12', '7.9'])
      assert.deepEqual(
        found('/ip firewall filter add chain=forward action=accept\n:ping 1.1.1.1 count=1', CODE, { target }),
        [],
        target,
      );
  });
});
