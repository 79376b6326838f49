// Tests for RSC4003 (mark action without an explicit passthrough=).
import { rule } from './implicit-passthrough';
import { ruleTester } from '../support/rule-testing';

ruleTester(rule).run({
  valid: [
    {
      name: 'explicit passthrough, other actions, other tables',
      text: `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=c passthrough=yes
add action=mark-packet chain=forward new-packet-mark=p passthrough=no
add action=change-dscp chain=forward new-dscp=46
add action=accept chain=forward
/ip firewall filter
add action=accept chain=forward
`,
    },
    {
      name: 'passthrough set later by set [find] counts as explicit',
      text: `/ip firewall mangle
add action=mark-packet chain=forward new-packet-mark=p comment=x
set [find comment=x] passthrough=no
`,
    },
  ],
  invalid: [
    {
      name: 'flags each mark action without passthrough and writes the default',
      text: `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=c
add action=mark-packet chain=forward connection-mark=c new-packet-mark=p
add action=mark-routing chain=prerouting new-routing-mark=r
/ipv6 firewall mangle
add action=mark-packet chain=forward new-packet-mark=p6 disabled=yes
`,
      errors: [
        {
          line: 2,
          at: 'action=mark-connection',
          severity: 'information',
          fix: /new-connection-mark=c passthrough=yes\n/,
        },
        {
          line: 3,
          at: 'action=mark-packet',
          fix: /\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=yes\n/,
        },
        { line: 4, at: 'action=mark-routing', fix: /new-routing-mark=r passthrough=yes\n/ },
        {
          line: 6,
          at: 'action=mark-packet',
          fix: /new-packet-mark=p6 passthrough=yes disabled=yes\n|new-packet-mark=p6 disabled=yes passthrough=yes\n/,
        },
      ],
    },
  ],
});
