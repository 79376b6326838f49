// RSC3003: `|` inside `[ ]` is a member of the class (the pipe byte), not an alternative; the thread's
// CLI `[\\\\|\\xd5]` matches "|" too. The suggestion drops it from the class; its title says what the pattern
// then matches (it changes what the rule matches, and other findings such as RSC3005 may still apply).
import { describe, fromCli, fromWinbox, pipeInBrackets, type L7Finding, type L7Pattern } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3003',
  name: 'l7-pipe-in-brackets',
  severity: 'warning',
  fix: 'suggestion',
  description: 'A "|" inside a bracket expression matches a literal pipe byte; it is not "or".',
};

/** The fix title with the reading of the pattern after the fix. */
function withReading(p: L7Pattern, f: L7Finding): L7Finding {
  if (f.fix === undefined) return f;
  let raw = p.raw;
  for (const e of [...f.fix.edits].sort((x, y) => y.start - x.start)) {
    raw = raw.slice(0, e.start - p.rawStart) + e.newText + raw.slice(e.end - p.rawStart);
  }
  const after = p.form === 'cli' ? fromCli(raw) : fromWinbox(raw);
  return { ...f, fix: { ...f.fix, title: `${f.fix.title}: it then matches ${describe(after).reading[0]}` } };
}

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, (p) => pipeInBrackets(p).map((f) => withReading(p, f)));
  },
};
