// RSC2004: a literal value that cannot be what its parameter takes: an IP address such as `10.0.0.300`,
// a prefix, a port range, a time such as `1x`, a rate, yes/no, a number out of range. Values computed at
// run time (`$var`, `[...]`, `(...)`, strings with `$`) are never judged.
import type { Rule, RuleMeta, Severity } from '../types';
import { targetOf } from '../support/schema-resolve';
import { valueProblems } from '../support/value-checks';

export const meta: RuleMeta = {
  code: 'RSC2004',
  name: 'malformed-value',
  severity: 'warning',
  fix: 'none',
  description: 'A literal value that is not a valid IP, prefix, port range, time, rate, number or yes/no.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    const target = targetOf(ctx.options.target);
    // RouterOS parses the line and rejects the value only when it runs it, so this is a warning.
    const severity: Severity = target.v6 ? 'information' : 'warning';
    for (const p of valueProblems(ctx.parse, target)) {
      if (p.badName || p.otherVersions) continue;
      ctx.report({
        start: p.start,
        end: p.end,
        severity,
        message: `Malformed value for \`${p.node.name}=\`: ${p.message}.`,
      });
    }
  },
};
