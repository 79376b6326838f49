// RSC3006: the pattern, as the regex compiler receives it after both decoders, does not compile; the matcher
// then never matches anything.
import { compileErrors, type L7Finding, type L7Pattern } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns, twoLines, writtenAt } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3006',
  name: 'l7-compile-error',
  severity: 'error',
  fix: 'none',
  description:
    'The regexp does not compile (unbalanced brackets or parentheses, bad repetition, empty alternative).',
};

/** What to do about each of the reference compiler's refusals (regexp.c regcomp), by its own words. */
function todo(reason: string): string {
  if (reason.includes('follows nothing'))
    return 'Escape the repetition character to match the byte (two backslashes in a CLI string), or put what it repeats before it.';
  if (reason.includes('nested *?+'))
    return 'Keep one repetition operator; group first to repeat a repetition: (a*)?.';
  if (reason.includes('could be empty')) return 'Repeat something that cannot match the empty string.';
  if (reason.includes('unmatched ()') || reason.includes('unmatched []'))
    return 'Close or remove the bracket; to match the byte itself escape it (two backslashes in a CLI string).';
  if (reason.includes('trailing'))
    return 'Remove the last backslash, or escape it to match a backslash byte.';
  if (reason.includes('invalid [] range')) return 'Write the range low to high.';
  if (reason.includes('too many ()'))
    return 'Use at most 9 groups: remove the parentheses that group nothing.';
  if (reason.includes('too big')) return 'Make the pattern shorter.';
  return 'Correct the pattern here.';
}

/** The problem (the characters as written and the compiler's reason) and what to change. */
function lines(p: L7Pattern, f: L7Finding): [string, string] {
  // The action goes on the second line, so the problem line drops the compiler message's own advice.
  const reason = f.message
    .replace(/^the regexp does not compile: /, '')
    .replace(/: escape it \(.*?\) to match the byte/, '');
  return [
    `the regexp does not compile at "${writtenAt(p, f)}": ${reason}; the rule using it never matches.`,
    todo(reason),
  ];
}

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, (p) => twoLines(compileErrors(p), (f) => lines(p, f)));
  },
};
