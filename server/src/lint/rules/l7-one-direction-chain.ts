// RSC3011: `layer7-protocol=` in the input or prerouting chain without the same rule in output or
// postrouting. The matcher must see both directions of a connection (manual, Layer7); in one of these chains
// it sees only one, so the collected data is incomplete and the pattern matches wrongly or never.
import { mentions } from '../../syntax';
import { firewallModel, type FirewallRule } from '../../analysis';
import type { Rule, RuleMeta } from '../types';
import { L7_MATCH_TABLES } from '../../l7/script';

export const meta: RuleMeta = {
  code: 'RSC3011',
  name: 'l7-one-direction-chain',
  severity: 'warning',
  fix: 'suggestion',
  description:
    'layer7-protocol= in input/prerouting without the same rule in output/postrouting: it sees one direction.',
};

/** The chain that carries the other direction of the traffic a one-direction chain sees. */
const PARTNER: Readonly<Record<string, string>> = { input: 'output', prerouting: 'postrouting' };

function l7Name(r: FirewallRule): string | undefined {
  const p = r.prop('layer7-protocol');
  return p === undefined || p.value.computed ? undefined : (p.value.negated ? '!' : '') + p.value.text;
}

export const rule: Rule = {
  meta,
  check(ctx) {
    // Only rules that write `layer7-protocol=` are judged here.
    if (!mentions(ctx.text, 'layer7-protocol')) return;
    const model = firewallModel(ctx.parse, ctx.text);
    for (const r of model.rules) {
      if (r.family !== 'ip' || !L7_MATCH_TABLES.has(r.table) || r.disabled || r.chain === undefined) continue;
      const partner = PARTNER[r.chain];
      const name = l7Name(r);
      if (partner === undefined || name === undefined) continue;
      const paired = model.chain(r.family, r.table, partner).some((o) => !o.disabled && l7Name(o) === name);
      if (paired) continue;
      const chain = r.prop('chain');
      if (chain === undefined || chain.value.computed) continue;
      ctx.report({
        start: chain.arg.start,
        end: chain.arg.end,
        message:
          r.chain === 'prerouting'
            ? `layer7-protocol=${name} in prerouting sees both directions of forwarded traffic, but not the packets ` +
              `the router itself sends (they leave through output and postrouting), and no rule in ${partner} with ` +
              `layer7-protocol=${name} shows them: for connections to or from the router it collects one direction only.\n` +
              `Add the same rule in ${partner}, or use forward if only traffic through the router matters.`
            : `layer7-protocol=${name} in input sees only packets addressed to the router: never forwarded traffic, ` +
              `and for connections to the router not its own replies (they leave through output), and no rule in ` +
              `${partner} with layer7-protocol=${name} shows them.\n` +
              `Add the same rule in ${partner}, or use forward for traffic through the router.`,
        fix: {
          title:
            r.chain === 'prerouting'
              ? "Move the rule to the forward chain: it then sees both directions of forwarded traffic and none of the router's own connections"
              : 'Move the rule to the forward chain: it then sees traffic through the router (both directions) instead of traffic to it',
          edits: [{ start: chain.value.start, end: chain.value.end, newText: 'forward' }],
          safe: false,
        },
      });
    }
  },
};
