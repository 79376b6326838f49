// Tests for RSC2008 (an `add` without an argument RouterOS requires): a sample of menus from the probe data
// on both sides (exact and custom answers), where values come from elsewhere, target versions, the snippet
// fix applied and linted again, and silence where the data has nothing to say.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, findings, ruleTester, spans } from '../support/rule-testing';
import type { LintOptions } from '../types';
import { rule } from './missing-required-argument';

/** RSC2008 findings as `severity:text the finding covers`. */
const found = (text: string, options: LintOptions = {}): string[] =>
  spans(text, findings(rule, text, options));

const one = (text: string, options: LintOptions = {}) => {
  const ds = findings(rule, text, options);
  assert.equal(ds.length, 1, `one RSC2008 on ${JSON.stringify(text)}`);
  return ds[0];
};

const t722 = { target: '7.22' };

/** The range of the command word `add` (not the `add` inside `address`). */
const addOf = (text: string): [number, number] => {
  const at = (/ add(?= |$)/.exec(text)?.index ?? -2) + 1;
  return [at, at + 3];
};

/** Menus whose bare `add` RouterOS 7.22.1 refused with "missing value(s) of argument(s) …". */
const EXACT: readonly { missing: string; complete: string; args: string }[] = [
  {
    missing: '/ip firewall mangle add action=accept protocol=udp',
    complete: '/ip firewall mangle add chain=prerouting action=accept protocol=udp',
    args: 'chain',
  },
  {
    missing: '/queue tree add name=q max-limit=10M',
    complete: '/queue tree add name=q parent=global',
    args: 'parent',
  },
  {
    missing: '/interface bridge host add bridge=br1',
    complete: '/interface bridge host add bridge=br1 interface=ether2 mac-address=00:11:22:33:44:55',
    args: 'mac-address interface',
  },
  {
    missing: '/ip address add address=192.0.2.1/24',
    complete: '/ip address add address=192.0.2.1/24 interface=ether1',
    args: 'interface',
  },
  {
    missing: '/user add name=ops group=full',
    complete: '/user add name=ops group=full password=secret',
    args: 'password',
  },
  {
    missing: '/routing bgp connection add name=peer1 instance=default',
    complete: '/routing bgp connection add name=peer1 instance=default local.role=ebgp',
    args: 'local.role',
  },
  {
    missing: '/system scheduler add interval=1h',
    complete: '/system scheduler add name=s interval=1h',
    args: 'name',
  },
];

/** Menus where RouterOS answered in its own words: the names are candidates only. */
const CUSTOM: readonly { missing: string; complete: string; quote: RegExp }[] = [
  {
    missing: '/interface wifi add configuration=cfg1',
    complete: '/interface wifi add radio-mac=00:11:22:33:44:55 configuration=cfg1',
    quote: /"failure: must specify exactly one of radio-mac, master-interface or mld-name"/,
  },
  {
    missing: '/ip dhcp-server lease add address=192.0.2.10',
    complete: '/ip dhcp-server lease add address=192.0.2.10 mac-address=00:11:22:33:44:55',
    quote: /"failure: mac-address or client-id or agent-remote-id or agent-circuit-id must be present"/,
  },
  {
    missing: '/ip dns static add address=192.0.2.1',
    complete: '/ip dns static add name=host.lan address=192.0.2.1',
    quote: /"failure: name or regexp required"/,
  },
];

// An exactly required argument is a warning on the add, with a fix; a custom answer is information quoting
// RouterOS, without a fix, and only when no candidate is written.
ruleTester(rule).run({
  valid: [...EXACT, ...CUSTOM].map((c) => ({ text: c.complete, options: t722 })),
  invalid: [
    ...EXACT.map((c) => ({
      text: c.missing,
      options: t722,
      errors: [
        {
          at: addOf(c.missing),
          severity: 'warning' as const,
          message: [/"Script Error: missing value\(s\) of argument\(s\) [a-z. -]+"/, /RouterOS 7\.22\.1/],
          fix: true as const,
        },
      ],
    })),
    ...CUSTOM.map((c) => ({
      text: c.missing,
      options: t722,
      errors: [{ at: addOf(c.missing), severity: 'information' as const, message: c.quote }],
    })),
  ],
});

describe('RSC2008 missing-required-argument', () => {
  it("names the missing arguments in RouterOS's order and quotes its message", () => {
    for (const c of EXACT) {
      const d = one(c.missing, { target: '7.22' });
      const named = [
        ...d.message
          .split('\n')[0]
          .split(' which ')[0]
          .matchAll(/`([a-z.-]+)=`/g),
      ].map((m) => m[1]);
      assert.equal(named.join(' '), c.args, c.missing);
      assert.equal(d.message.split('\n').length, 2);
    }
  });

  it('reports the add of a menu line and of a block', () => {
    assert.deepEqual(found('/ip firewall filter\nadd action=drop\n'), ['warning:add']);
    assert.deepEqual(found('/ip firewall filter {\n  add action=drop\n}\n'), ['warning:add']);
    assert.deepEqual(found(':if (true) do={ /ip firewall nat add action=masquerade }'), ['warning:add']);
  });

  it('counts abbreviated names, also ambiguous ones, as given', () => {
    assert.deepEqual(found('/ip firewall filter add cha=input'), []);
    // A full name is not an abbreviation of a longer one: `prefix=` does not give `prefix-length=`.
    const pool = '/ipv6 pool add name=p prefix=2001:db8::/48';
    assert.deepEqual(found(pool, { target: '7.22' }), ['warning:add']);
    assert.match(one(pool, { target: '7.22' }).message, /lacks `prefix-length=`,/);
    assert.deepEqual(found(`${pool} prefix-len=64`, { target: '7.22' }), []);
    assert.deepEqual(found('/ip firewall filter ad action=drop'), ['warning:ad']);
  });

  it('is silent when values may come from elsewhere', () => {
    for (const text of [
      '/ip firewall filter add copy-from=0 action=drop',
      '/ip firewall filter add copy-from=[find comment=x]',
      '/ip firewall filter add copy=0',
      ':local a "chain=forward"; /ip firewall filter add $a',
      '/ip firewall filter add [:toarray ""]',
      '/ip firewall filter add "chain=forward"',
      '/ip firewall filter add forward',
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it('counts a computed value or an empty one as given', () => {
    assert.deepEqual(found(':local c forward; /ip firewall filter add chain=$c'), []);
    assert.deepEqual(found('/ip firewall filter add chain=[:pick "forward" 0 7]'), []);
    assert.deepEqual(found('/ip firewall filter add chain=""'), []);
  });

  it('is silent for menus the data does not cover, menus that need nothing, and other commands', () => {
    assert.deepEqual(found('/interface wireless add'), []);
    assert.deepEqual(found('/container add'), []);
    assert.deepEqual(found('/interface bridge add'), []);
    assert.deepEqual(found('/system script add source=""'), []);
    assert.deepEqual(found('/ip firewall filter set 0 action=drop'), []);
    assert.deepEqual(found('/ip firewall filter print'), []);
  });

  it('answers each target from the nearest probed version', () => {
    const text = '/routing bgp connection add name=p instance=default local.role=ebgp';
    // RouterOS 7.20.8 also required remote.address; 7.22.1 and 7.23rc1 do not.
    assert.deepEqual(found(text, { target: '7.20' }), ['warning:add']);
    assert.match(
      one(text, { target: '7.20' }).message,
      /`remote\.address=`[\s\S]*RouterOS 7\.20\.8[\s\S]*7\.9–7\.20/,
    );
    assert.deepEqual(found(text, { target: '7.21' }), []);
    assert.deepEqual(found(text, { target: '7.22' }), []);
    assert.deepEqual(found(text, { target: 'latest' }), []);
    // 7.23rc1 added ciphers= to /interface macsec profile.
    assert.deepEqual(found('/interface macsec profile add name=p', { target: '7.22' }), []);
    assert.deepEqual(found('/interface macsec profile add name=p', { target: '7.24' }), ['warning:add']);
    assert.match(one('/interface macsec profile add name=p').message, /RouterOS 7\.23rc1[\s\S]*7\.23–7\.24/);
  });

  it('is silent for RouterOS 6', () => {
    assert.deepEqual(found('/ip firewall filter add action=drop', { target: '6' }), []);
  });

  it('stays quiet on a line with a syntax error', () => {
    assert.deepEqual(found('/ip firewall filter add action=drop (]'), []);
  });

  it('fixes by inserting the missing names after the last argument, with a snippet of tab stops', () => {
    const text = '/interface bridge host add bridge=br1 comment=x\n';
    const d = one(text, { target: '7.22' });
    assert.ok(d.fix);
    assert.equal(d.fix.safe, false);
    assert.deepEqual(d.fix.edits, [
      { start: 47, end: 47, newText: ' mac-address= interface=', snippet: ' mac-address=$1 interface=$2' },
    ]);
    const fixed = applyFix(text, d.fix);
    assert.equal(fixed, '/interface bridge host add bridge=br1 comment=x mac-address= interface=\n');
    assert.deepEqual(found(fixed, { target: '7.22' }), []);
    // With no argument at all, the names go right after `add`.
    const bare = '/ip firewall filter add\n';
    const f = one(bare).fix;
    assert.ok(f);
    assert.equal(applyFix(bare, f), '/ip firewall filter add chain=\n');
    // A plain list of names becomes a snippet choice; other values get an empty tab stop.
    assert.equal(f.edits[0].snippet, ' chain=${1|input,forward,output|}');
    const mangle = one('/ip firewall mangle add action=accept').fix;
    assert.equal(mangle?.edits[0].snippet, ' chain=${1|prerouting,input,forward,output,postrouting|}');
  });
});
