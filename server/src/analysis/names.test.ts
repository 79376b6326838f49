// Tests for config-name sites: which arguments define or use address lists, marks, queues and interfaces.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../syntax';
import { analyzeNames, nameArgKind, nameSiteAt, namesOf, sitesOf } from './names';

function sites(text: string): string[] {
  return analyzeNames(parse(text).root).sites.map(
    (s) =>
      `${s.role === 'definition' ? 'def' : 'ref'} ${s.kind} ${s.negated ? '!' : ''}${text.slice(s.start, s.end)}`,
  );
}

describe('analyzeNames', () => {
  it('finds address lists', () => {
    const t = [
      '/ip firewall address-list add list=lan address=10.0.0.0/8',
      '/ip firewall filter add chain=input src-address-list=!lan action=drop',
      '/ip firewall raw add chain=prerouting action=add-src-to-address-list address-list=scanners',
    ].join('\n');
    assert.deepEqual(sites(t), [
      'def address-list lan',
      'ref address-list !lan',
      'def address-list scanners',
    ]);
  });

  it('finds marks and queues, with comma lists and quoted names', () => {
    const t = [
      '/ip firewall mangle add chain=forward action=mark-connection new-connection-mark=voip-conn',
      '/ip firewall mangle add chain=forward connection-mark=voip-conn action=mark-packet new-packet-mark="voip pk"',
      '/queue tree add name=up parent=global packet-mark="voip pk",other',
      '/queue tree add name=voip parent=up',
    ].join('\n');
    assert.deepEqual(sites(t), [
      'def connection-mark voip-conn',
      'ref connection-mark voip-conn',
      'def packet-mark voip pk',
      'def queue up',
      'ref packet-mark voip pk',
      'ref packet-mark other',
      'def queue voip',
      'ref queue up',
    ]);
  });

  it('reads a queue parent as an interface when no queue has that name', () => {
    const t = '/queue tree add name=q parent=ether1-wan';
    assert.deepEqual(sites(t), ['def queue q', 'ref interface ether1-wan']);
  });

  it('finds interfaces, lists and layer-7 protocols', () => {
    const t = [
      '/interface vlan add name=vlan10 interface=ether2 vlan-id=10',
      '/interface list add name=WAN',
      '/interface list member add list=WAN interface=vlan10',
      '/ip firewall layer7-protocol add name=skype regexp="^..\\\\x02"',
      '/ip firewall filter add in-interface-list=WAN layer7-protocol=skype out-interface=vlan10',
    ].join('\n');
    assert.deepEqual(sites(t), [
      'def interface vlan10',
      'ref interface ether2',
      'def interface-list WAN',
      'ref interface-list WAN',
      'ref interface vlan10',
      'def layer7-protocol skype',
      'ref interface-list WAN',
      'ref layer7-protocol skype',
      'ref interface vlan10',
    ]);
  });

  it('skips computed values and RouterOS words', () => {
    const t =
      '/queue tree add name=$n parent=global packet-mark=no-mark\n/ip firewall filter add src-address-list="a$b"';
    assert.deepEqual(sites(t), []);
  });

  it('keeps exact ranges across escapes', () => {
    const t = '/ip firewall address-list add list="a\\"b" address=1.1.1.1';
    const m = analyzeNames(parse(t).root);
    assert.equal(m.sites[0].name, 'a"b');
    assert.equal(t.slice(m.sites[0].start, m.sites[0].end), 'a\\"b');
  });

  it('indexes sites by name and finds the site under the cursor', () => {
    const t =
      '/ip firewall address-list add list=lan\n/ip firewall filter add src-address-list=lan dst-address-list=wan';
    const m = analyzeNames(parse(t).root);
    assert.equal(sitesOf(m, 'address-list', 'lan').length, 2);
    assert.deepEqual(namesOf(m, 'address-list'), ['lan']);
    assert.deepEqual(namesOf(m, 'address-list', true).sort(), ['lan', 'wan']);
    assert.equal(nameSiteAt(m, t.lastIndexOf('lan') + 3)?.name, 'lan');
    assert.equal(nameSiteAt(m, 3), undefined);
  });

  it('tells argument kinds per menu', () => {
    assert.deepEqual(nameArgKind(['ip', 'firewall', 'mangle'], 'add', 'new-packet-mark'), {
      kind: 'packet-mark',
      role: 'definition',
    });
    assert.deepEqual(nameArgKind(['ipv6', 'firewall', 'filter'], 'add', 'src-address-list'), {
      kind: 'address-list',
      role: 'reference',
    });
    assert.equal(nameArgKind(['ip', 'firewall', 'filter'], 'add', 'comment'), undefined);
    assert.equal(nameArgKind(['system', 'identity'], 'set', 'name'), undefined);
  });
});
