// RSC3009: `layer7-protocol=NAME` naming no `/ip firewall layer7-protocol` entry of the file (the rule then
// depends on an entry that must already exist on the router, or on a typo), and entries no rule uses.
import { mentions } from '../../syntax';
import { firewallModel } from '../../analysis';
import { suggest } from '../../schema/suggest';
import type { Rule, RuleMeta } from '../types';
import { L7_MATCH_TABLES, L7_MENU } from '../../l7/script';

export const meta: RuleMeta = {
  code: 'RSC3009',
  name: 'l7-undefined-protocol',
  severity: 'warning',
  fix: 'suggestion',
  description:
    'layer7-protocol=NAME refers to no layer7-protocol entry in the file, or an entry is never used.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    // Only `layer7-protocol=` names a protocol; without the word there is nothing to look up.
    if (!mentions(ctx.text, 'layer7-protocol')) return;
    const model = firewallModel(ctx.parse, ctx.text);
    const l7Table = model.config.tables.get(L7_MENU);
    // Entries with computed names, or edits to entries this file cannot see, make the set of names unknown.
    const namesKnown =
      model.config.externalIn(L7_MENU).length === 0 &&
      (l7Table?.items ?? []).every((item) => {
        const name = item.props.get('name');
        return name !== undefined && !name.value.computed;
      });
    const defined = new Map(model.layer7.map((d) => [d.name, d]));
    const used = new Set<string>();
    let usesKnown = true;
    for (const r of model.rules) {
      if (r.family !== 'ip' || !L7_MATCH_TABLES.has(r.table)) continue;
      const p = r.prop('layer7-protocol');
      if (p === undefined) continue;
      if (p.value.computed) {
        usesKnown = false;
        continue;
      }
      const name = p.value.text;
      used.add(name);
      if (!namesKnown || defined.has(name) || name === '') continue;
      const close = suggest(name, defined.keys(), 1)[0];
      const at = { start: p.value.start + (p.value.negated ? 1 : 0), end: p.value.end };
      ctx.report({
        ...at,
        message:
          `layer7-protocol=${name}: no /ip firewall layer7-protocol entry named "${name}" in this file, so the ` +
          'rule only works if the router already has one.\n' +
          (close !== undefined
            ? `Use "${close}" if that is the entry meant, or add an entry named "${name}".`
            : `Add an entry named "${name}" (/ip firewall layer7-protocol add name=${name} regexp=...), or correct the name.`),
        ...(close !== undefined
          ? { fix: { title: `Use "${close}"`, edits: [{ ...at, newText: close }], safe: false } }
          : {}),
      });
    }
    if (!usesKnown) return;
    for (const d of model.layer7) {
      if (used.has(d.name)) continue;
      const name = d.item.props.get('name');
      const range = name !== undefined ? { start: name.arg.start, end: name.arg.end } : d.item.command;
      ctx.report({
        start: range.start,
        end: range.end,
        severity: 'information',
        tags: ['unnecessary'],
        message:
          `layer7-protocol entry "${d.name}" is used by no firewall rule in this file.\n` +
          `Match it in a rule with layer7-protocol=${d.name}, or remove the entry.`,
      });
    }
  },
};
