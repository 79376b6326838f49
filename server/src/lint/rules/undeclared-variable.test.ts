// Tests for RSC2005 (variable used but never declared) and its `:global name` fix.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, found, lintSchema } from '../support/schema-testing';

const CODE = 'RSC2005';

describe('RSC2005 undeclared-variable', () => {
  it('reports reads of names no declaration covers, as warnings', () => {
    const cases: [string, string[]][] = [
      [':put $x', ['warning:x']],
      ['{ :local a 1 }; :put $a', ['warning:a']],
      ['{ :put $g }; :global g 1', ['warning:g']],
      [':put "value: $v"', ['warning:v']],
    ];
    for (const [text, want] of cases) assert.deepEqual(found(text, CODE), want, text);
  });

  it('accepts declared names, loop variables, parameters and positional arguments', () => {
    for (const text of [
      ':local a 1; :put $a',
      ':global g; :put $g',
      ':foreach i in={1;2} do={ :put $i }',
      ':local f do={ :put $name; :put $1 }; $f name=x',
      ':put $0',
    ])
      assert.deepEqual(found(text, CODE), [], text);
  });

  it('is silent on a name whose declaring statement has a syntax error (the error is the cause)', () => {
    for (const text of [
      ':local x=5\n:put $x', // `x=5` is no declaration: RSC1004, not RSC2005 on every use
      ':local x=5; :put $x',
      '{ :global F=1 }\n:put $F',
    ])
      assert.deepEqual(found(text, CODE), [], text);
    // Near miss: a name the broken statement does not declare is still reported.
    assert.deepEqual(found(':local x=5\n:put $y', CODE), ['warning:y']);
    assert.deepEqual(found(':global Y\n:put [:len @]\n:put $z', CODE), ['warning:z']);
  });

  it('leaves :set of an undeclared name to the parser (RSC1005)', () => {
    const ds = lintSchema(':set x 1');
    assert.ok(ds.some((d) => d.code === 'RSC1005'));
    assert.ok(!ds.some((d) => d.code === CODE));
  });

  it('inserts :global before the command, at its indentation', () => {
    const text = '{\n    :if ($x > 1) do={ :put $x }\n}';
    const d = lintSchema(text).find((x) => x.code === CODE);
    assert.ok(d?.fix);
    assert.equal(d.fix.safe, false);
    assert.equal(applyFix(text, d.fix), '{\n    :global x\n    :if ($x > 1) do={ :put $x }\n}');
    const inline = ':local a 1; :put $b';
    const e = lintSchema(inline).find((x) => x.code === CODE);
    assert.ok(e?.fix);
    assert.equal(applyFix(inline, e.fix), ':local a 1; :global b; :put $b');
  });
});
