// RSC3007: a byte escape of an ASCII letter (`\\x4a` is "J"): the pattern and the data are lower-cased before
// matching, so it matches 0x4A and 0x6A alike. Information only.
import { hexLetterEscapes, type L7Finding, type L7Pattern } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns, twoLines, writtenAt } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3007',
  name: 'l7-hex-letter-escape',
  severity: 'information',
  fix: 'none',
  description:
    'A hex escape of an ASCII letter: layer-7 matching is case-insensitive, so it matches both cases.',
};

/** The problem (the escape and both bytes it matches) and what to write instead. */
function lines(p: L7Pattern, f: L7Finding): [string, string] {
  const w = writtenAt(p, f);
  const lower = parseInt(w.slice(-2), 16) | 0x20;
  const hx = (b: number): string => `0x${b.toString(16).toUpperCase()}`;
  const letter = String.fromCharCode(lower);
  return [
    `"${w}" is the letter "${String.fromCharCode(parseInt(w.slice(-2), 16))}", and layer-7 matching ignores case, so it matches both ${hx(lower - 0x20)} ("${letter.toUpperCase()}") and ${hx(lower)} ("${letter}").`,
    `Write the letter "${letter}" to say so; if only one case may match, this matcher cannot tell them apart.`,
  ];
}

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, (p) => twoLines(hexLetterEscapes(p), (f) => lines(p, f)));
  },
};
