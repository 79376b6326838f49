// RSC3003: `|` inside `[ ]` is a member of the class (the pipe byte), not an alternative; the thread's
// CLI `[\\\\|\\xd5]` matches "|" too. The suggestion drops it from the class.
import { pipeInBrackets } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3003',
  name: 'l7-pipe-in-brackets',
  severity: 'warning',
  fix: 'suggestion',
  description: 'A "|" inside a bracket expression matches a literal pipe byte; it is not "or".',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, pipeInBrackets);
  },
};
