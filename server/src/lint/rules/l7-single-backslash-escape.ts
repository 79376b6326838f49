// RSC3001: a regex escape such as `\xd5` written with ONE backslash in a CLI string. RouterOS rejects the unknown
// string escape (`\x`), so the pattern never reaches the matcher; the safe fix doubles the backslash.
import { singleBackslashRegexEscapes } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3001',
  name: 'l7-single-backslash-escape',
  severity: 'error',
  fix: 'safe',
  description:
    'A regex escape written with one backslash inside a CLI string: the string decoder consumes the backslash, so the regex never sees it.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, singleBackslashRegexEscapes, { includeRejected: true });
  },
};
