// Tests for the "Show Mangle Flow" markdown: chains with line numbers, the connection mark -> packet mark
// -> queue arrows, the queue hierarchy, and the call-outs for unconsumed marks and unused lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../syntax';
import { mangleFlowMarkdown } from './mangle-flow';

const md = (text: string): string => mangleFlowMarkdown(parse(text), text);

test('chains, rules with line numbers, arrows and queues', () => {
  const text = `/ip firewall address-list add list=voip-provider address=203.0.113.0/26
/ip firewall mangle
add action=jump chain=forward jump-target=classify connection-mark=no-mark
add action=mark-connection chain=classify dst-address-list=voip-provider new-connection-mark=voip passthrough=yes
add action=mark-packet chain=forward connection-mark=voip new-packet-mark=voip-p passthrough=no
/queue tree
add name=total parent=global max-limit=90M
add name=voice parent=total packet-mark=voip-p priority=1
`;
  const out = md(text);
  assert.match(out, /^# Mangle flow/);
  assert.match(out, /### chain `forward`/);
  assert.match(out, /### chain `classify` \(jumped to from line 3\)/);
  assert.match(
    out,
    /\| 4 \| `dst-address-list=voip-provider` \| mark-connection ⇒ `voip` passthrough=yes \|/,
  );
  assert.match(
    out,
    /\| 5 \| `connection-mark=voip` \| mark-packet ⇒ `voip-p` \*\*stop\*\* \(passthrough=no\) \|/,
  );
  assert.match(
    out,
    /- connection mark `voip` \(set on line 4\)\n {2}- → packet mark `voip-p` \(line 5\) → queue tree `voice`, priority 1, line 8/,
  );
  assert.match(
    out,
    /- queue tree `total`, line 7 \(parent `global`\)\n {2}- queue tree `voice`, priority 1, line 8 ← packet mark `voip-p`/,
  );
  assert.match(out, /\| IPv4 \| `voip-provider` \| entry line 1 \| line 4 \|/);
  assert.match(out, /Nothing: every mark is consumed/);
});

test('calls out unconsumed marks, unused lists, unset marks and edits outside the file', () => {
  const text = `/ip firewall address-list add list=unused address=10.0.0.1
/ip firewall mangle
add action=mark-connection chain=forward new-connection-mark=lonely passthrough=yes
add action=mark-packet chain=forward new-packet-mark=noqueue passthrough=no
add action=accept chain=forward packet-mark=ghost
set [find comment=elsewhere] disabled=yes
`;
  const out = md(text);
  assert.match(out, /connection mark `lonely` \(set on line 3\) → \*\*never matched\*\*/);
  assert.match(out, /packet mark `noqueue` \(line 4\) → \*\*no queue\*\*/);
  assert.match(out, /- Connection mark `lonely` is set but never matched\./);
  assert.match(out, /- Packet mark `ghost` is used on line 5 but never set in this file\./);
  assert.match(out, /- Address list `unused` is filled but never matched\./);
  assert.match(out, /- Line 6 \(`set` in \/ip firewall mangle\) touches items outside this file/);
});

test('table cells are escaped and disabled rules flagged', () => {
  const text = '/ip firewall mangle add action=accept chain=forward comment="a|b" disabled=yes\n';
  const out = md(text);
  assert.match(out, /\| 1 \| \*disabled\* \| accept \| a\\\|b \|/);
});

test('an empty file says so; the home-office fixture renders both families', () => {
  assert.match(md(''), /no mangle rules and no queues/);
  const fixture = readFileSync(join(__dirname, '../../../test/fixtures/flow/home-office-qos.rsc'), 'utf8');
  const out = md(fixture);
  assert.match(out, /## IPv4 mangle/);
  assert.match(out, /## IPv6 mangle/);
  assert.match(out, /simple queue `guests`/);
});

test('never throws on broken input', () => {
  for (const text of [
    '/ip firewall mangle add chain=',
    '/queue tree add parent=x name=x',
    'add [',
    '/ip firewall mangle\nset [find',
    '/queue tree\nadd name=a parent=b\nadd name=b parent=a',
  ]) {
    assert.equal(typeof md(text), 'string');
  }
});

test('without the text, line numbers are rebuilt from the tokens (strings and continuations included)', () => {
  const fixture = readFileSync(join(__dirname, '../../../test/fixtures/flow/home-office-qos.rsc'), 'utf8');
  assert.equal(mangleFlowMarkdown(parse(fixture)), mangleFlowMarkdown(parse(fixture), fixture));
  const crlf = fixture.replace(/\n/g, '\r\n');
  assert.equal(mangleFlowMarkdown(parse(crlf)), mangleFlowMarkdown(parse(fixture), fixture));
});

test('fasttrack rules are called out with their restriction', () => {
  const text =
    '/ip firewall filter add action=fasttrack-connection chain=forward connection-mark=no-mark connection-state=established,related\n';
  assert.match(
    md(text),
    /- IPv4 fasttrack rule on line 1 \(only connection-mark=no-mark\): fast-tracked connections skip mangle and queues\./,
  );
});

test('RSC4011 in the view: an unreachable rule is flagged with the line that takes its packets', () => {
  const out = md(`/ip firewall mangle
add chain=forward action=mark-packet new-packet-mark=all passthrough=no
add chain=forward action=mark-packet protocol=udp new-packet-mark=voip passthrough=no
/queue tree
add name=up parent=ether1 max-limit=10M
add name=a parent=up packet-mark=all
add name=v parent=up packet-mark=voip priority=1
`);
  assert.match(out, /\| 3 \| \*\*unreachable\*\* \(line 2 takes its packets\) `protocol=udp`/);
  assert.match(out, /- Line 3 is unreachable: the rule on line 2 matches all its packets/);
  assert.doesNotMatch(out, /\| 2 \| \*\*unreachable/);
});
