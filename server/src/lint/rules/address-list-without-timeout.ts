// RSC4009: an add-src-to-address-list / add-dst-to-address-list rule without address-list-timeout: entries
// stay until reboot (the default none-dynamic), so a detection list only grows and stale peers keep
// whatever treatment the list gives them.
import { firewallModel, ruleRange } from '../../analysis';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4009',
  name: 'address-list-without-timeout',
  severity: 'warning',
  fix: 'suggestion',
  description: 'add-src/dst-to-address-list without address-list-timeout: the list grows without bound.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    for (const r of model.rules) {
      if (r.action !== 'add-src-to-address-list' && r.action !== 'add-dst-to-address-list') continue;
      if (r.prop('address-list-timeout')) continue;
      const list = r.prop('address-list');
      const name = list && !list.value.computed ? `'${list.value.text}'` : 'the address list';
      const at = list ? list.arg.end : r.item.command.end;
      ctx.report({
        ...(list ? { start: list.arg.start, end: list.arg.end } : ruleRange(r)),
        message:
          `Addresses this rule adds to ${name} have no address-list-timeout, so they stay until the router ` +
          `reboots: the list only grows, and an address keeps its treatment long after it stopped qualifying. ` +
          `Set a timeout (e.g. address-list-timeout=1h), or none-dynamic explicitly if that is intended.`,
        fix: {
          title: 'Add address-list-timeout=1h',
          edits: [{ start: at, end: at, newText: ' address-list-timeout=1h' }],
          safe: false,
        },
      });
    }
  },
};
