// RSC2006: a `:local` that nothing reads. Usually a leftover or a misspelt use (`$hostname` vs
// `$hostName`); greyed out in editors. No fix: the declaration's value may run a command for its effect.
import { mentions } from '../../syntax';
import { READ_USED, scopeModel, usesOf } from '../../analysis/scopes';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC2006',
  name: 'unused-local',
  severity: 'hint',
  fix: 'none',
  description: 'A local variable that is declared but never read.',
  readsScopeModel: true,
};

export const rule: Rule = {
  meta,
  check(ctx) {
    // Only `:local` declares a local; a file without the word (a big export) needs no model.
    if (!mentions(ctx.text, 'local')) return;
    const model = scopeModel(ctx.parse.root);
    // One pass over the uses (a declaration's `references` is an index made for the editor).
    const uses = usesOf(model);
    for (const d of model.declarations) {
      if (d.kind !== 'local') continue;
      // Assignments (`:set x ...`) do not count as uses; reads and calls do.
      if (uses[d.id] & READ_USED) continue;
      const written = uses[d.id] !== 0;
      ctx.report({
        start: d.nameStart,
        end: d.nameEnd,
        message: written
          ? `Local \`${d.name}\` is assigned but never read.`
          : `Local \`${d.name}\` is declared but never used.`,
        tags: ['unnecessary'],
      });
    }
  },
};
