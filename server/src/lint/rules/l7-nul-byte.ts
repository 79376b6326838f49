// RSC3012: a NUL byte in the pattern (`\\x00` or a string `\00`). The matcher keeps the pattern as a C string, so
// it ends there, and NUL bytes are removed from the payload before matching, so none could match anyway.
import { nulBytes } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3012',
  name: 'l7-nul-byte',
  severity: 'error',
  fix: 'none',
  description:
    'The pattern contains a NUL byte: the pattern ends there, and NUL bytes are removed from the data anyway.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, nulBytes);
  },
};
