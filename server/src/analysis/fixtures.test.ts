// The flow rules (every registered RSC4nnn rule) on real-world-shaped files: a home/office /export with QoS
// must produce no RSC4nnn finding, the seed thread's rules exactly the findings an expert would give, and a
// correct Skype NAck QoS script none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findings, lineAt, registeredRules } from '../lint/support/rule-testing';
import type { Diagnostic } from '../lint/types';

const flowRules = registeredRules(/^RSC4/);

/** [code, line] pairs, the compact form these tests assert on. */
const codesAndLines = (text: string, ds: readonly Diagnostic[]): [string, number][] =>
  ds.map((d) => [d.code, lineAt(text, d.start)]);

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '../../../test/fixtures/flow', name), 'utf8');

test('home-office-qos.rsc: zero RSC4nnn findings', () => {
  const text = fixture('home-office-qos.rsc');
  assert.deepEqual(codesAndLines(text, findings(flowRules, text)), []);
});

test('skype-thread.rsc: only the unconsumed packet mark, as information', () => {
  // What the thread posted marks low-rate UDP to/from detected peers with explicit passthrough, a timed
  // detection list and a bounded connection-rate: the one gap is that no queue takes the packet mark
  // `skype` (the thread never shows its queues), so the marks alone change nothing.
  const text = fixture('skype-thread.rsc');
  const ds = findings(flowRules, text);
  assert.deepEqual(codesAndLines(text, ds), [['RSC4005', 7]]);
  assert.equal(ds[0].severity, 'information');
  assert.equal(text.slice(ds[0].start, ds[0].end), 'new-packet-mark=skype');
});

test('skype-nack-correct.rsc: zero RSC4nnn findings', () => {
  const text = fixture('skype-nack-correct.rsc');
  assert.deepEqual(codesAndLines(text, findings(flowRules, text)), []);
});

test('the thread with the usual mistakes reintroduced gets the expected findings', () => {
  // The same recipe written the way posts often get it wrong: no timeout, no rate limit, passthrough=no on
  // the connection mark, the default passthrough on the packet mark, a fasttrack rule, and a queue that
  // takes a misspelled mark and has a priority under `global` with no limit above it.
  const text = `/ip firewall filter
add action=fasttrack-connection chain=forward connection-state=established,related
/ip firewall mangle
add action=add-src-to-address-list address-list=skype chain=forward layer7-protocol=skypenack packet-size=39 protocol=udp
add action=mark-connection chain=forward new-connection-mark=conn_skype passthrough=no protocol=udp src-address-list=skype
add action=mark-packet chain=forward connection-mark=conn_skype new-packet-mark=skype
/queue tree
add name=skype parent=global packet-mark=skpye priority=1
`;
  assert.deepEqual(codesAndLines(text, findings(flowRules, text)), [
    ['RSC4010', 2],
    ['RSC4009', 4],
    ['RSC4001', 5],
    ['RSC4006', 5],
    ['RSC4003', 6],
    ['RSC4005', 6],
    ['RSC4004', 8],
    ['RSC4012', 8],
  ]);
});
