// RSC3002: a byte escape (`\\x2e` regex-level or `\2E` string-level) whose byte is regex syntax. Pre-processing turns
// the escape into the byte before compiling, so it acts as `.`, `\`, `|`...; the fix writes the escaped literal.
import { metacharByteEscapes } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3002',
  name: 'l7-metachar-byte-escape',
  severity: 'warning',
  fix: 'safe',
  description:
    'A byte escape that reaches the regex as a metacharacter (e.g. \\x5c, \\x2e): the byte is taken as syntax, not as the byte.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, metacharByteEscapes);
  },
};
