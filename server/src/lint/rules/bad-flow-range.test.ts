// Tests for RSC4007 (malformed or inverted connection-rate / connection-bytes / packet-size).
import { rule } from './bad-flow-range';
import { ruleTester } from '../support/rule-testing';

ruleTester(rule).run({
  valid: [
    {
      name: 'valid ranges, including connection-bytes with 0 as "no upper limit" and computed values',
      text: `/ip firewall mangle
add chain=forward connection-rate=0-50k packet-size=39 action=accept
add chain=forward connection-rate=200k-100M packet-size=0-128 action=accept
add chain=forward connection-bytes=2000000-0 action=accept
add chain=forward connection-bytes=0-500000 connection-rate=$r action=accept
`,
    },
  ],
  invalid: [
    {
      name: 'inverted and malformed ranges',
      text: `/ip firewall mangle
add chain=forward connection-rate=50k-0 action=accept
add chain=forward connection-rate=0-50kb action=accept
add chain=forward packet-size=100-39 action=accept
add chain=forward packet-size=0-70000 action=accept
add chain=forward connection-bytes=abc action=accept
/ip firewall filter add chain=forward connection-rate=!10M-1M action=drop
`,
      errors: [
        { line: 2, at: 'connection-rate=50k-0', message: /inverted/ },
        { line: 3, at: 'connection-rate=0-50kb', message: /kb/ },
        { line: 4, at: 'packet-size=100-39' },
        { line: 5, at: 'packet-size=0-70000' },
        { line: 6, at: 'connection-bytes=abc' },
        { line: 7, at: 'connection-rate=!10M-1M' },
      ],
    },
  ],
});
