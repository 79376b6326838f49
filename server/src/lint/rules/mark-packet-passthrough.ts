// RSC4002: a mark-packet rule that lets the packet continue (passthrough=yes, written or by default) while a
// later mark-packet rule of the same chain can match the same packet and overwrite the mark.
import {
  describeRule,
  firewallModel,
  propRange,
  ruleRange,
  splitList,
  type FirewallRule,
} from '../../analysis';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4002',
  name: 'mark-packet-passthrough',
  severity: 'warning',
  fix: 'suggestion',
  description:
    'mark-packet without passthrough=no while a later mark-packet rule in the same chain can overwrite the mark.',
};

/** Matchers whose different literal values make two rules match disjoint sets of packets. */
const EXCLUSIVE = [
  'connection-mark',
  'protocol',
  'in-interface',
  'out-interface',
  'in-interface-list',
  'out-interface-list',
];

function positive(rule: FirewallRule, name: string): string | undefined {
  return rule.literal(name);
}

/** True when no packet can match both rules (different marks, protocols or interfaces). */
function disjoint(a: FirewallRule, b: FirewallRule): boolean {
  for (const name of EXCLUSIVE) {
    const x = positive(a, name);
    const y = positive(b, name);
    if (x !== undefined && y !== undefined) {
      const xs = splitList(x);
      if (!splitList(y).some((v) => xs.includes(v))) return true;
    }
  }
  return false;
}

/** Related locations listed per finding; the search for overwriters stops there too. */
const MAX_OVERWRITERS = 5;

/**
 * Upper bound on candidate checks per file. Files where many mark-packet rules lack a connection mark
 * could otherwise cost rules x rules; past the budget the rule stays silent rather than slow the editor.
 */
const BUDGET = 2_000_000;

/** The single literal connection mark a rule tests, if any. */
function connMark(r: FirewallRule): string | undefined {
  const v = r.literal('connection-mark');
  return v !== undefined && !v.includes(',') ? v : undefined;
}

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    // Index: live mark-packet rules by family and connection mark ('' = none, negated or computed), so a
    // rule for connection mark A only meets the rules for A and the unconditioned ones.
    const groups = new Map<string, FirewallRule[]>();
    for (const r of model.rules) {
      if (r.table !== 'mangle' || r.action !== 'mark-packet' || r.disabled || r.item.conditional) continue;
      const k = `${r.family} ${connMark(r) ?? ''}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(r);
    }
    let budget = BUDGET;
    for (const r of model.rules) {
      if (r.table !== 'mangle' || r.action !== 'mark-packet' || r.disabled || r.item.conditional) continue;
      if (r.passthrough === false || (r.passthroughProp && r.passthroughProp.value.computed)) continue;
      const mark = r.literal('new-packet-mark');
      if (mark === undefined) continue;
      const overwrites = (f: FirewallRule): boolean =>
        f.action === 'mark-packet' &&
        // A later rule that tests packet-mark (no-mark or another mark) is written for packets in a
        // known marking state: it does not overwrite by accident.
        f.prop('packet-mark') === undefined &&
        f.literal('new-packet-mark') !== mark &&
        !disjoint(r, f);
      const overwriters: FirewallRule[] = [];
      const cm = connMark(r);
      if (cm !== undefined) {
        const cands = [...(groups.get(`${r.family} ${cm}`) ?? []), ...(groups.get(`${r.family} `) ?? [])];
        budget -= cands.length;
        for (const f of cands) if (model.isAfter(r, f) && overwrites(f)) overwriters.push(f);
      } else {
        const fs = model.followers(r);
        budget -= fs.length;
        for (const f of fs) {
          if (overwrites(f)) overwriters.push(f);
          if (overwriters.length >= MAX_OVERWRITERS) break;
        }
      }
      if (budget < 0) return;
      if (overwriters.length === 0) continue;
      overwriters.sort((a, b) => (model.isAfter(a, b) ? -1 : model.isAfter(b, a) ? 1 : 0));
      const first = overwriters[0];
      const other = first.literal('new-packet-mark');
      const pt = r.passthroughProp;
      const how = pt ? 'passthrough=yes' : 'passthrough defaults to yes';
      ctx.report({
        ...(pt ? propRange(pt) : ruleRange(r)),
        message:
          `After this rule marks packets '${mark}' they keep going (${how}), and ${describeRule(first)} can ` +
          `overwrite the mark${other ? ` with '${other}'` : ''}, so the queue for '${mark}' may lose them. ` +
          `The usual pattern ends the chain here with passthrough=no.`,
        related: overwriters.slice(0, MAX_OVERWRITERS).map((f) => ({
          start: f.item.command.start,
          end: f.item.command.end,
          message: `may overwrite the packet mark '${mark}' set on line ${r.line}`,
        })),
        fix: {
          title: 'Set passthrough=no',
          edits: pt
            ? [{ start: pt.value.start, end: pt.value.end, newText: 'no' }]
            : [{ start: insertAt(r), end: insertAt(r), newText: ' passthrough=no' }],
          safe: false,
        },
      });
    }
  },
};

/** Inserts right after `new-packet-mark=...` (or the action) in the command that set it. */
function insertAt(r: FirewallRule): number {
  const p = r.prop('new-packet-mark') ?? r.prop('action');
  return p ? p.arg.end : r.item.command.end;
}
