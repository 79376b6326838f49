// RSC3002: a byte escape (`\\x2e` regex-level or `\2E` string-level) whose byte is regex syntax. Pre-processing turns
// the escape into the byte before compiling, so it acts as `.`, `\`, `|`...; the fix writes the escaped literal.
import { metacharByteEscapes, type L7Finding, type L7Pattern } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns, twoLines, writtenAt } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3002',
  name: 'l7-metachar-byte-escape',
  severity: 'warning',
  fix: 'safe',
  description:
    'A byte escape that reaches the regex as a metacharacter (e.g. \\x5c, \\x2e): the byte is taken as syntax, not as the byte.',
};

/** The problem (the escape as written and the byte it becomes) and what to write instead. */
function lines(p: L7Pattern, f: L7Finding): [string, string] {
  const w = writtenAt(p, f);
  const b = parseInt(w.slice(-2), 16);
  const ch = String.fromCharCode(b);
  const head = `"${w}" reaches the regex as the byte 0x${w.slice(-2).toUpperCase()} ("${ch}") before it is compiled`;
  const engine = f.message;
  if (engine.includes('closes the bracket expression')) {
    return [
      `${head}, so it closes the bracket expression here.`,
      'Put "]" first in the bracket expression, where it is a member.',
    ];
  }
  if (engine.includes('negates the bracket expression')) {
    return [
      `${head}, so it negates the bracket expression (one byte that is NOT a member).`,
      f.fix !== undefined
        ? 'Move "^" to the end of the bracket expression, where it is a member.'
        : 'Put "^" after another member: only in the first place does it negate.',
    ];
  }
  if (engine.includes('makes a range')) {
    return [
      `${head}, so it makes a range of the bytes on either side.`,
      'Move "-" to the end of the bracket expression, where it is a member.',
    ];
  }
  const replacement = f.fix?.edits[0]?.newText ?? '';
  if (b === 0x7b || b === 0x7d) {
    // The reference library (Spencer's regexp.c) reads braces as bytes; POSIX regex reads bounded repetition.
    return [
      `${head}: the layer-7 library reads "${ch}" as the byte, but other regex libraries read it as bounded repetition.`,
      `To match the byte in any library write "${replacement}".`,
    ];
  }
  return [
    b === 0x5c
      ? `${head}, and there a lone backslash escapes whatever follows it (or breaks the pattern at its end).`
      : `${head}, and there "${ch}" is regex syntax, not the byte.`,
    `To match the byte write "${replacement}".`,
  ];
}

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, (p) => twoLines(metacharByteEscapes(p), (f) => lines(p, f)));
  },
};
