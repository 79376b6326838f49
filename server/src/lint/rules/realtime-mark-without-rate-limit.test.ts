// Tests for RSC4006 (real-time marking from a dynamic detection without a rate or byte limit).
import { rule } from './realtime-mark-without-rate-limit';
import { ruleTester } from '../support/rule-testing';

const DETECT =
  '/ip firewall mangle\nadd action=add-src-to-address-list address-list=skype address-list-timeout=1h chain=forward layer7-protocol=skypenack packet-size=39 protocol=udp\n';

const valid: [string, string][] = [
  [
    'connection-rate on the rule',
    'add action=mark-connection chain=forward connection-rate=0-50k src-address-list=skype new-connection-mark=conn_skype passthrough=yes',
  ],
  [
    'connection-bytes on the rule',
    'add action=mark-connection chain=forward connection-bytes=0-500000 dst-address-list=skype new-connection-mark=conn_skype passthrough=yes',
  ],
  [
    'rate limit on the mark-packet rules instead',
    'add action=mark-connection chain=forward src-address-list=skype new-connection-mark=conn_skype passthrough=yes\nadd action=mark-packet chain=forward connection-mark=conn_skype connection-rate=0-50k new-packet-mark=skype passthrough=no',
  ],
  [
    'static list',
    'add action=mark-connection chain=forward src-address-list=voip-static new-connection-mark=voip passthrough=yes',
  ],
  [
    'not real-time (bulk names, low-priority queue)',
    'add action=mark-connection chain=forward layer7-protocol=bittorrent new-connection-mark=p2p passthrough=yes\nadd action=mark-packet chain=forward connection-mark=p2p new-packet-mark=p2p-pkt passthrough=no\n/queue tree add name=slow parent=global packet-mark=p2p-pkt priority=8',
  ],
];

ruleTester(rule).run({
  valid: valid.map(([name, body]) => ({ name, text: `${DETECT + body}\n` })),
  invalid: [
    {
      name: 'marking from a dynamic list without connection-rate',
      text:
        DETECT +
        'add action=mark-connection chain=forward src-address-list=skype new-connection-mark=conn_skype passthrough=yes\n',
      errors: [
        {
          line: 3,
          at: 'src-address-list=skype',
          message: /line 2/,
          fix: /src-address-list=skype connection-rate=0-50k new-connection-mark/,
        },
      ],
    },
    {
      name: 'marking straight from a layer-7 match, judged real-time by the queue priority',
      text: `/ip firewall mangle
add action=mark-packet chain=forward layer7-protocol=proto-x new-packet-mark=px passthrough=no
/queue tree add name=q1 parent=global packet-mark=px priority=1
`,
      errors: [{ line: 2, at: 'layer7-protocol=proto-x', fix: true }],
    },
  ],
});
