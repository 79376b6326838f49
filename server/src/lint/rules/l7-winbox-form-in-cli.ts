// RSC3010: a whole regexp in the Winbox form (single backslashes) inside a CLI string, or the reverse (a CLI form
// escaped once more). The safe fix rewrites the whole value in the CLI form.
import { winboxFormInCli, type L7Finding, type L7Pattern } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns, twoLines } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3010',
  name: 'l7-winbox-form-in-cli',
  severity: 'error',
  fix: 'safe',
  description:
    'A regexp in the Winbox form (single backslashes) pasted into a CLI string, or one escaped twice.',
};

/** The problem (which form the value is in) and the value to write instead. */
function lines(p: L7Pattern, f: L7Finding): [string, string] {
  const cli = f.fix?.edits[0]?.newText;
  if (f.message.startsWith('the backslashes of this regexp were doubled twice')) {
    return [
      `the backslashes of this regexp were doubled twice: the field holds "${p.winbox}", so the regex receives ` +
        'an escaped backslash (a backslash byte) where a regex escape was meant.',
      cli !== undefined ? `Remove the extra escaping: write "${cli}".` : 'Remove one level of backslashes.',
    ];
  }
  return [
    'this regexp is in the Winbox form (single backslashes) inside a CLI string: the string decoder takes the ' +
      'backslashes first (RouterOS rejects "\\x" and the like), so the regex never sees them.',
    cli !== undefined ? `Write it in the CLI form: "${cli}".` : 'Double every backslash.',
  ];
}

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, (p) => twoLines(winboxFormInCli(p), (f) => lines(p, f)), { includeRejected: true });
  },
};
