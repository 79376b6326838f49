// Tests for RSC4005 (a packet mark no queue or rule consumes).
import { rule } from './packet-mark-without-queue';
import { ruleTester } from '../support/rule-testing';

ruleTester(rule).run({
  valid: [
    {
      name: 'used by a simple queue list, a firewall rule, or set by a disabled rule',
      text: `/ip firewall mangle
add action=mark-packet chain=forward new-packet-mark=a passthrough=no
add action=mark-packet chain=forward new-packet-mark=b passthrough=no
add action=mark-packet chain=forward new-packet-mark=c passthrough=no
add action=mark-packet chain=forward new-packet-mark=d passthrough=no disabled=yes
add action=change-dscp chain=postrouting packet-mark=c new-dscp=46 passthrough=yes
/queue simple add name=q target=ether2 packet-marks=a,b
`,
    },
    {
      name: 'silent when a queue takes a computed packet mark (queues created in a loop)',
      text: `/ip firewall mangle add action=mark-packet chain=forward new-packet-mark=prio_1 passthrough=no
:for i from=1 to=5 do={ /queue tree add name=("prio_" . $i) parent=global packet-mark=("prio_" . $i) }
`,
    },
  ],
  invalid: [
    {
      name: 'a warning when the file has queues but none takes the mark',
      text: `/ip firewall mangle
add action=mark-packet chain=forward new-packet-mark=voip passthrough=no
add action=mark-packet chain=forward new-packet-mark=bulk passthrough=no
/queue tree
add name=b parent=global packet-mark=bulk priority=8
`,
      errors: [{ line: 2, at: 'new-packet-mark=voip', severity: 'warning' }],
    },
    {
      name: 'information when the file has no queues at all (they may be on the router)',
      text: '/ip firewall mangle add action=mark-packet chain=forward new-packet-mark=skype passthrough=no\n',
      errors: [{ line: 1, at: 'new-packet-mark=skype', severity: 'information', message: /router/ }],
    },
    {
      name: 'a rule that only matches its own mark does not count as a consumer',
      text: '/ip firewall mangle add action=mark-packet chain=forward packet-mark=x new-packet-mark=x passthrough=no\n/queue tree add name=q parent=global packet-mark=y\n',
      errors: [{ line: 1, at: 'new-packet-mark=x' }],
    },
  ],
});
