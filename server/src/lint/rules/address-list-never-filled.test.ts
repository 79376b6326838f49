// Tests for RSC4008 (an address list matched but never filled in the file).
import { rule } from './address-list-never-filled';
import { ruleTester } from '../support/rule-testing';

ruleTester(rule).run({
  valid: [
    {
      name: 'static, dynamic, and DHCP/PPP-filled lists',
      text: `/ip firewall address-list add list=office address=10.0.0.0/24
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
`,
    },
    {
      name: 'silent when a list is filled under a computed name',
      text: `:foreach n in={"a";"b"} do={ /ip firewall address-list add list=$n address=10.0.0.1 }
/ip firewall filter add chain=forward src-address-list=a action=accept
`,
    },
  ],
  invalid: [
    {
      name: 'lists matched but not filled, per family',
      text: `/ip firewall address-list add list=office address=10.0.0.0/24
/ip firewall filter
add chain=forward src-address-list=blocked action=drop
add chain=forward dst-address-list=!office action=accept
/ipv6 firewall filter
add chain=forward src-address-list=office action=accept
`,
      errors: [
        { line: 3, at: 'src-address-list=blocked', severity: 'information' },
        { line: 6, at: 'src-address-list=office', message: /ipv6 firewall address-list/ },
      ],
    },
  ],
});
