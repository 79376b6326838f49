// RSC3015: an empty alternative or empty group (`a|`, `|a`, `(a|)`, `()`). The reference compiles an empty
// branch as an empty match (regexp.c regbranch emits NOTHING), so `a|` matches every connection.
import { emptyBranches } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3015',
  name: 'l7-empty-branch',
  severity: 'warning',
  fix: 'suggestion',
  description:
    'An empty alternative or empty group in a layer-7 pattern: it matches the empty string, so `a|` matches every connection.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, emptyBranches);
  },
};
