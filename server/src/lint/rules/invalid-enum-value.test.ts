// Tests for RSC2003 (value not in an enumeration): list forms, negation, open names, computed values.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, found, lintSchema } from '../support/schema-testing';

const CODE = 'RSC2003';

describe('RSC2003 invalid-enum-value', () => {
  it('reports the misspelt name, and only that item of a list', () => {
    const cases: [string, string[]][] = [
      ['/ip firewall mangle add chain=forward action=mark-conection', ['warning:mark-conection']],
      ['/ip firewall filter add chain=forward connection-state=established,relatd', ['warning:relatd']],
      ['/ip firewall filter add chain=forward protocol=tpc', ['warning:tpc']],
      ['/ip firewall filter add chain=forward protocol=!tpc', ['warning:tpc']],
    ];
    for (const [text, want] of cases) assert.deepEqual(found(text, CODE), want, text);
  });

  it('suggests the closest value', () => {
    const text = '/ip firewall mangle add chain=forward action=mark-conection';
    const d = lintSchema(text).find((x) => x.code === CODE);
    assert.ok(d?.fix);
    assert.equal(d.fix.safe, false);
    assert.equal(applyFix(text, d.fix), '/ip firewall mangle add chain=forward action=mark-connection');
  });

  it('accepts valid, negated, open-ended and computed values', () => {
    for (const text of [
      '/ip firewall mangle add chain=forward action=mark-connection new-connection-mark=x',
      '/ip firewall filter add chain=my-custom-chain action=jump jump-target=other',
      '/ip firewall filter add chain=forward connection-state=!invalid protocol=6',
      '/ip firewall filter add chain=forward tcp-flags=syn,!ack',
      '/ip firewall filter add chain=forward action=$act',
      '/ip firewall filter add chain=forward action=[:pick "accept" 0 6]',
      '/ip firewall filter add chain=forward action="$a"',
    ])
      assert.deepEqual(found(text, CODE), [], text);
  });

  it('leaves malformed times to RSC2004', () => {
    assert.deepEqual(
      found(
        '/ip firewall filter add chain=forward action=add-src-to-address-list address-list=x address-list-timeout=1x',
        CODE,
      ),
      [],
    );
  });
});
