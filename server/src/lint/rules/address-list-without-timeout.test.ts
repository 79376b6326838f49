// Tests for RSC4009 (add-src/dst-to-address-list without address-list-timeout).
import { rule } from './address-list-without-timeout';
import { ruleTester } from '../support/rule-testing';

ruleTester(rule).run({
  valid: [
    {
      name: 'any explicit timeout, including none-dynamic',
      text: `/ip firewall mangle
add action=add-src-to-address-list address-list=skype address-list-timeout=1h chain=forward
add action=add-src-to-address-list address-list=keep address-list-timeout=none-dynamic chain=forward
add action=accept chain=forward
`,
    },
  ],
  invalid: [
    {
      name: 'flags the rule and suggests a one-hour timeout',
      text: `/ip firewall mangle
add action=add-src-to-address-list address-list=skype chain=forward layer7-protocol=skypenack
/ip firewall filter
add action=add-dst-to-address-list address-list=scanners chain=input protocol=tcp psd=21,3s,3,1
`,
      errors: [
        {
          line: 2,
          at: 'address-list=skype',
          fix: /address-list=skype address-list-timeout=1h chain=forward/,
          safe: false,
        },
        {
          line: 4,
          at: 'address-list=scanners',
          fix: /address-list=scanners address-list-timeout=1h chain=input/,
        },
      ],
    },
  ],
});
