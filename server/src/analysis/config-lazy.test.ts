// The lazy replay (a table is replayed when first read) must give exactly the tables, items and external
// edits of replaying every command as the walk meets it, on every fixture and example; and tables nobody
// reads must cost nothing (counted by isReplayed, never by time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../syntax';
import { runRules } from '../lint';
import { schemaOracle } from '../lint/oracle';
import { rules } from '../lint/registry';
import { buildConfig, type ConfigModel, type Prop } from './config';
import { buildFirewallModel, firewallModel } from './firewall';

const root = join(__dirname, '../../..');

function rscFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...rscFiles(p));
    else if (name.endsWith('.rsc')) out.push(p);
  }
  return out;
}

const propView = (p: Prop): unknown[] => [
  p.name,
  p.value.computed ? '$' : `${p.value.negated ? '!' : ''}${p.value.text}`,
  p.value.start,
  p.value.end,
  p.arg.start,
  p.arg.end,
  p.command.start,
];

/** Everything a reader can see of a config model, as plain data (commands by their offsets). */
function view(m: ConfigModel): unknown {
  const tables = [...m.tables.keys()].map((key) => {
    const t = m.tables.get(key);
    assert.ok(t);
    const item = (it: (typeof t.created)[number]): unknown => [
      it.seq,
      it.table,
      it.command.start,
      it.conditional,
      it.placement,
      it.edits.map((e) => e.start),
      it.removedBy?.start,
      [...it.props.values()].map(propView),
    ];
    return [key, t.key, t.items.map(item), t.created.map(item)];
  });
  const external = m.external.map((e) => [e.table, e.command.start, e.verb, e.reason]);
  return { tables, external };
}

const files = [...rscFiles(join(root, 'test/fixtures')), ...rscFiles(join(root, 'examples'))];

test('there are fixtures and examples to compare on', () => {
  assert.ok(files.length >= 3, `found ${files.length} files`);
});

test('lazy replay equals eager replay on every fixture and example', () => {
  let compared = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const withOracle of [true, false]) {
      const p = parse(text, withOracle ? { commandOracle: schemaOracle } : {});
      const eager = view(buildConfig(p, text, { eager: true }));
      // Read in two orders: the last table first, then everything (iteration order must not change).
      const lazy = buildConfig(p, text);
      const keys = [...lazy.tables.keys()];
      if (keys.length > 0) lazy.tables.get(keys[keys.length - 1]);
      assert.deepEqual(view(lazy), eager, file);
      // Only the line layout (firewallModel without the text): the same tables.
      const shaped = firewallModel(p).config;
      assert.deepEqual([...shaped.tables.keys()], keys, `${file}: the shape-only walk finds the same tables`);
      compared++;
    }
  }
  assert.ok(compared > 0);
});

test('lazy replay equals eager replay with interleaved tables, nested commands and external edits', () => {
  const text = `/ip firewall address-list
add list=a address=1.1.1.1 comment=x
/ip firewall mangle
add chain=forward action=mark-packet new-packet-mark=p comment=m1
:if ([/ip firewall address-list find comment=x] != "") do={
  /ip firewall address-list set [find comment=x] list=b
  /ip firewall mangle add chain=forward comment=m2 place-before=[find comment=m1]
}
/queue tree add name=q packet-mark=p
/ip firewall mangle set *1A passthrough=no
/ip firewall address-list remove 7
/ip firewall mangle move 1 0
`;
  const p = parse(text, { commandOracle: schemaOracle });
  const eager = buildConfig(p, text, { eager: true });
  const lazy = buildConfig(p, text);
  assert.deepEqual(view(lazy), view(eager));
  // Creation numbers run across tables in file order.
  assert.deepEqual(
    lazy.tables.get('ip firewall mangle')?.created.map((i) => i.seq),
    [1, 2],
  );
  assert.deepEqual(
    eager.external.map((e) => e.table),
    ['ip firewall mangle', 'ip firewall address-list'],
  );
  assert.deepEqual(
    lazy.externalIn('ip firewall address-list').map((e) => e.verb),
    ['remove'],
  );
  assert.equal(lazy.work, eager.work);
});

test('a big address list is not replayed unless its entries are read', () => {
  const lines = ['/ip firewall address-list'];
  for (let i = 0; i < 2000; i++) lines.push(`add list=block address=10.0.${i >> 8}.${i & 255}`);
  lines.push('/ip firewall filter', 'add chain=input action=drop protocol=tcp dst-port=23');
  lines.push('/ip firewall mangle', 'add chain=forward action=mark-packet new-packet-mark=p passthrough=no');
  const text = lines.join('\n');
  const m = buildFirewallModel(parse(text, { commandOracle: schemaOracle }), text);
  const L = 'ip firewall address-list';
  assert.ok(m.config.tables.has(L));
  assert.equal(m.config.isReplayed(L), false);
  // What the rules that ignore list contents read: rules, chains, marks, queues, list uses, layer 7.
  assert.equal(m.rules.length, 2);
  assert.equal(m.chain('ip', 'filter', 'input').length, 1);
  assert.equal(m.markSets.length, 1);
  assert.equal(m.listUses.length, 0);
  assert.equal(m.queues.length, 0);
  assert.equal(m.layer7.length, 0);
  assert.equal(m.config.externalIn('ip firewall layer7-protocol').length, 0);
  assert.equal(m.config.isReplayed(L), false);
  assert.equal(m.config.isReplayed('ip firewall filter'), true);
  // The fills need the entries: now, and only now, the list is replayed.
  assert.equal(m.fillsOf('ip', 'block').length, 2000);
  assert.equal(m.config.isReplayed(L), true);
});

test('the lazily built firewall model reads the same as its parts built in another order', () => {
  const text = readFileSync(join(root, 'test/fixtures/flow/home-office-qos.rsc'), 'utf8');
  const p = parse(text, { commandOracle: schemaOracle });
  const a = buildFirewallModel(p, text);
  const b = buildFirewallModel(p, text);
  // b: fills and marks before the rules.
  const fillsB = b.listFills.map((f) => [f.family, f.list, f.how, f.line]);
  const usesB = b.markUses.map((u) => [u.kind, u.name, u.negated, b.refLine(u)]);
  assert.deepEqual(
    a.rules.map((r) => [r.family, r.table, r.chain, r.index, r.line, r.action]),
    b.rules.map((r) => [r.family, r.table, r.chain, r.index, r.line, r.action]),
  );
  assert.deepEqual(
    a.markUses.map((u) => [u.kind, u.name, u.negated, a.refLine(u)]),
    usesB,
  );
  assert.deepEqual(
    a.listFills.map((f) => [f.family, f.list, f.how, f.line]),
    fillsB,
  );
  assert.ok(a.rules.length > 0 && a.markUses.length > 0);
});

test('running every lint rule does not replay an address list that no rule needs', () => {
  const lines = ['/ip firewall address-list'];
  for (let i = 0; i < 500; i++)
    lines.push(`add list=feed address=10.1.${i >> 8}.${i & 255} comment="entry ${i}"`);
  lines.push('/ip firewall filter', 'add chain=input action=drop protocol=tcp dst-port=23');
  const text = lines.join('\n');
  const p = parse(text, { commandOracle: schemaOracle });
  runRules(p, text, rules);
  const m = firewallModel(p, text);
  assert.ok(m.rules.length === 1, 'the flow rules built the model');
  assert.equal(m.config.isReplayed('ip firewall address-list'), false);
  // With a rule that matches a list, the list's fills are needed (RSC4008) and the table is replayed.
  const used = `${text}\nadd chain=forward action=drop src-address-list=feed`;
  const q = parse(used, { commandOracle: schemaOracle });
  runRules(q, used, rules);
  assert.equal(firewallModel(q, used).config.isReplayed('ip firewall address-list'), true);
});
