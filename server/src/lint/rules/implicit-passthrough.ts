// RSC4003: a mark action that leaves passthrough to its default. The default (yes) is not what many readers
// assume, so the rule asks for it to be written; writing the default cannot change what the router does.
import { firewallModel, MARK_ACTIONS, ruleRange } from '../../analysis';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4003',
  name: 'implicit-passthrough',
  severity: 'information',
  fix: 'safe',
  description:
    'mark-connection/mark-packet/mark-routing without an explicit passthrough= (the default is yes).',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    for (const r of model.rules) {
      if (r.table !== 'mangle' || !r.action || !MARK_ACTIONS[r.action] || r.passthroughProp) continue;
      const markProp = r.prop(MARK_ACTIONS[r.action].arg) ?? r.prop('action');
      const at = markProp ? markProp.arg.end : r.item.command.end;
      ctx.report({
        ...ruleRange(r),
        message:
          `This ${r.action} rule does not say passthrough=: it defaults to yes, so the packet goes on to the ` +
          `next rules after being marked. Write passthrough=yes (or no, to stop here) so readers do not have to guess.`,
        fix: {
          title: 'Write the default passthrough=yes',
          edits: [{ start: at, end: at, newText: ' passthrough=yes' }],
          safe: true,
        },
      });
    }
  },
};
