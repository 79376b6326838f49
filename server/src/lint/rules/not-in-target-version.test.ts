// Tests for RSC5001 (not in the target version): added and removed names, values, renames, RouterOS 6.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './not-in-target-version';
import { findings, ruleTester } from '../support/rule-testing';
import { lintText } from '../index';

const t712 = { target: '7.12' };
const t6 = { target: '6' };
const mangle =
  '/ip firewall mangle\nadd chain=forward action=add-src-to-address-list address-list=x address-list-timeout=none-dynamic protocol=udp\n' +
  'add chain=forward action=mark-packet new-packet-mark=p passthrough=no\n';
const everywhere = '/ip firewall filter add chain=forward action=accept\n:ping 1.1.1.1 count=1';

ruleTester(rule).run({
  valid: [
    // Silent when everything exists in the target.
    ...['latest', '7.12', '7.9'].map((target) => ({
      name: `everything exists in ${target}`,
      text: everywhere,
      options: { target },
    })),
    {
      name: 'RouterOS 6: an address-list-timeout v6 has',
      text: mangle.replace('none-dynamic', '1h'),
      options: t6,
    },
    { name: 'RouterOS 7 has both address-list-timeout values', text: mangle },
    // The wireless package predates its x86 builds.
    { text: '/interface wireless set wlan1 ssid=x', options: t712 },
    { text: '/caps-man manager set enabled=yes', options: { target: '7.9' } },
  ],
  invalid: [
    // Menus, parameters and values newer than the target.
    {
      text: '/interface wifi add name=x',
      options: t712,
      errors: [{ at: 'wifi', severity: 'warning', message: /added in 7\.13; it is not in 7\.12/ }],
    },
    {
      text: '/interface wifi\nadd name=x\nprint',
      options: t712,
      errors: [{ at: 'wifi', severity: 'warning' }],
    },
    { text: '/ip dns set vrf=main', options: t712, errors: [{ at: 'vrf', severity: 'warning' }] },
    {
      text: '/interface ovpn-server server set auth=sha384',
      options: t712,
      errors: [{ at: 'sha384', severity: 'warning' }],
    },
    {
      name: 'names removed before the target, with the replacement',
      text: '/interface wifiwave2 print',
      errors: [{ at: 'wifiwave2', message: [/removed after 7\.12/, /\/interface wifi/] }],
    },
    {
      // RouterOS 7 rejects the unknown parameter when parsing, so this one is an error.
      name: 'a RouterOS 6 parameter in a RouterOS 7 script',
      text: '/ip route add gateway=10.0.0.1 routing-mark=isp2',
      errors: [{ at: 'routing-mark', severity: 'error' }],
    },
    {
      name: 'a RouterOS 6 menu in a RouterOS 7 script',
      text: '/ip route rule add action=lookup table=isp2',
      errors: [{ at: 'rule', severity: 'warning' }],
    },
    {
      name: 'RouterOS 6: the note on /ip route',
      text: '/ip route add gateway=10.0.0.1 routing-mark=isp2',
      options: t6,
      errors: [{ at: '/ip route', severity: 'information' }],
    },
    {
      name: 'RouterOS 6: a v7-only address-list-timeout value, and no mark-routing note on a plain mangle add',
      text: mangle,
      options: t6,
      errors: [{ at: 'none-dynamic', severity: 'warning' }],
    },
    {
      text: mangle.replace('none-dynamic', '"none-static"'),
      options: t6,
      errors: [{ at: '"none-static"', severity: 'warning' }],
    },
    {
      name: 'RouterOS 6: the routing-mark note stays where it belongs, on new-routing-mark',
      text: '/ip firewall mangle add chain=prerouting action=mark-routing new-routing-mark=isp2',
      options: t6,
      errors: [{ at: 'new-routing-mark', severity: 'information' }],
    },
    {
      name: 'information only for RouterOS 6',
      text: '/interface wifi add name=x',
      options: t6,
      errors: [{ at: 'wifi', severity: 'information' }],
    },
  ],
});

test('RSC5001: RouterOS 6 overlay notes come once per file, on the first place they apply', () => {
  const text = '/ip route add gateway=1.1.1.1\n/ip route add gateway=2.2.2.2';
  // The rule notes every place (its findings on a statement depend on that statement alone); the linter
  // keeps the first of each note.
  assert.equal(findings(rule, text, t6).length, 2);
  const notes = lintText(text, t6).diagnostics.filter((d) => d.code === 'RSC5001');
  assert.equal(notes.length, 1);
  assert.ok(notes[0].end <= text.indexOf('\n'), 'on the first line');
});
