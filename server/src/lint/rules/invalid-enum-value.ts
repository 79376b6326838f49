// RSC2003: a value that is not one of the names an enumerated parameter allows (`action=mark-conection`),
// with the closest allowed name. Open-ended parameters (`chain=`, where custom names are fine) are never
// reported, and neither is anything computed at run time.
import { describeType, suggest } from '../../schema';
import type { Rule, RuleMeta, Severity } from '../types';
import { targetOf } from '../support/schema-resolve';
import { valueProblems } from '../support/value-checks';

export const meta: RuleMeta = {
  code: 'RSC2003',
  name: 'invalid-enum-value',
  severity: 'warning',
  fix: 'suggestion',
  description: 'A literal value that is not one of the names an enumerated parameter allows.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    const target = targetOf(ctx.options.target);
    // RouterOS parses the line and rejects the value only when it runs it, so this is a warning.
    const severity: Severity = target.v6 ? 'information' : 'warning';
    for (const p of valueProblems(ctx.parse, target)) {
      // Values that other versions allow are RSC5001's; malformed numbers, times, addresses RSC2004's.
      if (!p.badName || p.otherVersions) continue;
      const bad = p.badName;
      const best = suggest(bad.text, bad.candidates);
      const arg = `${p.node.name}=`;
      let message = `\`${bad.text}\` is not a value of \`${arg}\``;
      message += best.length
        ? `; did you mean ${best.map((b) => `\`${b}\``).join(' or ')}?`
        : ` (it takes ${describeType(p.type)}).`;
      // A precise edit needs source offsets that match the value: only for bare words.
      const at = p.bare ? p.start + bad.offset : p.start;
      const end = p.bare ? at + bad.text.length : p.end;
      ctx.report({
        start: at,
        end,
        severity,
        message,
        ...(best.length && p.bare
          ? {
              fix: {
                title: `Change to \`${best[0]}\``,
                edits: [{ start: at, end, newText: best[0] }],
                safe: false,
              },
            }
          : {}),
      });
    }
  },
};
