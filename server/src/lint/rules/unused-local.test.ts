// Tests for RSC2006 (local declared but never used).
import { rule } from './unused-local';
import { ruleTester } from '../support/rule-testing';

ruleTester(rule).run({
  // Locals that are read or called; globals and loop variables are not its business.
  valid: [
    ':local a 1; :put $a',
    ':local f do={ :return 1 }; :put [$f]',
    ':global g 1',
    ':foreach i in={1;2} do={ :put "x" }',
    ':local s "x"; :put "value $s"',
  ],
  // Locals nothing reads, as hints tagged unnecessary.
  invalid: [
    { text: ':local a 1', errors: [{ at: [7, 8], severity: 'hint', tags: ['unnecessary'] }] },
    { text: ':local a; :set a 2', errors: [{ at: [7, 8], severity: 'hint' }] },
  ],
});
