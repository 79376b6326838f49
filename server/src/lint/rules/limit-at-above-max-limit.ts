// RSC4013: `limit-at` greater than `max-limit` on the same queue (a queue tree entry, or either direction
// of a simple queue's upload/download pair). The guarantee cannot exceed the ceiling; RouterOS then gives
// at most max-limit, so the numbers say something the queue does not do.
import { firewallModel, liveQueues, queueRates, rateText } from '../../analysis';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4013',
  name: 'limit-at-above-max-limit',
  severity: 'warning',
  fix: 'none',
  description: 'A queue whose limit-at is greater than its own max-limit.',
};

const DIRECTIONS = ['upload', 'download'] as const;

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    for (const q of liveQueues(model.queues)) {
      const at = queueRates(q, 'limit-at');
      const max = queueRates(q, 'max-limit');
      if (at === undefined || max === undefined) continue;
      const bad = [0, 1].filter((i) => max.rates[i] > 0 && at.rates[i] > max.rates[i]);
      if (bad.length === 0 || (q.kind === 'tree' && bad[0] !== 0)) continue;
      const i = bad[0];
      const dir = q.kind === 'simple' ? ` (${DIRECTIONS[i]})` : '';
      ctx.report({
        start: at.prop.arg.start,
        end: at.prop.arg.end,
        message:
          `limit-at${dir} ${rateText(at.rates[i])} is above this queue's max-limit ${rateText(max.rates[i])}: a guarantee ` +
          `cannot exceed the ceiling. Lower limit-at to at most max-limit, or raise max-limit.`,
        related: [{ start: max.prop.arg.start, end: max.prop.arg.end, message: 'the max-limit' }],
      });
    }
  },
};
