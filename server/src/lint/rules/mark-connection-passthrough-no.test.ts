// Tests for RSC4001 (mark-connection passthrough=no hides the packets from later connection-mark rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './mark-connection-passthrough-no';

const run = (text: string) => lintWith([rule], text);

test('flags passthrough=no before a mark-packet rule for the same connection mark', () => {
  const text = `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=voip passthrough=no protocol=udp
add action=mark-packet chain=forward connection-mark=voip new-packet-mark=voip-p passthrough=no
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [['RSC4001', 2]]);
  assert.equal(text.slice(ds[0].start, ds[0].end), 'passthrough=no');
  assert.match(ds[0].message, /line 3/);
  assert.deepEqual(
    ds[0].related?.map((r) => text.slice(r.start, r.end).split(' ')[1]),
    ['action=mark-packet'],
  );
  // Only the consumer follows: switching to yes is safe.
  assert.equal(ds[0].fix?.safe, true);
  assert.equal(applyFix(text, ds[0].fix!).split('\n')[1].endsWith('passthrough=yes protocol=udp'), true);
});

test('the fix is only a suggestion when other rules follow too', () => {
  const text = `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=voip passthrough=no
add action=mark-packet chain=forward connection-mark=voip new-packet-mark=v passthrough=no
add action=mark-connection chain=forward new-connection-mark=other passthrough=yes
`;
  const ds = run(text);
  assert.equal(ds.length, 1);
  assert.equal(ds[0].fix?.safe, false);
});

test('follows jumps: a consumer after the jump into the chain is hidden too', () => {
  const text = `/ip firewall mangle
add action=jump chain=forward jump-target=classify
add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no
add action=mark-connection chain=classify new-connection-mark=c passthrough=no
`;
  assert.deepEqual(codesAndLines(text, run(text)), [['RSC4001', 4]]);
});

test('set [find] edits are applied before judging', () => {
  const text = `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=c passthrough=yes comment=mc
add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no
set [find comment=mc] passthrough=no
`;
  assert.deepEqual(codesAndLines(text, run(text)), [['RSC4001', 4]]);
});

const valid: [string, string][] = [
  [
    'passthrough=yes',
    'add action=mark-connection chain=forward new-connection-mark=c passthrough=yes\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
  ],
  [
    'consumer in another chain',
    'add action=mark-connection chain=prerouting new-connection-mark=c passthrough=no\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
  ],
  [
    'consumer before the rule',
    'add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no\nadd action=mark-connection chain=forward new-connection-mark=c passthrough=no',
  ],
  [
    'only new connections (first packet)',
    'add action=mark-connection chain=forward connection-state=new new-connection-mark=c passthrough=no\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
  ],
  [
    'only unmarked connections',
    'add action=mark-connection chain=forward connection-mark=no-mark new-connection-mark=c passthrough=no\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
  ],
  [
    'classify chain entered only for unmarked connections',
    'add action=jump chain=forward connection-mark=no-mark jump-target=cl\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no\nadd action=mark-connection chain=cl new-connection-mark=c passthrough=no',
  ],
  [
    'disabled rule',
    'add action=mark-connection chain=forward new-connection-mark=c passthrough=no disabled=yes\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
  ],
  [
    'different mark',
    'add action=mark-connection chain=forward new-connection-mark=c passthrough=no\nadd action=mark-packet chain=forward connection-mark=d new-packet-mark=p passthrough=no',
  ],
  [
    'computed mark',
    'add action=mark-connection chain=forward new-connection-mark=$m passthrough=no\nadd action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
  ],
  [
    'conditional rule',
    ':if ($x) do={ /ip firewall mangle add action=mark-connection chain=forward new-connection-mark=c passthrough=no }\n/ip firewall mangle add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no',
  ],
];
for (const [name, body] of valid) {
  test(`valid: ${name}`, () => {
    assert.deepEqual(run(`/ip firewall mangle\n${body}\n`), []);
  });
}

test('order comes from the replayed table: place-before=0 puts the mark-connection rule first', () => {
  const text = `/ip firewall mangle
add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no
add action=mark-connection chain=forward new-connection-mark=c passthrough=no place-before=0
`;
  assert.deepEqual(codesAndLines(text, run(text)), [['RSC4001', 3]]);
  const moved = `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=c passthrough=no comment=mc
add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=no comment=mp
move [find comment=mp] destination=[find comment=mc]
`;
  assert.deepEqual(run(moved), []);
});
