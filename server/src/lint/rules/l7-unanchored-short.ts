// RSC3005: an unanchored pattern so weak (one byte, two bytes, a class) that random payload matches it: the
// thread's "overmatch". The suggestion anchors it at the end of the packet being matched.
import { unanchoredShort } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3005',
  name: 'l7-unanchored-short',
  severity: 'warning',
  fix: 'suggestion',
  description:
    'An unanchored pattern made only of single bytes or short classes matches inside almost any payload.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, unanchoredShort);
  },
};
