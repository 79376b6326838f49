// RSC4012: `priority=` on a queue with no limited parent. HTB priority only orders children competing for
// a parent's limited bandwidth (manual, "Queues": a child with a higher priority gets its limit-at and then
// its share up to max-limit before lower ones); directly under global or an interface, with no ancestor
// whose max-limit is below the line rate, nothing competes and the priority does nothing.
import { firewallModel, liveQueues, parentQueue, queueRates, type Queue } from '../../analysis';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4012',
  name: 'priority-without-limit',
  severity: 'warning',
  fix: 'none',
  description: 'A queue priority with no parent that has a max-limit: HTB priority then orders nothing.',
};

/** True when some ancestor (in the file) has a max-limit above 0 in some direction. */
function limitedAncestor(q: Queue, all: readonly Queue[]): boolean | undefined {
  let cur = parentQueue(q, all);
  for (let hops = 0; cur !== undefined && hops <= all.length; hops++) {
    const m = cur.item.props.get('max-limit');
    if (m !== undefined && m.value.computed) return undefined;
    const r = queueRates(cur, 'max-limit');
    if (r !== undefined && (r.rates[0] > 0 || r.rates[1] > 0)) return true;
    cur = parentQueue(cur, all);
  }
  return false;
}

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    if (model.queues.length === 0) return;
    const all = liveQueues(model.queues);
    for (const q of all) {
      const p = q.item.props.get('priority');
      if (!p || p.value.computed) continue;
      // 8 is the default and the lowest: writing it changes nothing anywhere.
      if (p.value.text.split('/').every((x) => x.trim() === '8')) continue;
      // A parent that is a computed name, or a queue of this file that is disabled, cannot be judged.
      const parentProp = q.item.props.get('parent');
      if (parentProp !== undefined && parentProp.value.computed) continue;
      const limited = limitedAncestor(q, all);
      if (limited !== false) continue;
      if (
        q.parent !== undefined &&
        parentQueue(q, model.queues) !== undefined &&
        parentQueue(q, all) === undefined
      )
        continue;
      const where =
        q.parent === undefined || q.parent === 'none' || q.parent === 'global'
          ? q.kind === 'simple'
            ? 'a simple queue without a limited parent'
            : 'directly under global'
          : `under "${q.parent}", which has no max-limit in this file`;
      ctx.report({
        start: p.arg.start,
        end: p.arg.end,
        message:
          `priority=${p.value.text} does nothing here (${where}): HTB priority only orders queues that compete for ` +
          `a parent's max-limit. Put this queue under a parent with max-limit about 90% of the line rate, per direction.`,
      });
    }
  },
};
