// Tests for RSC4003 (mark action without an explicit passthrough=).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, codesAndLines, lintWith } from '../../../../test/fixtures/flow/harness';
import { rule } from './implicit-passthrough';

const run = (text: string) => lintWith([rule], text);

test('flags each mark action without passthrough and writes the default', () => {
  const text = `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=c
add action=mark-packet chain=forward connection-mark=c new-packet-mark=p
add action=mark-routing chain=prerouting new-routing-mark=r
/ipv6 firewall mangle
add action=mark-packet chain=forward new-packet-mark=p6 disabled=yes
`;
  const ds = run(text);
  assert.deepEqual(codesAndLines(text, ds), [
    ['RSC4003', 2],
    ['RSC4003', 3],
    ['RSC4003', 4],
    ['RSC4003', 6],
  ]);
  assert.equal(text.slice(ds[0].start, ds[0].end), 'action=mark-connection');
  assert.equal(ds[0].severity, 'information');
  assert.equal(ds[0].fix?.safe, true);
  assert.equal(
    applyFix(text, ds[1].fix!).split('\n')[2],
    'add action=mark-packet chain=forward connection-mark=c new-packet-mark=p passthrough=yes',
  );
});

test('valid: explicit passthrough, other actions, other tables', () => {
  const text = `/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=c passthrough=yes
add action=mark-packet chain=forward new-packet-mark=p passthrough=no
add action=change-dscp chain=forward new-dscp=46
add action=accept chain=forward
/ip firewall filter
add action=accept chain=forward
`;
  assert.deepEqual(run(text), []);
});

test('passthrough set later by set [find] counts as explicit', () => {
  const text = `/ip firewall mangle
add action=mark-packet chain=forward new-packet-mark=p comment=x
set [find comment=x] passthrough=no
`;
  assert.deepEqual(run(text), []);
});
