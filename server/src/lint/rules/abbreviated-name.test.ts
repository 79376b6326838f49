// Tests for RSC2007 (abbreviated menu, command or parameter name) and its safe expansion.
import { rule } from './abbreviated-name';
import { ruleTester } from '../support/rule-testing';

ruleTester(rule).run({
  valid: ['/ip firewall filter add chain=forward action=accept'],
  invalid: [
    {
      name: 'each abbreviated menu, command and parameter name',
      text: '/ip fire filter ad chain=forward act=accept',
      errors: [
        { at: 'fire', severity: 'information', fix: '/ip firewall filter ad chain=forward act=accept' },
        { at: 'ad', severity: 'information', fix: '/ip fire filter add chain=forward act=accept' },
        { at: 'act', severity: 'information', fix: '/ip fire filter ad chain=forward action=accept' },
      ],
    },
    {
      name: 'a menu line',
      text: '/sys\nscript print',
      errors: [{ at: 'sys', severity: 'information', fix: '/system\nscript print' }],
    },
    {
      name: 'expands with a safe fix',
      text: '/ip firewal mangle print',
      errors: [{ at: 'firewal', safe: true, fix: '/ip firewall mangle print' }],
    },
  ],
});
