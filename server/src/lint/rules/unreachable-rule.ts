// RSC4011: a firewall rule no packet can reach. An earlier rule of the same chain matches every packet it
// would match (the same or fewer matchers, each covering the later one's value) and ends processing there:
// accept, drop, reject, return, a NAT action, or a mark action with passthrough=no. The usual cause in QoS
// scripts is a catch-all `mark-packet ... passthrough=no` or `accept` above rules appended later.
import { firewallModel, ruleRange } from '../../analysis';
import { brokenStatements } from '../support/broken-statements';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4011',
  name: 'unreachable-rule',
  severity: 'warning',
  fix: 'none',
  description:
    'A firewall rule no packet can reach: an earlier rule of its chain takes all its packets and ends there.',
};

/** How the earlier rule ends processing, in words. */
function how(action: string, passthroughNo: boolean): string {
  return passthroughNo ? `${action} with passthrough=no` : action;
}

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    const broken = brokenStatements(ctx.parse).list;
    for (const r of model.rules) {
      const by = model.shadowedBy(r);
      if (by === undefined) continue;
      // One cause, one error: a rule the parser could not read to its end (`add chain=forward # note`)
      // is not known to take every packet; its syntax error is the finding.
      const { start, end } = by.item.command;
      if (broken.some((b) => b.errorStart >= start && b.errorStart <= end)) continue;
      const ends = how(by.action ?? '', by.passthroughProp !== undefined && by.passthrough === false);
      ctx.report({
        ...ruleRange(r),
        message:
          `No packet reaches this rule: the rule on line ${by.line} (${ends}) matches every packet it would match ` +
          `and ends processing in chain ${r.chain ?? ''} first. Move this rule above line ${by.line}, or narrow ` +
          `the rule on line ${by.line}.`,
        related: [
          {
            start: by.item.command.start,
            end: by.item.command.end,
            message: `line ${by.line}: takes every packet of the later rule (${ends})`,
          },
        ],
      });
    }
  },
};
