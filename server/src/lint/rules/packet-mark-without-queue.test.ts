// Tests for RSC4005 (a packet mark no queue or rule consumes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './packet-mark-without-queue';

const run = (text: string) => lintWith([rule], text);

test('a warning when the file has queues but none takes the mark', () => {
  const text = `/ip firewall mangle
add action=mark-packet chain=forward new-packet-mark=voip passthrough=no
add action=mark-packet chain=forward new-packet-mark=bulk passthrough=no
/queue tree
add name=b parent=global packet-mark=bulk priority=8
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [['RSC4005', 2]]);
  assert.equal(ds[0].severity, 'warning');
  assert.equal(text.slice(ds[0].start, ds[0].end), 'new-packet-mark=voip');
});

test('information when the file has no queues at all (they may be on the router)', () => {
  const text =
    '/ip firewall mangle add action=mark-packet chain=forward new-packet-mark=skype passthrough=no\n';
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [['RSC4005', 1]]);
  assert.equal(ds[0].severity, 'information');
  assert.match(ds[0].message, /router/);
});

test('valid: used by a simple queue list, a firewall rule, or set by a disabled rule', () => {
  const text = `/ip firewall mangle
add action=mark-packet chain=forward new-packet-mark=a passthrough=no
add action=mark-packet chain=forward new-packet-mark=b passthrough=no
add action=mark-packet chain=forward new-packet-mark=c passthrough=no
add action=mark-packet chain=forward new-packet-mark=d passthrough=no disabled=yes
add action=change-dscp chain=postrouting packet-mark=c new-dscp=46 passthrough=yes
/queue simple add name=q target=ether2 packet-marks=a,b
`;
  assert.deepEqual(run(text), []);
});

test('a rule that only matches its own mark does not count as a consumer', () => {
  const text =
    '/ip firewall mangle add action=mark-packet chain=forward packet-mark=x new-packet-mark=x passthrough=no\n/queue tree add name=q parent=global packet-mark=y\n';
  assert.deepEqual(codesAndLines(text, run(text)), [['RSC4005', 1]]);
});

test('silent when a queue takes a computed packet mark (queues created in a loop)', () => {
  const text = `/ip firewall mangle add action=mark-packet chain=forward new-packet-mark=prio_1 passthrough=no
:for i from=1 to=5 do={ /queue tree add name=("prio_" . $i) parent=global packet-mark=("prio_" . $i) }
`;
  assert.deepEqual(run(text), []);
});
