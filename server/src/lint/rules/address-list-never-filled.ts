// RSC4008: a firewall rule matches src/dst-address-list=X but nothing in the file fills X (static entries,
// add-src/dst-to-address-list rules, DHCP/PPP/DNS/hotspot settings). The list may exist on the router, so
// this is information.
import { firewallModel } from '../../analysis';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4008',
  name: 'address-list-never-filled',
  severity: 'information',
  fix: 'none',
  description: 'address list matched but never filled in the file.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    for (const u of model.listUses) {
      if (model.fillsOf(u.family, u.list).length > 0) continue;
      // A list filled under a computed name may be this one.
      if (model.computedListFills.has(u.family) || model.computedListFills.has('any')) continue;
      const menu = u.family === 'ipv6' ? '/ipv6 firewall address-list' : '/ip firewall address-list';
      ctx.report({
        start: u.prop.arg.start,
        end: u.prop.arg.end,
        message:
          `The address list '${u.list}' is matched here but nothing in this file fills it (no ${menu} entry, no ` +
          `add-src/dst-to-address-list rule). Unless it already exists on the router, ` +
          (u.negated ? 'this test always succeeds.' : 'this rule never matches.'),
      });
    }
  },
};
