// RSC3013 (opt-in, off by default): a pattern byte 0xC0-0xDE (not 0xD7), such as the thread's `\\xd5` for
// 213.x.x.x, under the ASSUMPTION of a matcher that lower-cases the pattern with Latin-1 rules. The reference
// code does not (libxt_layer7.c pre_process uses C-locale tolower, A-Z only), so the rule only speaks when the
// user turns the assumption on (`routeros.lint.latin1Fold`, `rsc lint --latin1-fold`).
import { latin1FoldBytes } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3013',
  name: 'l7-latin1-fold',
  severity: 'information',
  fix: 'none',
  description:
    'Opt-in (latin1Fold): a pattern byte in 0xC0-0xDE (not 0xD7) that a matcher folding Latin-1 capitals would change; the reference code does not fold it.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    if (!ctx.options.latin1Fold) return;
    checkPatterns(ctx, latin1FoldBytes);
  },
};
