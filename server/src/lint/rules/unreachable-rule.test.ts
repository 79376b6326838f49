// Tests for RSC4011 (a rule no packet can reach): catch-alls that end processing, covering values,
// and what must stay silent (passthrough, other chains, stateful matchers, narrower earlier rules).
import { rule } from './unreachable-rule';
import { ruleTester } from '../support/rule-testing';

/**
 * The finding on line 3: its range is the later rule's action (or command word), its message and its one
 * related location name the rule on line 2.
 */
const onLine3 = (at: string) => ({ line: 3, at, message: /the rule on line 2 /, related: 1 });

ruleTester(rule).run({
  valid: [
    {
      name: 'passthrough=yes marks go on',
      text: `/ip firewall mangle
add chain=forward action=mark-connection new-connection-mark=c passthrough=yes
add chain=forward action=mark-packet connection-mark=c new-packet-mark=p passthrough=no
`,
    },
    {
      name: 'earlier rule is narrower',
      text: `/ip firewall filter
add chain=forward action=drop protocol=udp dst-port=53
add chain=forward action=accept protocol=udp
`,
    },
    {
      name: 'different chains',
      text: `/ip firewall mangle
add chain=prerouting action=mark-packet new-packet-mark=x passthrough=no
add chain=forward action=mark-packet new-packet-mark=y passthrough=no
`,
    },
    {
      name: 'a stateful matcher (limit) lets packets through to the next rule',
      text: `/ip firewall filter
add chain=input action=accept protocol=icmp limit=5,10:packet
add chain=input action=drop protocol=icmp limit=5,10:packet
`,
    },
    {
      name: 'a disabled catch-all shadows nothing',
      text: `/ip firewall filter
add chain=forward action=accept disabled=yes
add chain=forward action=drop
`,
    },
    {
      name: 'a computed matcher cannot be judged',
      text: `:local p udp
/ip firewall filter
add chain=forward action=accept protocol=$p
add chain=forward action=drop protocol=udp
`,
    },
    {
      name: 'negated versus plain values',
      text: `/ip firewall filter
add chain=forward action=drop in-interface-list=!LAN
add chain=forward action=accept in-interface-list=LAN
`,
    },
    {
      // One cause, one error: the earlier line's syntax error is the finding (RSC1004), not what it hides.
      name: 'an earlier rule with a syntax error shadows nothing',
      text: `/ip firewall filter
add chain=forward # note
add chain=forward action=accept protocol=udp
`,
    },
    {
      name: 'fasttrack does not end processing',
      text: `/ip firewall filter
add chain=forward action=fasttrack-connection connection-state=established,related
add chain=forward action=accept connection-state=established,related
`,
    },
  ],
  invalid: [
    {
      name: 'catch-all mark-packet passthrough=no above later marks',
      text: `/ip firewall mangle
add chain=forward action=mark-packet new-packet-mark=all passthrough=no
add chain=forward action=mark-packet protocol=udp connection-mark=voip new-packet-mark=voip passthrough=no
`,
      errors: [onLine3('action=mark-packet')],
    },
    {
      name: 'accept with fewer matchers',
      text: `/ip firewall filter
add chain=forward action=accept protocol=udp
add chain=forward action=drop protocol=udp dst-port=53
`,
      errors: [onLine3('action=drop')],
    },
    {
      name: 'connection-state list covers a subset; prefix covers a narrower one',
      text: `/ip firewall filter
add chain=input action=accept connection-state=established,related src-address=10.0.0.0/8
add chain=input action=drop connection-state=established src-address=10.1.2.0/24 protocol=tcp
`,
      errors: [onLine3('action=drop')],
    },
    {
      name: 'nat: masquerade takes every later srcnat rule for the same interface list',
      text: `/ip firewall nat
add chain=srcnat action=masquerade out-interface-list=WAN
add chain=srcnat action=src-nat out-interface-list=WAN src-address=192.168.88.0/24 to-addresses=1.2.3.4
`,
      errors: [onLine3('action=src-nat')],
    },
  ],
});
