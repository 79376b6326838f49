// Tests for RSC4010 (fasttrack takes the connections mangle marks and queues depend on).
import { rule } from './fasttrack-bypasses-qos';
import { ruleTester } from '../support/rule-testing';

const FASTTRACK =
  '/ip firewall filter\nadd action=fasttrack-connection chain=forward connection-state=established,related hw-offload=yes\n';
const QOS = `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=voip passthrough=yes protocol=udp
add action=mark-packet chain=forward connection-mark=voip new-packet-mark=voip-p passthrough=no
/queue tree add name=v parent=global packet-mark=voip-p priority=1
`;

ruleTester(rule).run({
  valid: [
    {
      name: 'connection-mark=no-mark, the no-mark queue hangs on an interface (it sees fast-tracked packets)',
      text:
        '/ip firewall filter\nadd action=fasttrack-connection chain=forward connection-mark=no-mark connection-state=established,related\n' +
        QOS.replace('parent=global', 'parent=up') +
        '/queue tree\nadd name=up parent=ether1 max-limit=18M\nadd name=rest parent=up packet-mark=no-mark priority=8\n',
    },
    {
      name: 'excluded with connection-mark=no-mark',
      text:
        '/ip firewall filter\nadd action=fasttrack-connection chain=forward connection-mark=no-mark connection-state=established,related\n' +
        QOS,
    },
    { name: 'no QoS in the file', text: FASTTRACK },
    {
      name: 'fasttrack disabled',
      text:
        '/ip firewall filter\nadd action=fasttrack-connection chain=forward connection-state=established,related disabled=yes\n' +
        QOS,
    },
    {
      name: 'fasttrack narrowed by interfaces (cannot tell, stay silent)',
      text:
        '/ip firewall filter\nadd action=fasttrack-connection chain=forward connection-state=established,related in-interface-list=LAN out-interface-list=LAN\n' +
        QOS,
    },
    {
      name: 'IPv6 marks only, IPv4 fasttrack',
      text:
        FASTTRACK +
        '/ipv6 firewall mangle\nadd action=mark-packet chain=forward new-packet-mark=p passthrough=no\n',
    },
  ],
  invalid: [
    {
      name: 'unrestricted fasttrack with mangle marks and queues',
      text: FASTTRACK + QOS,
      errors: [{ line: 2, at: 'action=fasttrack-connection', message: /lines 4 and 5/, related: 3 }],
    },
    {
      name: 'queues alone (simple queues shaping by target) are bypassed too',
      text: FASTTRACK + '/queue simple add name=cap target=192.168.88.0/24 max-limit=10M/10M\n',
      errors: [{ line: 2, at: 'action=fasttrack-connection' }],
    },
    {
      name: 'connection-mark=no-mark does not help packet marks that do not come from a connection mark',
      text: `/ip firewall filter
add action=fasttrack-connection chain=forward connection-mark=no-mark connection-state=established,related
/ip firewall mangle
add action=mark-packet chain=forward protocol=udp new-packet-mark=p passthrough=no
/queue tree add name=v parent=global packet-mark=p
`,
      errors: [{ line: 2, at: 'action=fasttrack-connection' }],
    },
    {
      name: 'connection-mark=no-mark: a no-mark queue under global misses fast-tracked packets',
      text: `/ip firewall filter
add action=fasttrack-connection chain=forward connection-mark=no-mark connection-state=established,related
/queue tree
add name=up parent=global max-limit=18M
add name=rest parent=up packet-mark=no-mark priority=8
`,
      errors: [{ line: 2, at: 'action=fasttrack-connection' }],
    },
  ],
});
