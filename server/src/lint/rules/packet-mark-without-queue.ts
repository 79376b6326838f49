// RSC4005: a packet mark is set but no queue (queue tree packet-mark=, queue simple packet-marks=) and no
// other rule of the file uses it, so the marking changes nothing. A warning when the file has queues (the
// QoS setup is here and misses this mark), information when it has none (the queues may live elsewhere).
import { firewallModel, type MarkRef } from '../../analysis';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4005',
  name: 'packet-mark-without-queue',
  severity: 'warning',
  fix: 'none',
  description: 'packet mark set but used by no queue (or other rule): the marking has no effect on QoS.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    // A queue or rule that takes a computed packet mark (created in a loop) may take any of them.
    if (model.computedMarkUses.has('packet')) return;
    const hasQueues = model.queues.length > 0;
    const reported = new Set<string>();
    for (const s of model.markSets) {
      if (s.kind !== 'packet' || s.disabled || s.owner.kind !== 'rule') continue;
      if (s.owner.rule.item.conditional) continue;
      const self = s.owner.rule;
      const used = model
        .usesOf('packet', s.name)
        .some((u: MarkRef) => !(u.owner.kind === 'rule' && u.owner.rule === self));
      if (used) continue;
      const setters = model.setsOf('packet', s.name).filter((x) => x !== s && x.owner.kind === 'rule');
      const message = hasQueues
        ? `The packet mark '${s.name}' is set here but no queue in this file uses it (queue tree packet-mark=, ` +
          `queue simple packet-marks=), so marking these packets has no effect on QoS.`
        : `The packet mark '${s.name}' is set here but nothing in this file uses it, and the file defines no ` +
          `queues: unless a queue on the router uses '${s.name}', marking these packets has no effect.`;
      ctx.report({
        start: s.prop.arg.start,
        end: s.prop.arg.end,
        severity: hasQueues ? 'warning' : 'information',
        message,
        related: reported.has(s.name)
          ? undefined
          : setters.map((x) => ({
              start: x.prop.arg.start,
              end: x.prop.arg.end,
              message: `also sets '${s.name}'`,
            })),
      });
      reported.add(s.name);
    }
  },
};
