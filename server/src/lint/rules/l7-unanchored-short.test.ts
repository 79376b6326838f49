// Tests for RSC3005: patterns so weak that random payload matches them where the matcher looks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-unanchored-short';
import { applyFix, findings, ruleTester } from '../support/rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;
const nackRule =
  '\n/ip firewall mangle add chain=forward action=add-src-to-address-list address-list=skype ' +
  'protocol=udp packet-size=39 layer7-protocol=p';
const sized =
  '\n/ip firewall filter add chain=forward action=drop protocol=tcp packet-size=100 layer7-protocol=p';

ruleTester(rule).run({
  valid: [
    // Anchored at the start, or three plain bytes and more, is fine; so is a pattern that does not compile.
    l7(String.raw`^\\xd5`),
    l7('abc'),
    l7(String.raw`\\x01\\x02\\x03`),
    l7('(a'),
    {
      // One byte at the end is 1/256 per packet when every rule using it has packet-size=.
      name: 'packet-size= on the rules using the pattern counts per packet, not per 2 KB',
      text: l7(String.raw`\\xd5\$`) + sized,
    },
    {
      name: "the thread's corrected NAck pattern pins the byte 8 bytes before the end: fine on the NAck rule",
      text: l7(String.raw`\\xd5.......\$`) + nackRule,
    },
  ],
  invalid: [
    {
      name: 'short patterns anywhere; the suggestion anchors at the end of the packet',
      text: l7('[a-z][a-z][a-z]'),
      errors: [{ at: '[a-z][a-z][a-z]', fix: l7(String.raw`[a-z][a-z][a-z]\$`) }],
    },
    {
      name: 'one byte at the end without packet-size=: tried on 10 packets of every connection (10/256)',
      text: l7(String.raw`\\xd5\$`),
      errors: [{ at: String.raw`\\xd5\$` }],
    },
  ],
});

test('RSC3005: anchoring a single byte at the end does not silence the finding (10 evaluations per connection)', () => {
  const text = l7(String.raw`\\xd5`);
  const [d] = findings(rule, text);
  assert.ok(d.fix);
  assert.match(d.fix.title, /may still be too weak/);
  const after = applyFix(text, d.fix);
  const again = findings(rule, after);
  assert.equal(again.length, 1);
  assert.equal(again[0].fix, undefined);
  assert.match(again[0].message, /anchored at the end/);
});

test('RSC3005: on a NAck rule, a pattern anchored at the end that cannot reach offset 3 stays reported', () => {
  const [d] = findings(rule, l7(String.raw`[\\\\\\xd5]\$`) + nackRule);
  assert.ok(d);
  assert.match(d.message, /not the public address at payload offset 3/);
});

test('RSC3005: on a NAck-detection rule no "$" fix (it would test the last byte, not the address at offset 3)', () => {
  const [d] = findings(rule, l7(String.raw`[\\\\|\\xd5]`) + nackRule);
  // Instead: the generator's NAck pattern, after asking for the addresses (a command, no edit yet).
  assert.equal(
    d.fix?.title,
    'Replace with the NAck pattern for these addresses (asks for your public addresses)',
  );
  assert.deepEqual(d.fix?.edits, []);
  assert.equal(d.fix?.safe, false);
  assert.equal(d.fix?.command?.name, 'routeros.replaceWithNackPattern');
  assert.deepEqual(d.fix?.command?.args, ['cli']);
  const value = String.raw`[\\\\|\\xd5]`;
  const text = l7(value) + nackRule;
  assert.deepEqual(
    [d.fix?.command?.start, d.fix?.command?.end],
    [text.indexOf(value), text.indexOf(value) + value.length],
  );
  assert.match(d.message, /each packet of up to 11 payload bytes/);
  assert.match(d.message, /NAck pattern for your addresses/);
});
