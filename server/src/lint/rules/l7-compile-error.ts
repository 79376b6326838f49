// RSC3006: the pattern, as the regex compiler receives it after both decoders, does not compile; the matcher
// then never matches anything.
import { compileErrors } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3006',
  name: 'l7-compile-error',
  severity: 'error',
  fix: 'none',
  description:
    'The regexp does not compile (unbalanced brackets or parentheses, bad repetition, empty alternative).',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, compileErrors);
  },
};
