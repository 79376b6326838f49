// RSC3013: a pattern byte 0xC0-0xDE (not 0xD7), such as the thread's `\\xd5` for 213.x.x.x: the kernel matcher
// lower-cases the pattern with Latin-1 rules but not the payload, so it may look for 0xE0-0xFE instead.
import { latin1FoldBytes } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3013',
  name: 'l7-latin1-fold',
  severity: 'information',
  fix: 'none',
  description:
    'A pattern byte in 0xC0-0xDE (not 0xD7) that the kernel matcher lower-cases with Latin-1 rules, unlike the payload.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, latin1FoldBytes);
  },
};
