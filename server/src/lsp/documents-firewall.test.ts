// The per-document firewall memo (analysis/firewall.ts FirewallMemo: the whole model kept while no
// statement holding a firewall, queue or list command changes, and the items of tables no command edits
// kept per `add` command) must never change what is reported or what the model says: after every edit,
// the analysis cache's diagnostics equal a fresh lint of the same text, and the kept model's rules, marks,
// lists, queues and their offsets and lines equal those of a model built from a fresh parse. The edits mix
// mangle/filter/queue/address-list lines (marks set and used, lists filled and used, copy-from,
// place-before, disabled rules, `set`/`disable` edits) with script lines that touch no such menu, typed,
// deleted and altered character by character, so offsets and lines move under kept models and items.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { prng } from '../../../test/prng';
import { firewallModel, type FirewallModel } from '../analysis/firewall';
import type { Item, Prop } from '../analysis/config';
import { lintText, parseOptions } from '../lint';
import { parse } from '../syntax';
import { AnalysisCache } from './documents';

const LINES = [
  '/ip firewall mangle',
  'add chain=prerouting action=mark-connection new-connection-mark=voip passthrough=yes protocol=udp',
  'add chain=prerouting action=mark-packet connection-mark=voip new-packet-mark=voip-p passthrough=no',
  'add chain=forward action=mark-packet connection-mark=bulk new-packet-mark=bulk-p',
  'add chain=forward action=mark-routing new-routing-mark=isp2 src-address-list=lan passthrough=no',
  'add chain=forward action=mark-packet new-packet-mark=x-p disabled=yes',
  'add chain=forward action=mark-connection new-connection-mark=c2 copy-from=0',
  'add chain=prerouting action=accept place-before=0',
  '/ip firewall filter',
  'add chain=forward action=add-src-to-address-list address-list=scanners protocol=tcp dst-port=22',
  'add chain=forward action=drop src-address-list=scanners',
  'add chain=input action=drop src-address-list=!trusted',
  'add chain=forward action=fasttrack-connection connection-state=established',
  'add chain=input action=accept protocol=icmp disabled=yes',
  'disable [find protocol=icmp]',
  'set 0 comment=first',
  '/ip firewall address-list',
  'add list=trusted address=192.0.2.1',
  'add list=lan address=10.0.0.0/8 comment="office \\',
  '    lan"',
  '/queue tree',
  'add name=voip parent=global packet-mark=voip-p priority=1 limit-at=1M max-limit=2M',
  'add name=bulk parent=global packet-mark=bulk-p priority=8 max-limit=1M',
  '/queue simple add name=s1 target=10.0.0.2 packet-marks=x-p',
  ':local n 1',
  ':if ($n > 0) do={ /ip firewall address-list add list=dyn address=10.9.9.9 }',
  ':global f do={ :log info "hi"; :return 1 }',
  '/system identity set name=r1',
  ':put [:len "abc"]',
];

/** What the rules read from a model, offsets and lines included, as plain data. */
function summary(m: FirewallModel): unknown {
  const prop = (p: Prop | undefined): unknown =>
    p && [
      p.name,
      p.value.computed ? null : p.value.text,
      p.value.start,
      p.value.end,
      p.arg.start,
      p.arg.end,
      p.arg.nameStart,
      p.command.start,
    ];
  const item = (it: Item): unknown => [
    it.seq,
    it.table,
    it.command.start,
    it.conditional,
    it.placement,
    it.copied ?? false,
    [...it.props.values()].map(prop),
  ];
  return {
    rules: m.rules.map((r) => [
      item(r.item),
      r.family,
      r.table,
      r.chain,
      r.index,
      r.line,
      r.disabled,
      r.action,
    ]),
    queues: m.queues.map((q) => [
      item(q.item),
      q.name,
      q.parent,
      q.packetMarks,
      q.priority,
      q.line,
      q.disabled,
    ]),
    marks: [...m.markSets, ...m.markUses].map((x) => [x.kind, x.name, x.negated, prop(x.prop), m.refLine(x)]),
    fills: m.listFills.map((f) => [f.family, f.list, f.how, prop(f.prop), f.line]),
    uses: m.listUses.map((u) => [u.family, u.list, u.negated, prop(u.prop), u.rule.line]),
    layer7: m.layer7.map((l) => [l.name, l.line]),
    external: m.external.map((e) => [e.table, e.command.start, e.verb, e.reason]),
    shadowed: m.rules.map((r) => m.shadowedBy(r)?.line ?? 0),
  };
}

/**
 * 400 seeded edits of a document made of `lines`, each followed by the comparisons; the memo must have
 * kept the whole model after more than `minModels` edits and items of the previous version more than
 * `minItems` times in all.
 */
function editAndCompare(lines: readonly string[], seed: number, minModels: number, minItems: number): void {
  const r = prng(seed);
  const pick = (): string => lines[Math.floor(r() * lines.length)];
  const start: string[] = [];
  for (let i = 0; i < 70; i++) start.push(i % 12 === 0 ? lines[0] : pick());
  const cache = new AnalysisCache();
  let doc = TextDocument.create('file:///fw-memo.rsc', 'routeros', 1, start.join('\n') + '\n');
  cache.get(doc);
  let lastModel: FirewallModel | undefined;
  let modelsKept = 0;
  let itemsKept = 0;
  let seen = new Set<Item>();
  for (let i = 0; i < 400; i++) {
    const cur = doc.getText().split('\n');
    const at = Math.floor(r() * cur.length);
    const lineStart = { line: at, character: 0 };
    const kind = r();
    let range = { start: lineStart, end: lineStart };
    let typed = '';
    if (kind < 0.3) typed = pick() + '\n';
    else if (kind < 0.45 && at + 1 < cur.length)
      range = { start: lineStart, end: { line: at + 1, character: 0 } };
    else if (kind < 0.85) {
      const c = Math.floor(r() * (cur[at].length + 1));
      const p = { line: at, character: c };
      if (r() < 0.6) {
        typed = ['x', '1', ' ', '"', '=', '[', '{', '\n', '\\\n'][Math.floor(r() * 9)];
        range = { start: p, end: p };
      } else range = { start: p, end: { line: at, character: Math.min(cur[at].length, c + 1) } };
    } else {
      range = { start: lineStart, end: { line: at, character: cur[at].length } };
      typed = pick();
    }
    doc = TextDocument.update(doc, [{ range, text: typed }], doc.version + 1);
    const text = doc.getText();
    const a = cache.get(doc);
    assert.deepStrictEqual(a.lint.diagnostics, lintText(text).diagnostics, `after edit ${i + 1}:\n${text}`);
    // The model the lint used comes back from the memo (the parse carries it) and must equal a fresh one.
    const kept = firewallModel(a.lint.parse, text);
    const fresh = firewallModel(parse(text, parseOptions()), text);
    assert.deepStrictEqual(summary(kept), summary(fresh), `model after edit ${i + 1}:\n${text}`);
    if (kept === lastModel) modelsKept++;
    const now = new Set<Item>();
    for (const t of kept.config.tables.values())
      for (const it of t.created) {
        // Items kept by a model built anew (a kept model keeps all of its own).
        if (kept !== lastModel && seen.has(it)) itemsKept++;
        now.add(it);
      }
    seen = now;
    lastModel = kept;
  }
  // The comparisons are only worth something if the memo served often, both ways.
  assert.ok(modelsKept > minModels, `the whole model was kept after ${modelsKept} of 400 edits`);
  assert.ok(itemsKept > minItems, `${itemsKept} items were kept from the previous version`);
}

test('firewall memo: diagnostics and model after each of 400 seeded edits equal a fresh lint and model', () => {
  editAndCompare(LINES, 2222, 70, 200);
});

test('firewall memo: the same where no command edits the tables (rules kept, chains renumbered)', () => {
  // Only `add`s: every table keeps its items and rules, and a rule typed above others moves their index.
  // The two lines of a continued string are left out too: one without the other opens a string that
  // runs to the end of the file, a single statement that no edit leaves alone.
  const addsOnly = LINES.filter((l) => !/^(disable|set) /.test(l) && !/\\$|^ {4}/.test(l));
  editAndCompare(addsOnly, 2223, 25, 350);
});
