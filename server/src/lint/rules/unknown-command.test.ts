// Tests for RSC2001 (unknown menu or command): what is reported, where, how severe, and the suggestion.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, found, lintSchema } from '../support/schema-testing';

const CODE = 'RSC2001';

describe('RSC2001 unknown-command', () => {
  it('reports unknown names with the closest name as a suggestion', () => {
    const cases: [string, string[]][] = [
      ['/ip firewll mangle add chain=forward', ['warning:firewll']],
      ['/ip firewall filter addd chain=forward', ['warning:addd']],
      ['/ip firewall filter\naddd chain=forward', ['warning:addd']],
      ['/system routerboard settings set auto-upgrade=yes', ['information:routerboard']],
      ['/system routerbaord settings set auto-upgrade=yes', ['warning:routerbaord']],
      ['/ip firewall filter re 1', ['warning:re']],
      ['/ip firewall connections print', ['warning:connections']],
    ];
    for (const [text, want] of cases) assert.deepEqual(found(text, CODE), want, text);
  });

  it('offers the closest name as a (non-safe) fix', () => {
    const text = '/ip firewll mangle add chain=forward';
    const d = lintSchema(text).find((x) => x.code === CODE);
    assert.ok(d?.fix);
    assert.equal(d.fix.safe, false);
    assert.equal(applyFix(text, d.fix), '/ip firewall mangle add chain=forward');
    assert.match(d.message, /did you mean `firewall`/i);
  });

  it('says what a board-only menu needs instead of calling it a typo', () => {
    const d = lintSchema('/system routerboard settings set auto-upgrade=yes').find((x) => x.code === CODE);
    assert.ok(d);
    assert.match(d.message, /RouterBOARD/);
    assert.equal(d.fix, undefined);
  });

  it('treats RouterBOARD-only menus as menus the tree lacks: information, never a syntax error', () => {
    for (const text of [
      ':if ([ /system/routerboard/settings/get silent-boot ] = false) do={ :put 1 }',
      ':if ([ /system routerboard settings get silent-boot ] = false) do={ :put 1 }',
      '/interface/ethernet/switch/port/set ether1 vlan-mode=secure',
      '/system health settings set fan-mode=auto',
      '/system routerboard upgrade',
    ]) {
      const all = lintSchema(text);
      assert.deepEqual(
        all.filter((d) => d.severity === 'error' || d.severity === 'warning'),
        [],
        text,
      );
      assert.ok(
        all.some((d) => d.code === CODE && d.severity === 'information'),
        text,
      );
    }
  });

  it('reads an absolute menu-shaped line with an unknown word as a menu the tree lacks (issue 18, item 4)', () => {
    const shown = (t: string): string[] =>
      lintSchema(t).map((d) => `${d.code}:${d.severity}:${t.slice(d.start, d.end)}`);
    // Any unknown menu, not only the listed board menus: its lines are never checked against /system note.
    for (const text of [
      '/system note\nset show-at-login=yes\n/system routerbaord settings\nset auto-upgrade=yes\n',
      '/system note\n/interface foo\nset bar=1\n',
      '/system note\n/interface foo bar \\\n    baz\nset x=1\n',
    ])
      assert.deepEqual(shown(text).length, 1, text);
    // Near misses: with `=` or a value the unknown word is the command RouterOS runs (the menu stays), and
    // a relative path keeps today's reading.
    assert.deepEqual(shown('/system note\n/system routerbaord settings=1\nset auto-upgrade=yes\n'), [
      'RSC2001:warning:routerbaord',
      'RSC2002:error:auto-upgrade',
    ]);
    assert.deepEqual(
      shown('/system note\nroutrebaord settings\nset auto-upgrade=yes\n').at(-1),
      'RSC2002:error:auto-upgrade',
    );
  });

  it('checks no line after a board menu line against the menu before it', () => {
    const text = '/system note\nset show-at-login=yes\n/system routerboard settings\nset auto-upgrade=yes\n';
    assert.deepEqual(
      lintSchema(text).map((d) => `${d.code}:${d.severity}:${text.slice(d.start, d.end)}`),
      ['RSC2001:information:routerboard'],
    );
    // The near miss: a real /system note parameter after /system note is still checked.
    const bad = '/system note\nset auto-upgrade=yes\n';
    assert.deepEqual(
      lintSchema(bad).map((d) => `${d.code}:${bad.slice(d.start, d.end)}`),
      ['RSC2002:auto-upgrade'],
    );
  });

  it('keeps an unknown menu that is not a board menu a warning (the parse accepts it, the run fails)', () => {
    const text = '/system routerbaord settings\n';
    assert.deepEqual(
      lintSchema(text).map((d) => `${d.code}:${d.severity}:${text.slice(d.start, d.end)}`),
      ['RSC2001:warning:routerbaord'],
    );
  });

  it('accepts known names, abbreviations, global commands and :log', () => {
    for (const text of [
      '/ip firewall filter add chain=forward action=accept',
      '/ip fire filter print',
      '/sys script print',
      ':put "x"',
      '/ip address\nprint',
      ':log info "x"',
      '/ip firewall address-list\n:log info "x"',
      '/interface wireless set wlan1 ssid=x',
      '$f 1',
      '/ip address { add address=10.0.0.1/24 interface=ether1 }',
    ])
      assert.deepEqual(found(text, CODE), [], text);
  });

  it('reports a menu-like unknown line once, not every command after it', () => {
    assert.deepEqual(found('/ip firewll mangle\nadd chain=forward\nadd chain=input', CODE), [
      'warning:firewll',
    ]);
  });

  it('does not repeat what the parser already reports as a syntax error', () => {
    // `{` after an unknown command is RouterOS's syntax error; the parser reports it (RSC1004).
    const ds = lintSchema('/iox mqtt { add name=x }');
    assert.ok(ds.some((d) => d.code === 'RSC1004'));
    assert.ok(!ds.some((d) => d.code === CODE));
  });

  it('leaves RouterOS 6 names the overlay knows to RSC5001', () => {
    assert.deepEqual(found('/ip route rule add action=lookup table=x', CODE), []);
  });

  it('is information only when the target is RouterOS 6', () => {
    assert.deepEqual(found('/ip firewll mangle add chain=forward', CODE, { target: '6' }), [
      'information:firewll',
    ]);
  });
});
