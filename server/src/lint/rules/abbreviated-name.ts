// RSC2007: a menu, command or parameter name written as a unique prefix (`/ip fire filter`, `/sys`,
// `freq=`). RouterOS accepts it, but a later version that adds a name with the same prefix makes it
// ambiguous, so the full name is the portable spelling. Expanding cannot change what the router does.
import type { Rule, RuleMeta } from '../types';
import { hasSyntaxErrorIn, schemaView, type ResolvedName } from '../support/schema-resolve';

export const meta: RuleMeta = {
  code: 'RSC2007',
  name: 'abbreviated-name',
  severity: 'information',
  fix: 'safe',
  description: 'A menu, command or parameter name abbreviated to a unique prefix; write it in full.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    const view = schemaView(ctx.parse);
    // Most scripts abbreviate nothing; the view counted the abbreviations while it resolved the names.
    if (view.abbreviations === 0) return;
    const seen = new Set<number>();
    const report = (n: ResolvedName, suffix = ''): void => {
      if (!n.abbreviated || !n.node || seen.has(n.start)) return;
      seen.add(n.start);
      const full = n.node.name;
      ctx.report({
        start: n.start,
        end: n.end,
        message:
          `\`${n.written}${suffix}\` abbreviates \`${full}${suffix}\`. RouterOS accepts unique prefixes, but a ` +
          `later version may add a name that makes this one ambiguous; write it in full.`,
        fix: {
          title: `Write \`${full}${suffix}\``,
          edits: [{ start: n.start, end: n.end, newText: full }],
          safe: true,
        },
      });
    };
    for (const p of view.paths) {
      if (hasSyntaxErrorIn(ctx.parse, p.owner.start, p.owner.end)) continue;
      for (const s of p.segments) report(s);
    }
    for (const c of view.commands) {
      if (hasSyntaxErrorIn(ctx.parse, c.cmd.start, c.cmd.end)) continue;
      for (const s of c.path?.segments ?? []) report(s);
      report(c.name);
      // `args` is built on access: only for the commands that abbreviate an argument.
      if (c.argLookups.some((l) => l.abbreviated)) for (const a of c.args) report(a.name, '=');
    }
  },
};
