// RSC4006: real-time traffic marked from a dynamic detection (an address list filled by
// add-src/dst-to-address-list, or a layer7-protocol match) without connection-rate or connection-bytes:
// every connection between the detected peers gets the priority, bulk transfers included (the seed
// thread's Skype file transfers). "Real-time" is judged from the names involved and the queue priority.
import { firewallModel, splitList, type FirewallModel, type FirewallRule, type Prop } from '../../analysis';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4006',
  name: 'realtime-mark-without-rate-limit',
  severity: 'warning',
  fix: 'suggestion',
  description:
    'real-time traffic marked from a dynamic detection list or layer-7 match without connection-rate or connection-bytes.',
};

/** Names that say "interactive, latency-sensitive traffic". */
const REALTIME =
  /voip|voice|(^|[^a-z])(sip|rtp)([^a-z]|$)|skype|call|video|teams|zoom|webex|meet|gam(e|ing)|real-?time|interactive|whatsapp|facetime/i;

/** A queue priority at or above this (1 is the highest) is a real-time queue. */
const REALTIME_PRIORITY = 4;

const limited = (r: FirewallRule): boolean =>
  r.prop('connection-rate') !== undefined || r.prop('connection-bytes') !== undefined;

/** The dynamic source a marking rule relies on, if any. */
function dynamicSource(model: FirewallModel, r: FirewallRule): { prop: Prop; what: string } | undefined {
  const l7 = r.prop('layer7-protocol');
  if (l7 && (l7.value.computed || !l7.value.negated))
    return { prop: l7, what: `the layer-7 match '${l7.value.computed ? '…' : l7.value.text}'` };
  for (const name of ['src-address-list', 'dst-address-list']) {
    const p = r.prop(name);
    if (!p || p.value.computed || p.value.negated) continue;
    for (const list of splitList(p.value.text)) {
      const dyn = model.fillsOf(r.family, list).find((f) => f.how === 'dynamic');
      if (dyn)
        return {
          prop: p,
          what: `the address list '${list}', filled by the detection rule on line ${dyn.line}`,
        };
    }
  }
  return undefined;
}

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    for (const r of model.rules) {
      if (r.table !== 'mangle' || r.disabled || r.item.conditional) continue;
      if (r.action !== 'mark-connection' && r.action !== 'mark-packet') continue;
      if (limited(r)) continue;
      const src = dynamicSource(model, r);
      if (!src) continue;
      const mark = r.literal(r.action === 'mark-connection' ? 'new-connection-mark' : 'new-packet-mark');
      if (mark === undefined) continue;
      let packetMarks = [mark];
      if (r.action === 'mark-connection') {
        const consumers = model
          .usesOf('connection', mark)
          .flatMap((u) =>
            u.owner.kind === 'rule' && !u.negated && u.owner.rule.table === 'mangle' ? [u.owner.rule] : [],
          )
          .filter((c) => c.action === 'mark-packet');
        // The rate limit may sit on the mark-packet rules instead: then bulk connections keep the connection
        // mark but never get the real-time packet mark.
        if (consumers.length > 0 && consumers.every(limited)) continue;
        packetMarks = consumers.flatMap((c) => {
          const m = c.literal('new-packet-mark');
          return m === undefined ? [] : [m];
        });
      }
      const queues = model.queues.filter((q) => q.packetMarks.some((m) => packetMarks.includes(m)));
      const names = [
        mark,
        src.prop.value.computed ? '' : src.prop.value.text,
        r.literal('comment') ?? '',
        ...packetMarks,
        ...queues.map((q) => q.name ?? ''),
      ];
      const realtime =
        names.some((n) => REALTIME.test(n)) ||
        queues.some((q) => q.priority !== undefined && q.priority <= REALTIME_PRIORITY);
      if (!realtime) continue;
      ctx.report({
        start: src.prop.arg.start,
        end: src.prop.arg.end,
        message:
          `This rule gives the mark '${mark}' to every ${r.action === 'mark-connection' ? 'connection' : 'packet'} matched by ` +
          `${src.what}, with no connection-rate or connection-bytes limit: bulk transfers between the same peers ` +
          `(file transfers, downloads) get the real-time priority too. Add e.g. connection-rate=0-50k.`,
        fix: {
          title: 'Add connection-rate=0-50k',
          edits: [{ start: src.prop.arg.end, end: src.prop.arg.end, newText: ' connection-rate=0-50k' }],
          safe: false,
        },
      });
    }
  },
};
