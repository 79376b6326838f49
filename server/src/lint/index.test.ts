// lintText drops the per-parse models only its rules read (to keep an editor's memory down); whatever
// reads them afterwards must get the same answers as from a fresh build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFirewallModel, firewallModel } from '../analysis/firewall';
import { hasScopeModel } from '../analysis/scopes';
import { LintMemo, lintParsed, lintText, parseOptions } from './index';
import { parse, reparse } from '../syntax';
import { hasSchemaView, schemaView } from './support/schema-resolve';

const script = `/ip firewall mangle
add chain=forward action=mark-connection new-connection-mark=voip passthrough=yes
add chain=forward action=mark-packet connection-mark=voip new-packet-mark=voip-p passthrough=no
add chain=forward action=mark-packet connection-mark=vpn new-packet-mark=x passthrough=no
/ip firewall address-list
add list=blocked address=10.0.0.1
set [find list=blocked] comment="seen"
/queue tree
add name=q parent=global packet-mark=voip-p
`;

test('the firewall model is rebuilt on demand after lint, equal to a fresh one', () => {
  const r = lintText(script);
  assert.ok(
    r.diagnostics.some((d) => d.code === 'RSC4004'),
    'the mark rule ran',
  );
  const again = firewallModel(r.parse, script);
  const fresh = buildFirewallModel(r.parse, script);
  assert.equal(again.rules.length, fresh.rules.length);
  assert.deepEqual(
    again.markUses.map((u) => [u.kind, u.name]),
    fresh.markUses.map((u) => [u.kind, u.name]),
  );
  // The `set [find ...]` reached the item through the (lazily built) property index.
  const list = again.config.tables.get('ip firewall address-list');
  assert.equal(list?.items[0].props.get('comment')?.value.computed, false);
  assert.equal(list?.items[0].edits.length, 1);
});

test('the schema view is recomputed after lint and resolves the same commands', () => {
  const r = lintText(script);
  const view = schemaView(r.parse);
  // Five `add`, the `set` and the `find` inside its brackets.
  assert.equal(view.commands.length, 7);
  assert.ok(view.commands.every((c) => c.name.node !== undefined));
  assert.equal(schemaView(r.parse), view, 'cached again once computed');
});

test('linting twice gives the same diagnostics', () => {
  assert.deepEqual(lintText(script).diagnostics, lintText(script).diagnostics);
});

test('one cause, one error: no rule reports on the part of a statement after its syntax error', () => {
  // `:put $x` alone gives RSC2005; after the `@` it is recovery's text, and only the syntax error stays.
  const broken = lintText(':put @ $x\n').diagnostics.map((d) => d.code);
  assert.deepEqual(broken, ['RSC1004']);
  // Before the error, and in the next statement, rules still report.
  const codes = lintText(':put $x @\n:put $y\n').diagnostics.map((d) => `${d.code}@${d.start}`);
  assert.deepEqual(codes, ['RSC2005@6', 'RSC1004@8', 'RSC2005@16']);
});

test('without a memo, betweenModels runs once, after the schema view is dropped and before the scope model is built', () => {
  const text = `${script}:local unused 1\n:put $undeclared\n`;
  const parsed = parse(text, parseOptions());
  const seen: { view: boolean; scopes: boolean }[] = [];
  const r = lintParsed(parsed, text, {}, undefined, {
    betweenModels: () =>
      seen.push({
        view: hasSchemaView(parsed),
        scopes: hasScopeModel(parsed.root),
      }),
  });
  assert.deepEqual(seen, [{ view: false, scopes: false }]);
  assert.ok(
    r.diagnostics.some((d) => d.code === 'RSC2005'),
    'the variable rules ran after it',
  );
  assert.ok(!hasScopeModel(parsed.root), 'and their model was dropped when they were done');
  // The same findings as a lint with no hook, and as the memoised lint the editor runs.
  const codes = (ds: { code: string; start: number }[]) => ds.map((d) => `${d.code}@${d.start}`);
  assert.deepEqual(codes(r.diagnostics), codes(lintText(text).diagnostics));
  assert.deepEqual(
    codes(r.diagnostics),
    codes(lintParsed(parse(text, parseOptions()), text, {}, new LintMemo()).diagnostics),
  );
  assert.ok(codes(r.diagnostics).some((c) => c.startsWith('RSC2006')));
  assert.ok(codes(r.diagnostics).some((c) => c.startsWith('RSC2005')));
});

test('with a memo, betweenModels is not called (the editor keeps its models)', () => {
  let calls = 0;
  lintParsed(parse(script, parseOptions()), script, {}, new LintMemo(), { betweenModels: () => calls++ });
  assert.equal(calls, 0);
});

test('a memoised lint after an edit keeps a RouterOS 6 note once per file, as a fresh lint does', () => {
  const options = { target: '6' };
  const before =
    '/ip route add routing-mark=a gateway=1.1.1.1\n/ip route add routing-mark=b gateway=1.1.1.2\n';
  const after = before.replace('1.1.1.2', '1.1.1.3');
  const memo = new LintMemo();
  const first = parse(before, parseOptions(options));
  lintParsed(first, before, options, memo);
  const edited = lintParsed(reparse(first, before, after, parseOptions(options)), after, options, memo);
  const notes = (ds: readonly { code: string; start: number }[]) =>
    ds.filter((d) => d.code === 'RSC5001').map((d) => d.start);
  assert.deepEqual(notes(edited.diagnostics), notes(lintText(after, options).diagnostics));
  assert.equal(notes(edited.diagnostics).length, 1);
});
