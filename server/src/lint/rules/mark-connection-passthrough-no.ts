// RSC4001: a mark-connection rule with passthrough=no stops the packets it marks, so later rules of the
// same chain that match that connection mark (typically the mark-packet rule feeding a queue) never see them.
import {
  BUILTIN_CHAINS,
  describeRule,
  firewallModel,
  linesPhrase,
  propRange,
  splitList,
  type FirewallModel,
  type FirewallRule,
} from '../../analysis';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4001',
  name: 'mark-connection-passthrough-no',
  severity: 'warning',
  fix: 'safe',
  description:
    'mark-connection with passthrough=no followed in the same chain by rules matching that connection mark: they never see the packets it marks.',
};

/**
 * True when the rule can only see the first packet(s) of a connection (`connection-state=new`, only
 * unmarked connections, or a custom chain that every jump enters only for such packets): later packets
 * carry the mark and pass it by, so only the first packet misses the later rules. That is the common
 * "classify once" design, not the bug this rule is about.
 */
function firstPacketsOnly(model: FirewallModel, rule: FirewallRule, depth = 0): boolean {
  const state = rule.prop('connection-state');
  if (state && !state.value.computed) {
    const states = splitList(state.value.text);
    if (state.value.negated ? states.includes('established') : !states.includes('established')) return true;
  }
  const cm = rule.prop('connection-mark');
  if (cm && !cm.value.computed && (cm.value.text === 'no-mark' || cm.value.negated)) return true;
  if (rule.chain === undefined || BUILTIN_CHAINS[rule.table].includes(rule.chain) || depth > 8) return false;
  const callers = model.jumpsInto(rule.family, rule.table, rule.chain);
  return callers.length > 0 && callers.every((j) => firstPacketsOnly(model, j, depth + 1));
}

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    for (const r of model.rules) {
      if (r.table !== 'mangle' || r.action !== 'mark-connection' || r.disabled || r.item.conditional)
        continue;
      if (r.passthrough !== false || !r.passthroughProp) continue;
      const mark = r.literal('new-connection-mark');
      if (mark === undefined || mark === 'no-mark' || firstPacketsOnly(model, r)) continue;
      const matchesMark = (f: FirewallRule): boolean => {
        const p = f.prop('connection-mark');
        return !!p && !p.value.computed && !p.value.negated && splitList(p.value.text).includes(mark);
      };
      // Candidates come from the mark index, so only the rules that test this mark are looked at.
      const hidden = new Set<FirewallRule>();
      for (const u of model.usesOf('connection', mark)) {
        if (u.owner.kind !== 'rule' || u.negated) continue;
        const f = u.owner.rule;
        if (f !== r && model.isAfter(r, f)) hidden.add(f);
      }
      const blind = [...hidden];
      if (blind.length === 0) continue;
      blind.sort((x, y) => (model.isAfter(x, y) ? -1 : model.isAfter(y, x) ? 1 : 0));
      const doing = blind.some((f) => f.action === 'mark-packet')
        ? 'these packets get no packet mark, and the queue meant for them counts nothing'
        : 'those rules never act on these packets';
      const pt = r.passthroughProp;
      // Switching to yes only lets the marked packets reach the rules written for them when those are all
      // that follows; otherwise other rules would start seeing them too, which the author must decide.
      const safe = model.followers(r).every(matchesMark);
      ctx.report({
        ...propRange(pt),
        message:
          `This mark-connection rule (line ${r.line}) stops processing with passthrough=no, so the packets it ` +
          `marks '${mark}' never reach ${blind.length === 1 ? describeRule(blind[0]) : `the rules on ${linesPhrase(blind.map((b) => b.line))}`} ` +
          `(connection-mark=${mark}): ${doing}. Use passthrough=yes here and end the chain at the mark-packet rule instead.`,
        related: blind.map((b) => ({
          start: b.item.command.start,
          end: b.item.command.end,
          message: `matches connection-mark=${mark} but never sees the packets marked on line ${r.line}`,
        })),
        fix: {
          title: 'Set passthrough=yes',
          edits: [{ start: pt.value.start, end: pt.value.end, newText: 'yes' }],
          safe,
        },
      });
    }
  },
};
