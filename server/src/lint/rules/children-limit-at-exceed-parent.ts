// RSC4014: the children of a queue guarantee more (sum of limit-at) than the parent's max-limit allows:
// HTB first gives every child its limit-at, within what the parent may send, so the guarantees cannot all
// be met and the ones later served lose theirs under load.
import { firewallModel, liveQueues, parentQueue, queueRates, rateText, type Queue } from '../../analysis';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4014',
  name: 'children-limit-at-exceed-parent',
  severity: 'warning',
  fix: 'none',
  description: "The children's limit-at add up to more than their parent's max-limit.",
};

const DIRECTIONS = ['upload', 'download'] as const;

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    if (model.queues.length < 2) return;
    const all = liveQueues(model.queues);
    const children = new Map<Queue, Queue[]>();
    for (const q of all) {
      const p = parentQueue(q, all);
      if (p === undefined) continue;
      let list = children.get(p);
      if (!list) children.set(p, (list = []));
      list.push(q);
    }
    for (const [parent, kids] of children) {
      const max = queueRates(parent, 'max-limit');
      if (max === undefined) continue;
      const ats = kids.map((k) => ({ k, at: queueRates(k, 'limit-at') }));
      // A child whose limit-at cannot be read (computed) makes the sum unknown.
      if (ats.some((x) => x.at === undefined && x.k.item.props.get('limit-at') !== undefined)) continue;
      for (const i of parent.kind === 'simple' ? [0, 1] : [0]) {
        if (max.rates[i] <= 0) continue;
        const sum = ats.reduce((s, x) => s + (x.at?.rates[i] ?? 0), 0);
        if (sum <= max.rates[i]) continue;
        const dir = parent.kind === 'simple' ? ` (${DIRECTIONS[i]})` : '';
        ctx.report({
          start: max.prop.arg.start,
          end: max.prop.arg.end,
          message:
            `The children of queue ${parent.name ?? ''} guarantee ${rateText(sum)} in total (limit-at${dir}), more than ` +
            `its max-limit ${rateText(max.rates[i])}: the guarantees cannot all be met. Lower the children's limit-at ` +
            `so they add up to at most the parent's max-limit.`,
          related: ats
            .filter((x) => x.at !== undefined && x.at.rates[i] > 0)
            .slice(0, 8)
            .map((x) => ({
              start: x.at!.prop.arg.start,
              end: x.at!.prop.arg.end,
              message: `${x.k.name ?? 'child'}: limit-at ${rateText(x.at!.rates[i])}`,
            })),
        });
        break;
      }
    }
  },
};
