// RSC3012: a NUL byte in the pattern (`\\x00` or a string `\00`). The matcher keeps the pattern as a C string, so
// it ends there, and NUL bytes are removed from the payload before matching, so none could match anyway.
import { nulBytes, type L7Pattern } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns, twoLines, writtenAt } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3012',
  name: 'l7-nul-byte',
  severity: 'error',
  fix: 'none',
  description:
    'The pattern contains a NUL byte: the pattern ends there, and NUL bytes are removed from the data anyway.',
};

/** The problem (the NUL escape and what it cuts off) and what to do. */
function lines(p: L7Pattern): [string, string] {
  const t = p.truncated;
  const nul = t === null ? '' : writtenAt(p, t.span);
  const dropped = t === null ? '' : t.droppedWinbox;
  return [
    `a NUL byte ("${nul}") ends the pattern: the matcher keeps it as a C string, so everything from there on ("${dropped}") is ignored, ` +
      'and NUL bytes are removed from the payload before matching, so none can match.',
    'Remove the NUL byte: leave zero bytes out of the pattern and match the bytes around them.',
  ];
}

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, (p) => twoLines(nulBytes(p), () => lines(p)));
  },
};
