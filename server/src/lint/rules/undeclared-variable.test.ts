// Tests for RSC2005 (variable used but never declared) and its `:global name` fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './undeclared-variable';
import { pipeline, ruleTester } from '../support/rule-testing';

/** The name of the last `$name` read in the text (what a finding covers). */
function read(text: string, name: string): [number, number] {
  const at = text.lastIndexOf(`$${name}`) + 1;
  return [at, at + name.length];
}

ruleTester(rule).run({
  valid: [
    // Declared names, loop variables, parameters and positional arguments.
    ':local a 1; :put $a',
    ':global g; :put $g',
    ':foreach i in={1;2} do={ :put $i }',
    ':local f do={ :put $name; :put $1 }; $f name=x',
    ':put $0',
    // Silent on a name whose declaring statement has a syntax error (the error is the cause): `x=5` is no
    // declaration, RSC1004, not RSC2005 on every use.
    ':local x=5\n:put $x',
    ':local x=5; :put $x',
    '{ :global F=1 }\n:put $F',
    { name: 'leaves :set of an undeclared name to the parser (RSC1005)', text: ':set x 1' },
  ],
  invalid: [
    // Reads of names no declaration covers, as warnings; the fix declares them.
    { text: ':put $x', errors: [{ at: 'x', severity: 'warning', fix: ':global x\n:put $x' }] },
    {
      text: '{ :local a 1 }; :put $a',
      errors: [
        {
          at: read('{ :local a 1 }; :put $a', 'a'),
          severity: 'warning',
          fix: '{ :local a 1 }; :global a; :put $a',
        },
      ],
    },
    { text: '{ :put $g }; :global g 1', errors: [{ at: 'g', severity: 'warning', fix: true }] },
    {
      text: ':put "value: $v"',
      errors: [
        { at: read(':put "value: $v"', 'v'), severity: 'warning', fix: ':global v\n:put "value: $v"' },
      ],
    },
    // Near miss of the syntax-error case: a name the broken statement does not declare is still reported.
    { text: ':local x=5\n:put $y', errors: [{ at: 'y', severity: 'warning', fix: true }] },
    { text: ':global Y\n:put [:len @]\n:put $z', errors: [{ at: 'z', severity: 'warning', fix: true }] },
    {
      name: 'inserts :global before the command, at its indentation',
      text: '{\n    :if ($x > 1) do={ :put $x }\n}',
      errors: [
        {
          at: 'x',
          severity: 'warning',
          safe: false,
          fix: '{\n    :global x\n    :if ($x > 1) do={ :put $x }\n}',
        },
        { at: 'x', nth: 1, severity: 'warning', fix: '{\n    :if ($x > 1) do={ :global x; :put $x }\n}' },
      ],
    },
    {
      name: 'inserts :global before the command on a line of several',
      text: ':local a 1; :put $b',
      errors: [{ at: 'b', fix: ':local a 1; :global b; :put $b' }],
    },
  ],
});

test('RSC2005: the parser reports the :set of an undeclared name (RSC1005)', () => {
  assert.deepEqual(
    pipeline(':set x 1').map((d) => d.code),
    ['RSC1005'],
  );
});
