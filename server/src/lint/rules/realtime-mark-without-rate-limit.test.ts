// Tests for RSC4006 (real-time marking from a dynamic detection without a rate or byte limit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './realtime-mark-without-rate-limit';

const run = (text: string) => lintWith([rule], text);

const DETECT =
  '/ip firewall mangle\nadd action=add-src-to-address-list address-list=skype address-list-timeout=1h chain=forward layer7-protocol=skypenack packet-size=39 protocol=udp\n';

test('marking from a dynamic list without connection-rate', () => {
  const text =
    DETECT +
    'add action=mark-connection chain=forward src-address-list=skype new-connection-mark=conn_skype passthrough=yes\n';
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [['RSC4006', 3]]);
  assert.equal(text.slice(ds[0].start, ds[0].end), 'src-address-list=skype');
  assert.match(ds[0].message, /line 2/);
  assert.match(
    applyFix(text, ds[0].fix!),
    /src-address-list=skype connection-rate=0-50k new-connection-mark/,
  );
});

test('marking straight from a layer-7 match, judged real-time by the queue priority', () => {
  const text = `/ip firewall mangle
add action=mark-packet chain=forward layer7-protocol=proto-x new-packet-mark=px passthrough=no
/queue tree add name=q1 parent=global packet-mark=px priority=1
`;
  assert.deepEqual(codesAndLines(text, run(text)), [['RSC4006', 2]]);
});

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
for (const [name, body] of valid) {
  test(`valid: ${name}`, () => {
    assert.deepEqual(run(DETECT + body + '\n'), []);
  });
}
