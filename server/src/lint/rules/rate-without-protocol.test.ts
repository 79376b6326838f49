// Tests for RSC4016 (connection-rate / connection-bytes without protocol=tcp|udp): codes, ranges, the safe
// fix when the connection mark names one protocol, and silence when a transport protocol is given.
import { rule } from './rate-without-protocol';
import { ruleTester } from '../support/rule-testing';

ruleTester(rule).run({
  valid: [
    {
      name: 'udp',
      text: '/ip firewall mangle add chain=forward action=mark-packet protocol=udp connection-rate=0-200k new-packet-mark=p passthrough=no',
    },
    {
      name: 'tcp by number',
      text: '/ip firewall filter add chain=forward action=drop protocol=6 connection-bytes=1000000-0',
    },
    {
      name: 'computed protocol',
      text: ':local p udp\n/ip firewall filter add chain=forward action=drop protocol=$p connection-rate=1M-4G',
    },
    { name: 'no rate matcher', text: '/ip firewall filter add chain=forward action=drop protocol=icmp' },
  ],
  invalid: [
    {
      name: 'the issue: mark-packet with connection-rate and no protocol; the fix takes udp from the mark',
      text: `/ip firewall mangle
add chain=forward action=mark-connection protocol=udp src-address-list=skype connection-rate=0-200k new-connection-mark=c passthrough=yes
add chain=forward action=mark-packet connection-mark=c connection-rate=0-200k new-packet-mark=p passthrough=no
`,
      // The fixed text is linted again and must be clean.
      errors: [
        {
          line: 3,
          at: 'connection-rate=0-200k',
          safe: true,
          fix: /connection-mark=c protocol=udp connection-rate=0-200k/,
        },
      ],
    },
    {
      name: 'connection-bytes alone',
      text: '/ip firewall mangle add chain=forward action=mark-connection connection-bytes=0-500000 new-connection-mark=x passthrough=yes',
      errors: [{ at: 'connection-bytes=0-500000' }],
    },
    {
      name: 'protocol is not a transport',
      text: '/ip firewall filter add chain=forward action=drop protocol=icmp connection-rate=1M-4G',
      errors: [{ at: 'connection-rate=1M-4G' }],
    },
    {
      name: 'negated protocol',
      text: '/ip firewall filter add chain=forward action=drop protocol=!udp connection-rate=1M-4G',
      errors: [{ at: 'connection-rate=1M-4G' }],
    },
    {
      name: 'marks disagree on the protocol: no fix',
      text: `/ip firewall mangle
add chain=forward action=mark-connection protocol=udp new-connection-mark=c passthrough=yes
add chain=forward action=mark-connection protocol=tcp new-connection-mark=c passthrough=yes
add chain=forward action=mark-packet connection-mark=c connection-rate=0-1M new-packet-mark=p passthrough=no`,
      errors: [{ at: 'connection-rate=0-1M' }],
    },
  ],
});
