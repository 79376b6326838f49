// RSC3014: bounded repetition `{n,m}` or a POSIX class `[[:digit:]]`, which the kernel matcher's regex library
// reads as plain bytes. The fix expands them (`.{0,3}` to `.?.?.?`, `[[:digit:]]` to `[0-9]`); it changes what
// the router matches (the reference reads the bytes literally), so it is a suggestion, never applied by Fix All.
import { unsupportedSyntax, type L7Finding, type L7Pattern } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns, twoLines, writtenAt } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3014',
  name: 'l7-unsupported-syntax',
  severity: 'warning',
  fix: 'suggestion',
  description:
    "Bounded repetition {n,m} or a [[:class:]] in a pattern: the kernel matcher's regex library does not support them.",
};

/** The problem (the engine's, quoting the syntax) and what to write instead. */
function lines(p: L7Pattern, f: L7Finding): [string, string] {
  const bound = /^bounded repetition "([^"]*)"/.exec(f.message);
  // The engine quotes only the braces; the problem line quotes the repeated atom with them, as written.
  const problem =
    bound !== null
      ? `"${writtenAt(p, f)}": bounded repetition is not supported by the kernel matcher's regex library, which reads "${bound[1]}" as literal bytes.`
      : `${f.message.replace(/\.$/, '')}.`;
  const expanded = f.fix?.edits[0]?.newText;
  if (expanded !== undefined)
    return [
      problem,
      `If the repetition or class is meant, write it out: "${expanded}" (this changes what the router matches).`,
    ];
  if (f.message.includes('is not a class here'))
    return [problem, 'Write the bytes meant as a bracket expression, e.g. [0-9] for a digit.'];
  if (f.message.includes('POSIX class'))
    return [problem, 'Write the members out as a bracket expression, e.g. [0-9].'];
  return [problem, 'Write the repetition out, e.g. "aa?a?" for "a{1,3}".'];
}

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, (p) => twoLines(unsupportedSyntax(p), (f) => lines(p, f)));
  },
};
