// Tests for RSC4004 (a mark used but never set in the file).
import { rule } from './mark-never-set';
import { ruleTester } from '../support/rule-testing';

ruleTester(rule).run({
  valid: [
    {
      name: 'no-mark, marks set anywhere in the file, computed values, VRF routing marks',
      text: `/ip vrf add interfaces=ether5 name=vrf1
/ip firewall mangle
add action=mark-packet chain=forward connection-mark=no-mark packet-mark=no-mark new-packet-mark=p passthrough=no
add action=accept chain=forward packet-mark=p routing-mark=vrf1
add action=accept chain=forward connection-mark=$m
add action=mark-connection chain=forward new-connection-mark=later passthrough=yes
add action=accept chain=prerouting connection-mark=later
/queue tree add name=q parent=global packet-mark=p,no-mark
`,
    },
    {
      name: 'silent when a mark of that kind is set under a computed name',
      text: `:for i from=1 to=3 do={ /ip firewall mangle add action=mark-packet chain=forward new-packet-mark="p$i" passthrough=no }
/queue tree add name=q1 parent=global packet-mark=p1
`,
    },
  ],
  invalid: [
    {
      name: 'a near miss of a set mark is a warning with a suggested fix',
      text: `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=conn_skype passthrough=yes
add action=mark-packet chain=forward connection-mark=conn_skpye new-packet-mark=skype passthrough=no
/queue tree
add name=voice parent=global packet-mark=skyp,other priority=1
`,
      errors: [
        {
          line: 3,
          at: 'connection-mark=conn_skpye',
          severity: 'warning',
          message: /conn_skype/,
          fix: /connection-mark=conn_skype new-packet-mark/,
        },
        { line: 5, at: 'packet-mark=skyp,other', severity: 'warning', fix: /packet-mark=skype,other/ },
        // 'other' is nothing like a set mark: it may be set on the router, so only information.
        { line: 5, at: 'packet-mark=skyp,other', severity: 'information', message: /outside this script/ },
      ],
    },
    {
      name: 'case-only differences are suggested',
      text: '/ip firewall mangle\nadd action=mark-packet chain=forward new-packet-mark=VoIP passthrough=no\n/queue simple add name=q target=ether2 packet-marks=voip\n',
      errors: [{ line: 3, at: 'packet-marks=voip', fix: /packet-marks=VoIP/ }],
    },
    {
      name: 'routing marks and negated uses',
      text: `/ip firewall mangle
add action=accept chain=prerouting routing-mark=isp2
add action=accept chain=prerouting connection-mark=!guest
`,
      errors: [
        { line: 2, at: 'routing-mark=isp2' },
        { line: 3, at: 'connection-mark=!guest', message: /always succeeds/ },
      ],
    },
  ],
});
