// RSC3001: a regex escape such as `\xd5` written with ONE backslash in a CLI string. RouterOS rejects the unknown
// string escape (`\x`), so the pattern never reaches the matcher; the safe fix doubles the backslash.
import { singleBackslashRegexEscapes, type L7Finding, type L7Pattern } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns, twoLines, writtenAt } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3001',
  name: 'l7-single-backslash-escape',
  severity: 'error',
  fix: 'safe',
  description:
    'A regex escape written with one backslash inside a CLI string: the string decoder consumes the backslash, so the regex never sees it.',
};

/** The problem (quoting the escape as written) and what to write instead. */
function lines(p: L7Pattern, f: L7Finding): [string, string] {
  const w = writtenAt(p, f);
  const next = w.slice(1, 2);
  if (next === 'b') {
    return [
      `"\\b" in a CLI string is the string escape for byte 0x08 (backspace): the regex receives that byte, not a word boundary.`,
      'Remove it: the layer-7 regex library has no word boundaries ("\\\\b" would only be the letter "b").',
    ];
  }
  if (next === 'B') {
    return [
      '"\\B" is no string escape, so RouterOS rejects the line; the layer-7 regex library has no word boundaries either.',
      'Remove "\\B".',
    ];
  }
  const fixText = f.fix?.edits[0]?.newText;
  if (f.fix !== undefined && f.fix.title.startsWith('Write the class') && fixText !== undefined) {
    return [
      `"${w}" is a regex class escape in a CLI string: "\\${next}" is no string escape, so RouterOS rejects the line, ` +
        `and the layer-7 regex library has no class escapes either ("\\\\${next}" would only match the letter "${next.toLowerCase()}").`,
      `Write the class "${fixText}".`,
    ];
  }
  const meant = next === 'x' ? `byte 0x${w.slice(2).toUpperCase()}` : `a literal "${next}"`;
  return [
    `"${w}" is a regex escape written with one backslash in a CLI string: "\\${next}" is no string escape, ` +
      `so RouterOS rejects the line and the regex never sees "${w}".`,
    `Double the backslash: write "\\${w}"; the string decoder turns it into "${w}", which the regex reads as ${meant}.`,
  ];
}

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, (p) => twoLines(singleBackslashRegexEscapes(p), (f) => lines(p, f)), {
      includeRejected: true,
    });
  },
};
