// Tests for RSC4002 (mark-packet that lets the packet continue to a rule that can overwrite its mark).
import { rule } from './mark-packet-passthrough';
import { ruleTester } from '../support/rule-testing';

const mangle = (body: string): string => `/ip firewall mangle\n${body}\n`;

ruleTester(rule).run({
  valid: [
    {
      name: 'passthrough=no',
      text: mangle(
        'add action=mark-packet chain=forward new-packet-mark=a passthrough=no\nadd action=mark-packet chain=forward new-packet-mark=b passthrough=no',
      ),
    },
    {
      name: 'nothing can overwrite',
      text: mangle(
        'add action=mark-packet chain=forward new-packet-mark=a passthrough=yes\nadd action=change-dscp chain=forward new-dscp=46 packet-mark=a passthrough=yes',
      ),
    },
    {
      name: 'disjoint connection marks',
      text: mangle(
        'add action=mark-packet chain=forward connection-mark=x new-packet-mark=a passthrough=yes\nadd action=mark-packet chain=forward connection-mark=y new-packet-mark=b passthrough=yes',
      ),
    },
    {
      name: 'disjoint protocols',
      text: mangle(
        'add action=mark-packet chain=forward protocol=udp new-packet-mark=a passthrough=yes\nadd action=mark-packet chain=forward protocol=tcp new-packet-mark=b passthrough=no',
      ),
    },
    {
      name: 'later rule only for unmarked packets',
      text: mangle(
        'add action=mark-packet chain=forward new-packet-mark=a passthrough=yes\nadd action=mark-packet chain=forward packet-mark=no-mark new-packet-mark=b passthrough=no',
      ),
    },
    {
      name: 'same mark later',
      text: mangle(
        'add action=mark-packet chain=forward new-packet-mark=a passthrough=yes\nadd action=mark-packet chain=forward new-packet-mark=a passthrough=no',
      ),
    },
    {
      name: 'other chain',
      text: mangle(
        'add action=mark-packet chain=prerouting new-packet-mark=a passthrough=yes\nadd action=mark-packet chain=forward new-packet-mark=b passthrough=no',
      ),
    },
    {
      name: 'disabled overwriter',
      text: mangle(
        'add action=mark-packet chain=forward new-packet-mark=a passthrough=yes\nadd action=mark-packet chain=forward new-packet-mark=b passthrough=no disabled=yes',
      ),
    },
  ],
  invalid: [
    {
      name: 'flags a mark-packet that a later mark-packet can overwrite',
      text: `/ip firewall mangle
add action=mark-packet chain=forward protocol=udp new-packet-mark=voip passthrough=yes
add action=mark-packet chain=forward new-packet-mark=bulk passthrough=no
`,
      errors: [
        {
          line: 2,
          at: 'passthrough=yes',
          message: /line 3/,
          safe: false,
          fix: /new-packet-mark=voip passthrough=no/,
        },
      ],
    },
    {
      name: 'default passthrough: the fix inserts passthrough=no after new-packet-mark',
      text: `/ip firewall mangle
add action=mark-packet chain=forward new-packet-mark=voip
add action=mark-packet chain=forward new-packet-mark=bulk passthrough=no
`,
      errors: [
        {
          line: 2,
          fix: /^\/ip firewall mangle\nadd action=mark-packet chain=forward new-packet-mark=voip passthrough=no\n/,
        },
      ],
    },
    {
      name: 'an overwriting rule in a chain jumped to later counts',
      text: `/ip firewall mangle
add action=mark-packet chain=forward new-packet-mark=voip passthrough=yes
add action=jump chain=forward jump-target=more
add action=mark-packet chain=more new-packet-mark=bulk passthrough=no
`,
      errors: [{ line: 2, at: 'passthrough=yes', fix: true }],
    },
    {
      name: 'a catch-all rule at the end overwrites every earlier mark (rules without a connection mark)',
      text: `/ip firewall mangle
add action=mark-packet chain=prerouting protocol=icmp new-packet-mark=prio_1
add action=mark-packet chain=prerouting protocol=tcp port=22 new-packet-mark=prio_3
add action=mark-packet chain=prerouting new-packet-mark=prio_5
`,
      errors: [
        { line: 2, message: /line 4/, fix: true },
        { line: 3, fix: true },
      ],
    },
  ],
});
