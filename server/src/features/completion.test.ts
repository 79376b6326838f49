// Completion tests: a `|` marks the cursor in each snippet, including half-typed and broken lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../lint';
import { getCompletions, type CompletionItem } from './completion';

function complete(src: string, target?: string): { items: CompletionItem[]; text: string } {
  const offset = src.indexOf('|');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  return { items: getCompletions({ text, parse: lintText(text).parse }, offset, { target }), text };
}

const labels = (src: string): string[] => complete(src).items.map((i) => i.label);

describe('getCompletions', () => {
  it('offers argument names after a command, replacing the typed part', () => {
    const { items, text } = complete('/ip firewall mangle add ac|');
    const action = items.find((i) => i.label === 'action=');
    assert.ok(action);
    assert.equal(text.slice(action.replaceStart, action.replaceEnd), 'ac');
    assert.equal(action.insertText, 'action=');
    assert.match(action.detail ?? '', /one of/);
    assert.match(action.detail ?? '', /all versions/);
  });

  it('leaves out arguments already written', () => {
    const l = labels('/ip firewall filter add chain=forward |');
    assert.ok(!l.includes('chain='));
    assert.ok(l.includes('action='));
  });

  it('completes menus after a path, with abbreviations and slashes', () => {
    assert.ok(labels('/ip fire|').includes('firewall'));
    assert.ok(labels('/ip/fire|').includes('firewall'));
    assert.ok(labels('/ip fire mang|').includes('add') === false);
    assert.ok(labels('/ip fire |').includes('mangle'));
    const up = complete('/ip firewall ..|');
    assert.ok(up.items.some((i) => i.label === '..'));
  });

  it('completes commands of the current menu on a new line', () => {
    const l = labels('/ip firewall filter\n|');
    assert.ok(l.includes('add'));
    assert.ok(l.includes('print'));
  });

  it('completes enumerated values after =, and list items after a comma', () => {
    const { items, text } = complete('/ip firewall mangle add action=mark-c|');
    const mc = items.find((i) => i.label === 'mark-connection');
    assert.ok(mc);
    assert.equal(text.slice(mc.replaceStart, mc.replaceEnd), 'mark-c');
    const flags = complete('/ip firewall filter add tcp-flags=syn,!a|');
    const ack = flags.items.find((i) => i.label === 'ack');
    assert.ok(ack);
    assert.equal(flags.text.slice(ack.replaceStart, ack.replaceEnd), 'a');
  });

  it('offers names the file defines', () => {
    const l = labels('/ip firewall address-list add list=lan\n/ip firewall filter add src-address-list=!|');
    assert.deepEqual(l, ['lan']);
    const marks = labels(
      '/ip firewall mangle add action=mark-packet new-packet-mark=voip\n/queue tree add name=q packet-mark=|',
    );
    assert.ok(marks.includes('voip'));
  });

  it('completes global commands after a colon', () => {
    const { items, text } = complete(':fo|');
    const f = items.find((i) => i.label === 'for');
    assert.ok(f);
    assert.equal(text.slice(f.replaceStart, f.replaceEnd), 'fo');
    assert.ok(f.snippet);
  });

  it('completes variables in scope after $', () => {
    assert.deepEqual(labels(':local x 1; :put $|'), ['x']);
    assert.deepEqual(labels('{ :local a 1 }; :local b 2; :put "$b$|"'), ['b']);
    const inner = labels(':local out 1; :local f do={ :local mine 2; :put $m| }');
    assert.deepEqual(inner, ['mine']);
  });

  it('works inside code blocks and substitutions', () => {
    assert.ok(labels(':if (true) do={ /ip firewall filter add act|}').includes('action='));
    assert.ok(labels('/ip firewall filter\n:foreach r in=[f|]').includes('find'));
  });

  it('marks names missing from the target version', () => {
    // `/container` came with 7.x; in the oldest tree it may be absent. Check through a known case: the
    // latest target never marks anything that exists in the latest tree.
    const latest = complete('/ip firewall filter add |').items;
    assert.ok(latest.filter((i) => i.deprecated).every((i) => i.sortText.startsWith('9')));
    const old = complete('/ip firewall filter add |', '7.9').items;
    assert.ok(old.length > 0);
  });

  it('never throws on broken input', () => {
    for (const src of [
      '|',
      '"|',
      '/|',
      ':|',
      '$|',
      '[|',
      '{|',
      '/ip firewall filter add chain=|',
      'add x=[/a b=|',
      '/..|',
    ]) {
      complete(src);
    }
  });
});

describe('getCompletions: arguments add requires', () => {
  it('lists the required arguments of add first, marked as required, in RouterOS order', () => {
    const { items } = complete('/interface bridge host add |', '7.22');
    const sorted = [...items].sort((a, b) =>
      a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0,
    );
    assert.deepEqual(
      sorted.slice(0, 3).map((i) => i.label),
      ['mac-address=', 'interface=', 'bridge='],
    );
    for (const i of sorted.slice(0, 3)) {
      assert.match(i.detail ?? '', /^required · /);
      assert.match(i.documentation ?? '', /missing value\(s\) of argument\(s\) mac-address interface bridge/);
    }
    assert.ok(!/required/.test(sorted[3].detail ?? ''), JSON.stringify(sorted[3]));
  });

  it('drops a required argument once written, and marks nothing for set or unprobed menus', () => {
    const l = complete('/ip firewall filter add chain=forward |').items;
    assert.ok(!l.some((i) => i.label === 'chain='));
    assert.ok(!l.some((i) => /required/.test(i.detail ?? '')));
    const set = complete('/ip firewall filter set 0 |').items.find((i) => i.label === 'chain=');
    assert.ok(set && !/required/.test(set.detail ?? ''));
    assert.ok(!complete('/interface wireless add |').items.some((i) => /required/.test(i.detail ?? '')));
  });

  it('shows the names of a custom message as candidates with RouterOS words, after required ones', () => {
    const { items } = complete('/interface wifi add |', '7.22');
    const sorted = [...items].sort((a, b) =>
      a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0,
    );
    assert.deepEqual(
      sorted.slice(0, 3).map((i) => i.label),
      ['master-interface=', 'mld-name=', 'radio-mac='],
    );
    for (const i of sorted.slice(0, 3)) {
      assert.match(i.detail ?? '', /^candidate · /);
      assert.doesNotMatch(i.detail ?? '', /required/);
      assert.match(i.documentation ?? '', /"failure: must specify exactly one of radio-mac/);
    }
  });

  it('follows the target version', () => {
    const at = (target: string) =>
      complete('/routing bgp connection add name=p |', target)
        .items.filter((i) => /^required/.test(i.detail ?? ''))
        .map((i) => i.label)
        .sort();
    assert.deepEqual(at('7.20'), ['instance=', 'local.role=', 'remote.address=']);
    assert.deepEqual(at('7.22'), ['instance=', 'local.role=']);
  });
});
