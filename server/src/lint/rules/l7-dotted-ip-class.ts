// RSC3004: a class written like a dotted address (`[\x4a.\x3a.\xda.\xca]`) matches one byte out of the set;
// the suggestion writes the byte sequence.
import { dottedIpClasses, type L7Finding, type L7Pattern } from '../../l7';
import type { Rule, RuleMeta } from '../types';
import { checkPatterns, twoLines, writtenAt } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3004',
  name: 'l7-dotted-ip-class',
  severity: 'warning',
  fix: 'suggestion',
  description:
    'A bracket expression that looks like a dotted IP address matches ONE byte out of a set, not the sequence.',
};

/** The problem (the class as written) and the byte sequence to write instead. */
function lines(p: L7Pattern, f: L7Finding): [string, string] {
  const n = /out of (\d+) bytes/.exec(f.message)?.[1] ?? 'its';
  const sequence = f.fix?.edits[0]?.newText ?? '';
  const zero = f.message.includes('zero octet');
  return [
    `"${writtenAt(p, f)}" looks like a dotted IP address, but a bracket expression matches ONE byte out of its members (${n} bytes and ".").`,
    `To match the ${n} bytes in a row write them without brackets and dots: "${sequence}"` +
      (zero ? ' (leave out a zero octet: NUL bytes are removed from the data before matching).' : '.'),
  ];
}

export const rule: Rule = {
  meta,
  check(ctx) {
    checkPatterns(ctx, (p) => twoLines(dottedIpClasses(p), (f) => lines(p, f)));
  },
};
