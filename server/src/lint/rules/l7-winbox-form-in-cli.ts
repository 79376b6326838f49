// RSC3010: a whole regexp in the Winbox form (single backslashes) inside a CLI string, or the reverse (a CLI form
// escaped once more). The safe fix rewrites the whole value in the CLI form.
import { winboxFormInCli } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3010',
  name: 'l7-winbox-form-in-cli',
  severity: 'error',
  fix: 'safe',
  description:
    'A regexp in the Winbox form (single backslashes) pasted into a CLI string, or one escaped twice.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, winboxFormInCli, { includeRejected: true });
  },
};
