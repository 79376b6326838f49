// Tests for RSC2007 (abbreviated menu, command or parameter name) and its safe expansion.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, found, lintSchema } from '../support/schema-testing';

const CODE = 'RSC2007';

describe('RSC2007 abbreviated-name', () => {
  it('reports each abbreviated menu, command and parameter name', () => {
    assert.deepEqual(found('/ip fire filter ad chain=forward act=accept', CODE), [
      'information:fire',
      'information:ad',
      'information:act',
    ]);
    assert.deepEqual(found('/sys\nscript print', CODE), ['information:sys']);
  });

  it('expands with a safe fix', () => {
    const text = '/ip firewal mangle print';
    const d = lintSchema(text).find((x) => x.code === CODE);
    assert.ok(d?.fix);
    assert.equal(d.fix.safe, true);
    assert.equal(applyFix(text, d.fix), '/ip firewall mangle print');
  });

  it('is silent on full names', () => {
    assert.deepEqual(found('/ip firewall filter add chain=forward action=accept', CODE), []);
  });
});
