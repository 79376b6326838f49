// Tests for RSC2002 (unknown parameter): severities follow what RouterOS does when it parses the line.
import { rule } from './unknown-parameter';
import { ruleTester } from '../support/rule-testing';

ruleTester(rule).run({
  valid: [
    // Known names, abbreviations, find filters and internal names.
    '/ip firewall filter add chain=forward action=accept',
    ':beep freq=1000',
    '/interface bridge vlan print where [find dynamic=yes vlan-ids=10]',
    ':put [/interface find default-name=ether1]',
    '/ip address print as-value .proplist=address',
    ':local x [/ip address get $id address]',
    // Within the limit of unnamed values: unsetting a property (`!name`), named values, commands without a limit.
    '/ip dhcp-server set [find] disabled=yes',
    '/ip dhcp-server set 0 !lease-script',
    '/ip firewall filter remove [find]',
    '/ip dhcp-server network add address=10.0.0.0/24 dns-server=10.0.0.1',
    '/ip dns set servers=1.1.1.1',
    '/system identity set name=r1',
    '/ping 1.1.1.1 count=1',
    '/ip firewall filter print detail',
    { name: 'RouterOS 6 names are left to RSC5001', text: '/ip route add gateway=1.1.1.1 routing-mark=x' },
  ],
  invalid: [
    // An error where RouterOS rejects the line when parsing it; the suggestion is the closest parameter.
    {
      text: '/ip firewall filter add chian=forward',
      errors: [{ at: 'chian', severity: 'error', fix: '/ip firewall filter add chain=forward' }],
    },
    { text: '/ip address add name=x address=10.0.0.1/24', errors: [{ at: 'name', severity: 'error' }] },
    { text: '/interface vlan add bridge=br1 vlan-id=10', errors: [{ at: 'bridge', severity: 'error' }] },
    { text: ':serialize to=json decimator=","', errors: [{ at: 'decimator', severity: 'error', fix: true }] },
    // An unnamed value beyond what add, set, remove, enable and disable take.
    { text: '/ip dhcp-server set [find] disable', errors: [{ at: 'disable', severity: 'error' }] },
    { text: '/ip dhcp-server network\nadd ... dhcp-option=x', errors: [{ at: '...', severity: 'error' }] },
    { text: '/ip firewall filter remove 1 2', errors: [{ at: '2', severity: 'error' }] },
    {
      name: 'a warning in menus whose parameters depend on the board',
      text: '/interface ethernet set ether1 poe-out=off',
      errors: [{ at: 'poe-out', severity: 'warning' }],
    },
    {
      name: 'a warning for an ambiguous abbreviation',
      text: '/ip firewall filter add d=1',
      errors: [{ at: [24, 25], severity: 'warning' }],
    },
    {
      name: 'information for target 6',
      text: '/ip firewall filter add chian=forward',
      options: { target: '6' },
      errors: [{ at: 'chian', severity: 'information', fix: true }],
    },
  ],
});
