// Unit tests of the configuration diff on fixtures: each of the four kinds (add, change, remove,
// unchanged), settings menus, commands whose effect cannot be known, and the JSON shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyDiffToExport, diffConfig, formatConfigDiff } from './config-diff';

const fixtures = join(__dirname, '../../../test/fixtures/diff');
const script = readFileSync(join(fixtures, 'script.rsc'), 'utf8');
const exportText = readFileSync(join(fixtures, 'router-export.rsc'), 'utf8');

test('the fixture diff has every kind, on the right lines, with the changed properties', () => {
  const d = diffConfig(script, exportText);
  const brief = d.changes.map((c) => [c.menu, c.kind, c.line, c.exportLine]);
  assert.deepEqual(brief, [
    ['/ip dns', 'change', 3, 4],
    ['/ip firewall address-list', 'unchanged', 5, 6],
    ['/ip firewall address-list', 'add', 6, undefined],
    ['/ip firewall address-list', 'remove', 7, 7],
    ['/ip firewall filter', 'unchanged', 9, 9],
    ['/ip firewall filter', 'change', 10, 10],
    ['/system identity', 'unchanged', 12, 12],
  ]);
  assert.deepEqual(d.changes[0].properties, [{ name: 'allow-remote-requests', from: 'no', to: 'yes' }]);
  assert.deepEqual(d.changes[5].properties, [{ name: 'in-interface', from: 'ether1', to: 'ether2' }]);
  assert.deepEqual(d.unresolved, []);
});

test('an entry added and removed by the script itself changes nothing; enable/disable change "disabled"', () => {
  const d = diffConfig(
    '/ip firewall filter\nadd chain=forward action=drop comment=tmp\nremove [find comment=tmp]\ndisable [find comment="drop the rest"]\n',
    exportText,
  );
  assert.deepEqual(
    d.changes.map((c) => [c.kind, c.line, c.properties]),
    [['change', 4, [{ name: 'disabled', from: 'no', to: 'yes' }]]],
  );
});

test('a target computed at run time is listed as unresolved, never guessed', () => {
  const d = diffConfig(':local c "x"\n/ip firewall filter\nset [find comment=$c] disabled=yes\n', exportText);
  assert.equal(d.changes.length, 0);
  assert.equal(d.unresolved.length, 1);
  assert.equal(d.unresolved[0].line, 3);
});

test("a script starting with a bare command does not inherit the export's last menu", () => {
  const d = diffConfig('add name=x\n', exportText);
  assert.ok(d.changes.every((c) => c.menu !== '/system identity'));
});

test('broken input never throws', () => {
  for (const [a, b] of [
    ['/ip firewall filter\nadd chain="unterminated\n', exportText],
    [script, '/ip firewall filter\nadd chain={\n'],
    ['', ''],
  ]) {
    assert.doesNotThrow(() => formatConfigDiff(diffConfig(a, b), 'x.rsc'));
  }
});

test('the text form marks each kind and counts them', () => {
  const t = formatConfigDiff(diffConfig(script, exportText), 'script.rsc');
  assert.match(t, /^\/ip dns\n {2}~ script\.rsc:3 change \(settings\): allow-remote-requests no -> yes$/m);
  assert.match(t, /^ {2}\+ script\.rsc:6 add address=192\.0\.2\.10 list=admins$/m);
  assert.match(t, /^ {2}- script\.rsc:7 remove address=203\.0\.113\.7 list=blocked$/m);
  assert.match(t, /^ {2}= script\.rsc:5 unchanged address=10\.0\.0\.0\/8 list=lan$/m);
  assert.match(t, /^1 to add, 2 to change, 1 to remove, 3 unchanged$/m);
});

test('the export after the script (for the diff view): removed, changed and added entries', () => {
  const after = applyDiffToExport(exportText, script, diffConfig(script, exportText));
  assert.match(after, /^set allow-remote-requests=yes servers=1\.1\.1\.1$/m);
  assert.doesNotMatch(after, /203\.0\.113\.7/);
  assert.match(
    after,
    /^add address=10\.0\.0\.0\/8 list=lan\nadd address=192\.0\.2\.10 list=admins\n\/ip firewall filter$/m,
  );
  assert.match(after, /^add action=drop chain=input comment="drop the rest" in-interface=ether2$/m);
  assert.match(after, /^set name=old-router$/m);
});

test('lines end where rsc lint ends them: a lone \\r in the script, \\r\\n in the export', () => {
  const exp =
    '/ip firewall filter\r\nadd chain=input action=accept comment=a\r\nadd chain=forward action=drop comment=b\r\n';
  // A lone \r ends a line for RouterOS (and for LineIndex): the remove is on line 3.
  const scr = '/ip firewall filter\r\nset [find comment=a] action=drop log=yes\rremove [find comment=b]\r';
  const d = diffConfig(scr, exp);
  assert.deepEqual(
    d.changes.map((c) => [c.kind, c.line, c.exportLine]),
    [
      ['change', 2, 2],
      ['remove', 3, 3],
    ],
  );
  // The changed export line keeps its line end after the added property, and the whole export its \r\n.
  assert.equal(
    applyDiffToExport(exp, scr, d),
    '/ip firewall filter\r\nadd chain=input action=drop comment=a log=yes\r\n',
  );
});
