// Tests for RSC2006 (local declared but never used).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { found, lintSchema } from '../support/schema-testing';

const CODE = 'RSC2006';

describe('RSC2006 unused-local', () => {
  it('reports locals nothing reads, as hints tagged unnecessary', () => {
    assert.deepEqual(found(':local a 1', CODE), ['hint:a']);
    assert.deepEqual(found(':local a; :set a 2', CODE), ['hint:a']);
    const d = lintSchema(':local a 1').find((x) => x.code === CODE);
    assert.deepEqual(d?.tags, ['unnecessary']);
  });

  it('accepts locals that are read or called, and ignores globals and loop variables', () => {
    for (const text of [
      ':local a 1; :put $a',
      ':local f do={ :return 1 }; :put [$f]',
      ':global g 1',
      ':foreach i in={1;2} do={ :put "x" }',
      ':local s "x"; :put "value $s"',
    ])
      assert.deepEqual(found(text, CODE), [], text);
  });
});
