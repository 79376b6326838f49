// RSC3007: a byte escape of an ASCII letter (`\\x4a` is "J"): the pattern and the data are lower-cased before
// matching, so it matches 0x4A and 0x6A alike. Information only.
import { hexLetterEscapes } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3007',
  name: 'l7-hex-letter-escape',
  severity: 'information',
  fix: 'none',
  description:
    'A hex escape of an ASCII letter: layer-7 matching is case-insensitive, so it matches both cases.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, hexLetterEscapes);
  },
};
