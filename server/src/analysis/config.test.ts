// Tests for the command replay: add/set/remove/enable/disable/move/unset, place-before, `find` resolution,
// edits that reach outside the file, conditional code, the /export wrap repair, and linear work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../syntax';
import { buildConfig, type ConfigModel } from './config';

function build(text: string): ConfigModel {
  return buildConfig(parse(text), text);
}

/** The comments of a table's live items, in table order. */
function comments(m: ConfigModel, table: string): string[] {
  return (m.tables.get(table)?.items ?? []).map((it) => {
    const p = it.props.get('comment');
    return p && !p.value.computed ? p.value.text : '?';
  });
}

function prop(m: ConfigModel, table: string, comment: string, name: string): string | undefined {
  const it = m.tables
    .get(table)
    ?.items.find(
      (i) =>
        i.props.get('comment')?.value.computed === false &&
        (i.props.get('comment')?.value as { text: string }).text === comment,
    );
  const p = it?.props.get(name);
  return p && !p.value.computed ? (p.value.negated ? '!' : '') + p.value.text : undefined;
}

const M = 'ip firewall mangle';

test('export layout: menu line, add lines, a second block of the same menu', () => {
  const m = build(`/ip firewall mangle
add chain=forward comment=a
add chain=forward comment=b
/queue tree
add name=q
/ip firewall mangle
add chain=forward comment=c
`);
  assert.deepEqual(comments(m, M), ['a', 'b', 'c']);
  assert.equal(m.tables.get('queue tree')?.items.length, 1);
});

test('one-line commands with the menu written in front, and the v7 slash form', () => {
  const m = build(`/ip firewall mangle add chain=forward comment=a
/ip/firewall/mangle/add chain=forward comment=b
`);
  assert.deepEqual(comments(m, M), ['a', 'b']);
});

test('set [find comment=...] edits the rule the file created', () => {
  const m = build(`/ip firewall mangle
add chain=forward action=mark-connection new-connection-mark=x passthrough=yes comment=a
set [find comment=a] passthrough=no
set [find where comment="a" and chain=forward] new-connection-mark=y
`);
  assert.equal(prop(m, M, 'a', 'passthrough'), 'no');
  assert.equal(prop(m, M, 'a', 'new-connection-mark'), 'y');
  assert.equal(m.external.length, 0);
  assert.equal(m.tables.get(M)?.items[0].edits.length, 2);
});

test('a set the file cannot resolve is recorded as touching state outside the file', () => {
  const m = build(`/ip firewall mangle
add chain=forward comment=a
set [find comment=zzz] disabled=yes
set *1A disabled=yes
set [find comment~"a"] disabled=yes
set $id disabled=yes
set 7 disabled=yes
`);
  assert.equal(prop(m, M, 'a', 'disabled'), undefined);
  assert.equal(m.external.length, 5);
  assert.match(m.external[0].reason, /no item created in this file/);
  assert.match(m.external[1].reason, /internal id/);
  assert.match(m.external[2].reason, /does not evaluate/);
  assert.match(m.external[3].reason, /computed/);
  assert.match(m.external[4].reason, /number 7/);
});

test('numbers refer to the table order as if it held only this file (placement is marked assumed)', () => {
  const m = build(`/ip firewall mangle
add chain=forward comment=a
add chain=forward comment=b
set 1 comment=B
add chain=forward comment=c place-before=1
add chain=forward comment=top place-before=0
`);
  assert.deepEqual(comments(m, M), ['top', 'a', 'c', 'B']);
  const items = m.tables.get(M)?.items ?? [];
  assert.equal(items[0].placement, 'exact');
  assert.equal(items[2].placement, 'assumed');
});

test('place-before=[find ...] is exact; place-before=*id is unknown and noted', () => {
  const m = build(`/ip firewall mangle
add chain=forward comment=a
add chain=forward comment=b
add chain=forward comment=x place-before=[find comment=b]
add chain=forward comment=y place-before=*5
`);
  assert.deepEqual(comments(m, M), ['a', 'x', 'b', 'y']);
  const items = m.tables.get(M)?.items ?? [];
  assert.equal(items[1].placement, 'exact');
  assert.equal(items[3].placement, 'unknown');
  assert.equal(m.external.length, 1);
});

test('remove, disable, enable, unset and move', () => {
  const m = build(`/ip firewall mangle
add chain=forward comment=a connection-mark=k
add chain=forward comment=b
add chain=forward comment=c
remove [find comment=b]
disable [find comment=a]
move [find comment=c] destination=0
unset [find comment=a] value-name=connection-mark
`);
  assert.deepEqual(comments(m, M), ['c', 'a']);
  assert.equal(prop(m, M, 'a', 'disabled'), 'yes');
  assert.equal(prop(m, M, 'a', 'connection-mark'), undefined);
  const removed = m.tables.get(M)?.created.find((i) => i.removedBy);
  assert.ok(removed);
  // A removed rule is no longer found.
  const again = build(`/ip firewall mangle
add chain=forward comment=a
remove [find comment=a]
set [find comment=a] disabled=yes
`);
  assert.equal(again.external.length, 1);
});

test('commands inside :if / :foreach / functions are conditional; plain blocks are not', () => {
  const m = build(`/ip firewall mangle
{ add chain=forward comment=block }
:if ($x) do={ add chain=forward comment=cond }
:global f do={ /ip firewall mangle add chain=forward comment=fn }
`);
  const items = m.tables.get(M)?.items ?? [];
  assert.deepEqual(
    items.map((i) => i.conditional),
    [false, true, true],
  );
});

test('computed values stay computed', () => {
  const m = build(`/ip firewall mangle
add chain=$c new-packet-mark="p$n" connection-mark=[:pick "ab" 0 1] comment=a
`);
  const it = m.tables.get(M)?.items[0];
  assert.equal(it?.props.get('chain')?.value.computed, true);
  assert.equal(it?.props.get('new-packet-mark')?.value.computed, true);
  assert.equal(it?.props.get('connection-mark')?.value.computed, true);
});

test('a value wrapped onto the next line by /export (`name=\\` newline) is read as the value', () => {
  const text =
    '/ip firewall mangle\nadd chain=forward new-packet-mark=\\\n    voip passthrough=no comment=a\n';
  const m = build(text);
  assert.equal(prop(m, M, 'a', 'new-packet-mark'), 'voip');
  assert.equal(prop(m, M, 'a', 'passthrough'), 'no');
});

test('untracked menus are ignored', () => {
  const m = build('/system identity set name=x\n/interface bridge add name=br\n');
  assert.equal(m.tables.size, 0);
});

test('work grows linearly with the number of rules and comment lookups', () => {
  const gen = (n: number): string => {
    const lines = ['/ip firewall mangle'];
    for (let i = 0; i < n; i++)
      lines.push(`add chain=forward comment=r${i} action=mark-packet new-packet-mark=p${i}`);
    for (let i = 0; i < n; i++) lines.push(`set [find comment=r${i}] passthrough=no`);
    return lines.join('\n');
  };
  const small = build(gen(200)).work;
  const large = build(gen(2000)).work;
  // Ten times the rules: about ten times the work (a quadratic replay would be a hundred times).
  assert.ok(large < small * 15, `work ${small} -> ${large}`);
});
