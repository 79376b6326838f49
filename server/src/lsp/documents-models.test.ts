// The per-document memos of the whole-script models (the shadow analysis's per-command and per-chain
// answers, RSC4011; analysis/shadow.ts ShadowMemo) must never change what is reported: after every edit,
// the analysis cache's diagnostics equal a fresh lint of the same text. The edits are whole lines of a
// firewall (rules that shadow others, `set`, `disable`, `copy-from`, `place-before`, `move`, rules inside
// `:if`), typed, deleted, moved and altered character by character, so chains change shape, rules stop
// and start being self-contained, and untouched chains are read back from the memo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { prng } from '../../../test/prng';
import { lintText } from '../lint';
import { AnalysisCache } from './documents';

const LINES = [
  '/ip firewall filter',
  'add chain=forward action=accept connection-state=established,related',
  'add chain=forward action=accept connection-state=established',
  'add chain=forward action=drop src-address=10.0.0.0/8',
  'add chain=forward action=drop src-address=10.1.2.0/24 protocol=tcp',
  'add chain=forward action=accept protocol=udp dst-port=53',
  'add chain=forward action=accept protocol=udp dst-port=53 comment=dup',
  'add chain=input action=drop',
  'add chain=input action=accept protocol=icmp',
  'add chain=input action=drop disabled=yes',
  'add chain=input action=accept in-interface=ether1 place-before=0',
  'add chain=forward action=drop copy-from=0',
  'set [find comment=dup] action=drop',
  'set 2 protocol=udp',
  'disable [find comment=dup]',
  'enable 0',
  'move 1 0',
  'remove [find chain=input protocol=icmp]',
  ':if ($x) do={ /ip firewall filter add chain=forward action=drop }',
  '/ip firewall mangle',
  'add chain=prerouting action=mark-connection new-connection-mark=c1 passthrough=no',
  'add chain=prerouting action=mark-packet connection-mark=c1 new-packet-mark=p1 passthrough=no',
  'add chain=prerouting action=mark-packet connection-mark=c1 new-packet-mark=p2',
  'add chain=prerouting action=accept',
  '/ipv6 firewall filter',
  'add chain=forward action=drop',
  'add chain=forward action=accept protocol=tcp',
];

test('model memos: diagnostics after each of 400 seeded line edits of a firewall equal a fresh lint', () => {
  const r = prng(2211);
  const pick = (): string => LINES[Math.floor(r() * LINES.length)];
  const start: string[] = [];
  for (let i = 0; i < 60; i++) start.push(i % 20 === 0 ? LINES[0] : pick());
  const cache = new AnalysisCache();
  let doc = TextDocument.create('file:///fw.rsc', 'routeros', 1, start.join('\n') + '\n');
  cache.get(doc);
  let withShadow = 0;
  for (let i = 0; i < 400; i++) {
    const lines = doc.getText().split('\n');
    const at = Math.floor(r() * lines.length);
    const kind = r();
    const lineStart = { line: at, character: 0 };
    let range = { start: lineStart, end: lineStart };
    let typed = '';
    if (kind < 0.35) typed = pick() + '\n';
    else if (kind < 0.55 && at + 1 < lines.length)
      range = { start: lineStart, end: { line: at + 1, character: 0 } };
    else if (kind < 0.75) {
      // One character typed or deleted inside the line (a value changes, a rule breaks and heals).
      const c = Math.floor(r() * (lines[at].length + 1));
      const p = { line: at, character: c };
      if (r() < 0.5) typed = ['x', '1', ' ', '"', '=', '['][Math.floor(r() * 6)];
      else range = { start: p, end: { line: at, character: Math.min(lines[at].length, c + 1) } };
      if (typed !== '') range = { start: p, end: p };
    } else {
      // A line replaced by another (a rule changes in place).
      range = { start: lineStart, end: { line: at, character: lines[at].length } };
      typed = pick();
    }
    doc = TextDocument.update(doc, [{ range, text: typed }], doc.version + 1);
    const a = cache.get(doc);
    const fresh = lintText(doc.getText()).diagnostics;
    if (fresh.some((d) => d.code === 'RSC4011')) withShadow++;
    assert.deepStrictEqual(a.lint.diagnostics, fresh, `after edit ${i + 1}:\n${doc.getText()}`);
  }
  // The comparison is only worth something if RSC4011 fires on many of the versions.
  assert.ok(withShadow > 200, `RSC4011 reported on ${withShadow} of 400 versions`);
});

const SCHEMA_LINES = [
  '/ip firewall filter',
  '/ip fire filter',
  '/ip firewll mangle',
  '/ip firewall mangle',
  'add chain=forward action=accept',
  'ad chain=forward',
  'add chain=forward actio=drop',
  'add chain=forward action=acept protocol=tcpp',
  'print detail',
  'prnt',
  '/ip address add address=192.0.2.1/24 interface=ether1',
  '/ip addres print',
  '/system identity set name=r1',
  '/system identty set name=r1',
  '/interface bridge port add bridge=br1 interface=ether2',
  '.. address print',
  'firewall filter print',
  '/ip { firewall filter { add chain=input } }',
  '/ip firewll { filter add chain=input }',
  ':if (true) do={ /ip firewll mangle add chain=forward }',
  ':local a [/ip address find]',
  '/queue tree add name=q1 parent=global',
  '/routing bgp connection add name=x',
];

test('model memos: schema findings after each of 300 seeded line edits equal a fresh lint', () => {
  const r = prng(2212);
  const pick = (): string => SCHEMA_LINES[Math.floor(r() * SCHEMA_LINES.length)];
  const start: string[] = [];
  for (let i = 0; i < 50; i++) start.push(pick());
  const cache = new AnalysisCache();
  let doc = TextDocument.create('file:///schema.rsc', 'routeros', 1, start.join('\n') + '\n');
  cache.get(doc);
  const codes = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const lines = doc.getText().split('\n');
    const at = Math.floor(r() * lines.length);
    const lineStart = { line: at, character: 0 };
    const kind = r();
    let range = { start: lineStart, end: lineStart };
    let typed = '';
    if (kind < 0.4) typed = pick() + '\n';
    else if (kind < 0.6 && at + 1 < lines.length)
      range = { start: lineStart, end: { line: at + 1, character: 0 } };
    else {
      const c = Math.floor(r() * (lines[at].length + 1));
      const p = { line: at, character: c };
      range = { start: p, end: p };
      typed = ['x', ' ', '/', '"', '{', '}', '='][Math.floor(r() * 7)];
    }
    doc = TextDocument.update(doc, [{ range, text: typed }], doc.version + 1);
    const a = cache.get(doc);
    const fresh = lintText(doc.getText()).diagnostics;
    for (const d of fresh) codes.add(d.code);
    assert.deepStrictEqual(a.lint.diagnostics, fresh, `after edit ${i + 1}:\n${doc.getText()}`);
  }
  for (const code of ['RSC2001', 'RSC2002', 'RSC2007'])
    assert.ok(codes.has(code), `${code} was never reported: ${[...codes].join(', ')}`);
});

test('model memos: a rule that copies its properties from an edited rule is analysed again', () => {
  const text = [
    '/ip firewall filter',
    'add chain=input action=drop protocol=tcp',
    'add chain=forward action=drop protocol=udp',
    'add copy-from=0 chain=forward',
    '',
  ].join('\n');
  const cache = new AnalysisCache();
  let doc = TextDocument.create('file:///copy.rsc', 'routeros', 1, text);
  const shadowed = () => cache.get(doc).lint.diagnostics.filter((d) => d.code === 'RSC4011').length;
  assert.equal(shadowed(), 0);
  // Only the source rule changes (it is in another chain); the copy now drops udp, as the rule above it.
  const at = doc.positionAt(text.indexOf('tcp'));
  doc = TextDocument.update(
    doc,
    [{ range: { start: at, end: { line: at.line, character: at.character + 3 } }, text: 'udp' }],
    2,
  );
  assert.equal(shadowed(), 1);
  assert.deepStrictEqual(cache.get(doc).lint.diagnostics, lintText(doc.getText()).diagnostics);
});
