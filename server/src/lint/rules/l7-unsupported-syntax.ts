// RSC3014: bounded repetition `{n,m}` or a POSIX class `[[:digit:]]`, which the kernel matcher's regex library
// reads as plain bytes. The fix expands them (`.{0,3}` to `.?.?.?`, `[[:digit:]]` to `[0-9]`); it changes what
// the router matches (the reference reads the bytes literally), so it is a suggestion, never applied by Fix All.
import { unsupportedSyntax } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3014',
  name: 'l7-unsupported-syntax',
  severity: 'warning',
  fix: 'suggestion',
  description:
    "Bounded repetition {n,m} or a [[:class:]] in a pattern: the kernel matcher's regex library does not support them.",
};

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, unsupportedSyntax);
  },
};
