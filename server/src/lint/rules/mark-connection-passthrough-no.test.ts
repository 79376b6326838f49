// Tests for RSC4001 (mark-connection passthrough=no hides the packets from later connection-mark rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './mark-connection-passthrough-no';
import { findings, ruleTester } from '../support/rule-testing';

const mangle = (body: string): string => `/ip firewall mangle\n${body}\n`;

ruleTester(rule).run({
  valid: [
    {
      name: 'passthrough=yes',
      text: mangle(
        'add action=mark-connection chain=forward new-connection-mark=c passthrough=yes\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
      ),
    },
    {
      name: 'consumer in another chain',
      text: mangle(
        'add action=mark-connection chain=prerouting new-connection-mark=c passthrough=no\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
      ),
    },
    {
      name: 'consumer before the rule',
      text: mangle(
        'add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no\nadd action=mark-connection chain=forward new-connection-mark=c passthrough=no',
      ),
    },
    {
      name: 'only new connections (first packet)',
      text: mangle(
        'add action=mark-connection chain=forward connection-state=new new-connection-mark=c passthrough=no\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
      ),
    },
    {
      name: 'only unmarked connections',
      text: mangle(
        'add action=mark-connection chain=forward connection-mark=no-mark new-connection-mark=c passthrough=no\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
      ),
    },
    {
      name: 'classify chain entered only for unmarked connections',
      text: mangle(
        'add action=jump chain=forward connection-mark=no-mark jump-target=cl\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no\nadd action=mark-connection chain=cl new-connection-mark=c passthrough=no',
      ),
    },
    {
      name: 'disabled rule',
      text: mangle(
        'add action=mark-connection chain=forward new-connection-mark=c passthrough=no disabled=yes\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
      ),
    },
    {
      name: 'different mark',
      text: mangle(
        'add action=mark-connection chain=forward new-connection-mark=c passthrough=no\nadd action=mark-packet chain=forward connection-mark=d new-packet-mark=p passthrough=no',
      ),
    },
    {
      name: 'computed mark',
      text: mangle(
        'add action=mark-connection chain=forward new-connection-mark=$m passthrough=no\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
      ),
    },
    {
      name: 'conditional rule',
      text: mangle(
        ':if ($x) do={ /ip firewall mangle add action=mark-connection chain=forward new-connection-mark=c passthrough=no }\n/ip firewall mangle add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
      ),
    },
    {
      name: 'order comes from the replayed table: a move puts the mark-packet rule first',
      text: `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=c passthrough=no comment=mc
add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no comment=mp
move [find comment=mp] destination=[find comment=mc]
`,
    },
  ],
  invalid: [
    {
      name: 'flags passthrough=no before a mark-packet rule for the same connection mark; only the consumer follows, so yes is safe',
      text: `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=voip passthrough=no protocol=udp
add action=mark-packet chain=forward connection-mark=voip new-packet-mark=voip-p passthrough=no
`,
      errors: [
        {
          line: 2,
          at: 'passthrough=no',
          message: /line 3/,
          safe: true,
          fix: /\nadd action=mark-connection chain=forward new-connection-mark=voip passthrough=yes protocol=udp\n/,
        },
      ],
    },
    {
      name: 'the fix is only a suggestion when other rules follow too',
      text: `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=voip passthrough=no
add action=mark-packet chain=forward connection-mark=voip new-packet-mark=v passthrough=no
add action=mark-connection chain=forward new-connection-mark=other passthrough=yes
`,
      errors: [
        { line: 2, at: 'passthrough=no', safe: false, fix: /new-connection-mark=voip passthrough=yes\n/ },
      ],
    },
    {
      name: 'follows jumps: a consumer after the jump into the chain is hidden too',
      text: `/ip firewall mangle
add action=jump chain=forward jump-target=classify
add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no
add action=mark-connection chain=classify new-connection-mark=c passthrough=no
`,
      errors: [{ line: 4, at: 'passthrough=no', fix: true }],
    },
    {
      name: 'set [find] edits are applied before judging',
      text: `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=c passthrough=yes comment=mc
add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no
set [find comment=mc] passthrough=no
`,
      errors: [{ line: 4, at: 'passthrough=no', fix: true }],
    },
    {
      name: 'order comes from the replayed table: place-before=0 puts the mark-connection rule first',
      text: `/ip firewall mangle
add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no
add action=mark-connection chain=forward new-connection-mark=c passthrough=no place-before=0
`,
      errors: [{ line: 3, at: 'passthrough=no', fix: true }],
    },
  ],
});

test('RSC4001: the related location is the hidden consumer', () => {
  const text = `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=voip passthrough=no protocol=udp
add action=mark-packet chain=forward connection-mark=voip new-packet-mark=voip-p passthrough=no
`;
  const [d] = findings(rule, text);
  assert.deepEqual(
    d.related?.map((r) => text.slice(r.start, r.end).split(' ')[1]),
    ['action=mark-packet'],
  );
});
