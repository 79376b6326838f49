// Tests for RSC2001 (unknown menu or command): what is reported, where, how severe, and the suggestion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './unknown-command';
import { pipeline, ruleTester } from '../support/rule-testing';
import type { Diagnostic } from '../types';

ruleTester(rule).run({
  valid: [
    // Known names, abbreviations, global commands and :log.
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
    {
      // `{` after an unknown command is RouterOS's syntax error; the parser reports it (RSC1004).
      name: 'does not repeat what the parser already reports as a syntax error',
      text: '/iox mqtt { add name=x }',
    },
    {
      name: 'leaves RouterOS 6 names the overlay knows to RSC5001',
      text: '/ip route rule add action=lookup table=x',
    },
  ],
  invalid: [
    {
      name: 'an unknown name; the closest name is a (non-safe) fix',
      text: '/ip firewll mangle add chain=forward',
      errors: [
        {
          at: 'firewll',
          severity: 'warning',
          message: /did you mean `firewall`/i,
          safe: false,
          fix: '/ip firewall mangle add chain=forward',
        },
      ],
    },
    {
      text: '/ip firewall filter addd chain=forward',
      errors: [{ at: 'addd', severity: 'warning', fix: true }],
    },
    {
      text: '/ip firewall filter\naddd chain=forward',
      errors: [{ at: 'addd', severity: 'warning', fix: true }],
    },
    {
      name: 'a board-only menu: says what it needs instead of calling it a typo',
      text: '/system routerboard settings set auto-upgrade=yes',
      errors: [{ at: 'routerboard', severity: 'information', message: /RouterBOARD/ }],
    },
    {
      text: '/system routerbaord settings set auto-upgrade=yes',
      errors: [{ at: 'routerbaord', severity: 'warning' }],
    },
    { text: '/ip firewall filter re 1', errors: [{ at: 're', nth: 1, severity: 'warning' }] },
    {
      text: '/ip firewall connections print',
      errors: [{ at: 'connections', severity: 'warning', fix: true }],
    },
    {
      name: 'reports a menu-like unknown line once, not every command after it',
      text: '/ip firewll mangle\nadd chain=forward\nadd chain=input',
      errors: [{ at: 'firewll', severity: 'warning', fix: true }],
    },
    {
      name: 'is information only when the target is RouterOS 6',
      text: '/ip firewll mangle add chain=forward',
      options: { target: '6' },
      errors: [{ at: 'firewll', severity: 'information', fix: true }],
    },
  ],
});

/** What the user sees, as `code:severity:covered text`. */
const shown = (t: string): string[] =>
  pipeline(t).map((d) => `${d.code}:${d.severity}:${t.slice(d.start, d.end)}`);
const serious = (ds: readonly Diagnostic[]): Diagnostic[] =>
  ds.filter((d) => d.severity === 'error' || d.severity === 'warning');

test('RSC2001 treats RouterBOARD-only menus as menus the tree lacks: information, never a syntax error', () => {
  for (const text of [
    ':if ([ /system/routerboard/settings/get silent-boot ] = false) do={ :put 1 }',
    ':if ([ /system routerboard settings get silent-boot ] = false) do={ :put 1 }',
    '/interface/ethernet/switch/port/set ether1 vlan-mode=secure',
    '/system health settings set fan-mode=auto',
    '/system routerboard upgrade',
  ]) {
    const all = pipeline(text);
    assert.deepEqual(serious(all), [], text);
    assert.ok(
      all.some((d) => d.code === 'RSC2001' && d.severity === 'information'),
      text,
    );
  }
});

test('RSC2001 reads an absolute menu-shaped line with an unknown word as a menu the tree lacks (issue 18, item 4)', () => {
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

test('RSC2001: no line after a board menu line is checked against the menu before it', () => {
  assert.deepEqual(
    shown('/system note\nset show-at-login=yes\n/system routerboard settings\nset auto-upgrade=yes\n'),
    ['RSC2001:information:routerboard'],
  );
  // The near miss: a real /system note parameter after /system note is still checked.
  assert.deepEqual(shown('/system note\nset auto-upgrade=yes\n'), ['RSC2002:error:auto-upgrade']);
});

test('RSC2001 keeps an unknown menu that is not a board menu a warning (the parse accepts it, the run fails)', () => {
  assert.deepEqual(shown('/system routerbaord settings\n'), ['RSC2001:warning:routerbaord']);
});

test('RSC2001 leaves `{` after an unknown command to the parser (RSC1004)', () => {
  assert.deepEqual(
    pipeline('/iox mqtt { add name=x }').map((d) => d.code),
    ['RSC1004'],
  );
});
