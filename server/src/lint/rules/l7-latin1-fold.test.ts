// Tests for RSC3013: off by default (the reference folds only A-Z in the pattern); with the latin1Fold
// assumption on, pattern bytes a Latin-1 lower-casing would change.
import { rule } from './l7-latin1-fold';
import { ruleTester } from '../support/rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;
const on = { latin1Fold: true };

ruleTester(rule).run(
  {
    valid: [
      // Off by default: `rsc lint` on regexp="\\xd5" reports no RSC3013, neither the rule nor the pipeline.
      l7(String.raw`\\xd5.......\$`),
      { name: 'off by default, through lintText', text: l7(String.raw`\\xd5`), pipeline: true },
      // 0xD7, 0xDF and bytes outside 0xC0-0xDE are fine.
      { text: l7(String.raw`^\\xd7\\xdf\\xe0\\xbf`), options: on },
      // A class listing both readings ([\\xd5\\xf5]) is not reported.
      { text: l7(String.raw`[\\xd5\\xf5].......\$`), options: on },
      { text: l7(String.raw`^[\\xc0-\\xfe]`), options: on },
    ],
    invalid: [
      {
        name: 'on, through lintText',
        text: l7(String.raw`\\xd5`),
        options: on,
        pipeline: true,
        errors: [{ at: String.raw`\\xd5` }],
      },
      {
        name: "the thread's \\\\xd5 (213); information, no fix",
        text: l7(String.raw`\\xd5.......\$`),
        options: on,
        errors: [{ at: String.raw`\\xd5`, severity: 'information' }],
      },
      { text: l7(String.raw`^\C0`), options: on, errors: [{ at: String.raw`\C0` }] },
      {
        text: l7(String.raw`^[\\xd5\\xd6]`),
        options: on,
        errors: [{ at: String.raw`\\xd5` }, { at: String.raw`\\xd6` }],
      },
    ],
  },
  'latin1Fold off by default; on: bytes 0xC0-0xDE',
);
