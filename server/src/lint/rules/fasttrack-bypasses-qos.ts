// RSC4010: a fasttrack-connection rule that takes connections mangle marks or queues depend on. Fast-tracked
// packets skip mangle and queues, so the QoS sees only the first packets of each connection ("counts
// nothing"). A fasttrack rule restricted to connection-mark=no-mark is fine when every packet and routing
// mark derives from a connection mark and no simple queue shapes by target alone.
import {
  firewallModel,
  linesPhrase,
  MARK_ACTIONS,
  ruleRange,
  splitList,
  type FirewallRule,
  type Queue,
} from '../../analysis';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4010',
  name: 'fasttrack-bypasses-qos',
  severity: 'warning',
  fix: 'none',
  description:
    'fasttrack-connection in /ip firewall filter for connections that mangle marks or queues depend on.',
};

/** Properties that do not narrow which connections a fasttrack rule takes. */
const BROAD = new Set([
  'chain',
  'action',
  'connection-state',
  'connection-nat-state',
  'hw-offload',
  'comment',
  'disabled',
  'log',
  'log-prefix',
]);

const MAX_RELATED = 6;

/**
 * True when a queue tree entry hangs under `global` (directly or through parents named in the file), or
 * its root cannot be told (a computed parent, a cycle): fast-tracked packets bypass such a tree.
 */
function underGlobal(q: Queue, queues: readonly Queue[]): boolean {
  const byName = new Map<string, Queue>();
  for (const x of queues) if (x.kind === 'tree' && x.name !== undefined) byName.set(x.name, x);
  let cur: Queue | undefined = q;
  for (let hops = 0; cur !== undefined && hops <= queues.length; hops++) {
    const parent: string | undefined = cur.parent;
    if (parent === undefined) return true;
    if (parent === 'global') return true;
    const next = byName.get(parent);
    // A parent that is no queue of the file is an interface: an interface HTB sees fast-tracked packets.
    if (next === undefined) return false;
    cur = next;
  }
  return true;
}

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    const queues = model.queues.filter((q) => !q.disabled && !q.item.conditional);
    // The enabled mangle mark rules of a family, gathered once per family rather than per fasttrack rule.
    const markersByFamily = new Map<FirewallRule['family'], FirewallRule[]>();
    const markersOf = (family: FirewallRule['family']): FirewallRule[] => {
      let found = markersByFamily.get(family);
      if (found === undefined) {
        found = model.rules.filter(
          (r: FirewallRule) =>
            r.family === family &&
            r.table === 'mangle' &&
            !r.disabled &&
            r.action !== undefined &&
            MARK_ACTIONS[r.action] !== undefined,
        );
        markersByFamily.set(family, found);
      }
      return found;
    };
    for (const f of model.rules) {
      if (f.table !== 'filter' || f.action !== 'fasttrack-connection' || f.disabled || f.item.conditional)
        continue;
      const markers = markersOf(f.family);
      if (markers.length === 0 && queues.length === 0) continue;
      // Anything beyond the broad matchers (interfaces, address lists, protocols...) may well exclude the
      // shaped traffic; the analysis cannot tell, and a false alarm is worse than silence here.
      let narrowed = false;
      for (const name of f.item.props.keys())
        if (!BROAD.has(name) && name !== 'connection-mark') narrowed = true;
      if (narrowed) continue;
      const cm = f.prop('connection-mark');
      let exposedMarkers = markers;
      let exposedQueues = queues;
      if (cm) {
        if (cm.value.computed || cm.value.negated || cm.value.text !== 'no-mark') continue;
        // With connection-mark=no-mark only unmarked connections are fast-tracked: what still depends on
        // them are packet/routing marks not derived from a connection mark, simple queues that shape by
        // target with no packet mark, and queues for packet-mark=no-mark (the unclassified rest).
        exposedMarkers = markers.filter((r) => {
          if (r.action === 'mark-connection') return false;
          const dep = r.prop('connection-mark');
          return !dep || dep.value.computed || dep.value.negated || dep.value.text === 'no-mark';
        });
        // A queue tree under an interface still sees fast-tracked packets: the manual (FastTrack) lists
        // only simple queues and queue trees with parent=global among what they bypass. So a no-mark
        // queue on an interface (the recipe's default child) gets the fast-tracked rest as it should.
        exposedQueues = queues.filter(
          (q) =>
            (q.kind === 'simple' && !q.packetMarkProp) ||
            (q.packetMarkProp !== undefined &&
              !q.packetMarkProp.value.computed &&
              splitList(q.packetMarkProp.value.text).includes('no-mark') &&
              (q.kind === 'simple' || underGlobal(q, queues))),
        );
      }
      if (exposedMarkers.length === 0 && exposedQueues.length === 0) continue;
      const parts: string[] = [];
      if (exposedMarkers.length > 0)
        parts.push(`the mangle marks on ${linesPhrase(exposedMarkers.map((r) => r.line))}`);
      if (exposedQueues.length > 0)
        parts.push(`the queues on ${linesPhrase(exposedQueues.map((q) => q.line))}`);
      ctx.report({
        ...ruleRange(f),
        message:
          `This fasttrack-connection rule (line ${f.line}) fast-tracks ${cm ? 'unmarked' : 'established'} connections, and ` +
          `fast-tracked packets skip mangle and queues: ${parts.join(' and ')} only see the first packets of ` +
          `each connection, so the QoS counts (almost) nothing. Exclude the shaped traffic from fasttrack ` +
          `(e.g. mark connections and add connection-mark=no-mark here) or remove the fasttrack rule.`,
        related: [
          ...exposedMarkers.slice(0, MAX_RELATED).map((r) => ({
            start: r.item.command.start,
            end: r.item.command.end,
            message: `${r.action} rule: misses fast-tracked packets`,
          })),
          ...exposedQueues.slice(0, MAX_RELATED).map((q) => ({
            start: q.item.command.start,
            end: q.item.command.end,
            message: `queue ${q.kind}${q.name ? ` '${q.name}'` : ''}: fast-tracked packets bypass it`,
          })),
        ],
      });
    }
  },
};
