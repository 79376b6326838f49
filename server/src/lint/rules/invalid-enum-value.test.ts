// Tests for RSC2003 (value not in an enumeration): list forms, negation, open names, computed values.
import { rule } from './invalid-enum-value';
import { ruleTester } from '../support/rule-testing';

ruleTester(rule).run({
  valid: [
    // Valid, negated, open-ended and computed values.
    '/ip firewall mangle add chain=forward action=mark-connection new-connection-mark=x',
    '/ip firewall filter add chain=my-custom-chain action=jump jump-target=other',
    '/ip firewall filter add chain=forward connection-state=!invalid protocol=6',
    '/ip firewall filter add chain=forward tcp-flags=syn,!ack',
    '/ip firewall filter add chain=forward action=$act',
    '/ip firewall filter add chain=forward action=[:pick "accept" 0 6]',
    '/ip firewall filter add chain=forward action="$a"',
    {
      name: 'leaves malformed times to RSC2004',
      text: '/ip firewall filter add chain=forward action=add-src-to-address-list address-list=x address-list-timeout=1x',
    },
  ],
  invalid: [
    {
      name: 'the misspelt name; the suggestion is the closest value',
      text: '/ip firewall mangle add chain=forward action=mark-conection',
      errors: [
        {
          at: 'mark-conection',
          severity: 'warning',
          safe: false,
          fix: '/ip firewall mangle add chain=forward action=mark-connection',
        },
      ],
    },
    {
      name: 'only the misspelt item of a list',
      text: '/ip firewall filter add chain=forward connection-state=established,relatd',
      errors: [{ at: 'relatd', severity: 'warning', fix: true }],
    },
    {
      text: '/ip firewall filter add chain=forward protocol=tpc',
      errors: [{ at: 'tpc', severity: 'warning', fix: true }],
    },
    {
      name: 'a negated value',
      text: '/ip firewall filter add chain=forward protocol=!tpc',
      errors: [{ at: 'tpc', severity: 'warning', fix: true }],
    },
  ],
});
