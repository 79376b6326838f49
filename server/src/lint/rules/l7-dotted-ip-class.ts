// RSC3004: a class written like a dotted address (`[\x4a.\x3a.\xda.\xca]`) matches one byte out of the set;
// the suggestion writes the byte sequence.
import { dottedIpClasses } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3004',
  name: 'l7-dotted-ip-class',
  severity: 'warning',
  fix: 'suggestion',
  description:
    'A bracket expression that looks like a dotted IP address matches ONE byte out of a set, not the sequence.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, dottedIpClasses);
  },
};
