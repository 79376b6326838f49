// Tests for RSC2002 (unknown parameter): severities follow what RouterOS does when it parses the line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, found, lintSchema } from '../support/schema-testing';

const CODE = 'RSC2002';

describe('RSC2002 unknown-parameter', () => {
  it('is an error where RouterOS rejects the line when parsing it', () => {
    const cases: [string, string[]][] = [
      ['/ip firewall filter add chian=forward', ['error:chian']],
      ['/ip address add name=x address=10.0.0.1/24', ['error:name']],
      ['/interface vlan add bridge=br1 vlan-id=10', ['error:bridge']],
      [':serialize to=json decimator=","', ['error:decimator']],
    ];
    for (const [text, want] of cases) assert.deepEqual(found(text, CODE), want, text);
  });

  it('reports an unnamed value beyond what add, set, remove, enable and disable take', () => {
    assert.deepEqual(found('/ip dhcp-server set [find] disable', CODE), ['error:disable']);
    assert.deepEqual(found('/ip dhcp-server network\nadd ... dhcp-option=x', CODE), ['error:...']);
    assert.deepEqual(found('/ip firewall filter remove 1 2', CODE), ['error:2']);
    // Within the limit, unsetting a property (`!name`), named values, and commands without a limit.
    for (const ok of [
      '/ip dhcp-server set [find] disabled=yes',
      '/ip dhcp-server set 0 !lease-script',
      '/ip firewall filter remove [find]',
      '/ip dhcp-server network add address=10.0.0.0/24 dns-server=10.0.0.1',
      '/ip dns set servers=1.1.1.1',
      '/system identity set name=r1',
      '/ping 1.1.1.1 count=1',
      '/ip firewall filter print detail',
    ])
      assert.deepEqual(found(ok, CODE), [], ok);
  });

  it('suggests the closest parameter', () => {
    const text = '/ip firewall filter add chian=forward';
    const d = lintSchema(text).find((x) => x.code === CODE);
    assert.ok(d?.fix);
    assert.equal(applyFix(text, d.fix), '/ip firewall filter add chain=forward');
  });

  it('is a warning in menus whose parameters depend on the board', () => {
    assert.deepEqual(found('/interface ethernet set ether1 poe-out=off', CODE), ['warning:poe-out']);
  });

  it('is a warning for an ambiguous abbreviation', () => {
    assert.deepEqual(found('/ip firewall filter add d=1', CODE), ['warning:d']);
  });

  it('accepts known names, abbreviations, find filters and internal names', () => {
    for (const text of [
      '/ip firewall filter add chain=forward action=accept',
      ':beep freq=1000',
      '/interface bridge vlan print where [find dynamic=yes vlan-ids=10]',
      ':put [/interface find default-name=ether1]',
      '/ip address print as-value .proplist=address',
      ':local x [/ip address get $id address]',
    ])
      assert.deepEqual(found(text, CODE), [], text);
  });

  it('leaves RouterOS 6 names to RSC5001, and is information for target 6', () => {
    assert.deepEqual(found('/ip route add gateway=1.1.1.1 routing-mark=x', CODE), []);
    assert.deepEqual(found('/ip firewall filter add chian=forward', CODE, { target: '6' }), [
      'information:chian',
    ]);
  });
});
