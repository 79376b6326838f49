// The data of the flow picture (flow-view.ts draws it): lanes of rules in packet-flow order from the
// firewall model, unreachable lines from RSC4011 findings, hit counts and traced packets' paths.
import {
  BUILTIN_CHAINS,
  MARK_ACTIONS,
  NOT_MATCHERS,
  type FirewallModel,
  type FirewallRule,
  type FirewallTable,
} from '../analysis';
import type { PacketReport } from '../analysis/trace';
import { laneKey, type FlowGraph, type FlowLane, type FlowRuleBox } from './flow-view';

/** The order a packet meets the built-in chains (RouterOS's packet flow), IPv4 then IPv6. */
const HOOK_ORDER: readonly [FirewallTable, string][] = [
  ['raw', 'prerouting'],
  ['mangle', 'prerouting'],
  ['nat', 'dstnat'],
  ['mangle', 'input'],
  ['filter', 'input'],
  ['mangle', 'forward'],
  ['filter', 'forward'],
  ['raw', 'output'],
  ['mangle', 'output'],
  ['filter', 'output'],
  ['mangle', 'postrouting'],
  ['nat', 'srcnat'],
];

function box(
  rule: FirewallRule,
  unreachable: ReadonlySet<number>,
  hits: ReadonlyMap<number, number> | undefined,
): FlowRuleBox {
  const matchers: string[] = [];
  for (const [name, p] of rule.item.props) {
    if (NOT_MATCHERS.has(name) || name.startsWith('new-') || name.startsWith('to-')) continue;
    matchers.push(
      p.value.computed ? `${name}=(computed)` : `${name}=${p.value.negated ? '!' : ''}${p.value.text}`,
    );
  }
  const sets: string[] = [];
  if (rule.jumpTarget) sets.push(`→ ${rule.jumpTarget}`);
  const mark = rule.action ? MARK_ACTIONS[rule.action] : undefined;
  if (mark) {
    const v = rule.literal(mark.arg);
    if (v !== undefined) sets.push(`⇒ ${v}`);
  }
  for (const name of ['to-addresses', 'to-ports']) {
    const v = rule.literal(name);
    if (v !== undefined) sets.push(`${name}=${v}`);
  }
  const list = rule.literal('address-list');
  if (list !== undefined)
    sets.push(
      `list ${list}${rule.literal('address-list-timeout') ? ` ${rule.literal('address-list-timeout')}` : ''}`,
    );
  if (rule.passthrough === false) sets.push('stop');
  return {
    line: rule.line,
    action: rule.action ?? '(computed)',
    matchers: matchers.join(' '),
    sets: sets.join(' '),
    comment: rule.literal('comment') ?? '',
    disabled: rule.disabled,
    unreachable: unreachable.has(rule.line),
    hits: hits ? (hits.get(rule.line) ?? 0) : null,
  };
}

/**
 * The picture's data. `unreachableLines` are the lines of RSC4011 findings (read by code, whatever rule
 * makes them); `hits` the per-line counts of a replay; `packets` a trace's reports.
 */
export function flowGraph(
  model: FirewallModel,
  options: {
    title: string;
    unreachableLines?: ReadonlySet<number>;
    hits?: ReadonlyMap<number, number>;
    packets?: readonly PacketReport[];
  },
): FlowGraph {
  const unreachable = options.unreachableLines ?? new Set<number>();
  const lanes: FlowLane[] = [];
  for (const family of ['ip', 'ipv6'] as const) {
    const seen = new Set<string>();
    const add = (table: FirewallTable, chain: string): void => {
      const key = `${table} ${chain}`;
      if (seen.has(key)) return;
      seen.add(key);
      const rules = model.chain(family, table, chain);
      if (rules.length === 0) return;
      lanes.push({ family, table, chain, rules: rules.map((r) => box(r, unreachable, options.hits)) });
    };
    for (const [t, c] of HOOK_ORDER) add(t, c);
    for (const table of Object.keys(BUILTIN_CHAINS) as FirewallTable[])
      for (const c of model.chainNames(family, table)) add(table, c);
  }
  const markQueues = new Map<string, string[]>();
  for (const q of model.queues) {
    if (q.disabled) continue;
    for (const m of q.packetMarks) {
      const l = markQueues.get(m) ?? [];
      l.push(q.name ?? `line ${q.line}`);
      markQueues.set(m, l);
    }
  }
  const connToPacket = new Map<string, Set<string>>();
  for (const r of model.rules) {
    if (r.action !== 'mark-packet' || r.disabled) continue;
    const from = r.literal('connection-mark');
    const to = r.literal('new-packet-mark');
    if (from === undefined || to === undefined) continue;
    for (const f of from.split(',')) {
      const s = connToPacket.get(f) ?? new Set<string>();
      s.add(to);
      connToPacket.set(f, s);
    }
  }
  return {
    title: options.title,
    lanes,
    markQueues: [...markQueues].map(([mark, queues]) => ({ mark, queues })),
    connectionToPacket: [...connToPacket].map(([connectionMark, s]) => ({
      connectionMark,
      packetMarks: [...s],
    })),
    packets: (options.packets ?? []).map((p) => ({
      label: p.label,
      steps: p.rules.map((r) => ({
        lane: laneKey({ family: 'ip', table: r.table, chain: r.chain }),
        line: r.line,
        action: r.action,
      })),
      connectionMark: p.connectionMark,
      packetMark: p.packetMark,
      fasttracked: p.fasttracked,
      verdict: p.verdict,
      queues: p.queues,
      nat: [
        ...(p.nat?.dst ? [`dst-nat ${p.nat.dst.from} → ${p.nat.dst.to}`] : []),
        ...(p.nat?.src ? [`src-nat ${p.nat.src.from} → ${p.nat.src.to}`] : []),
      ],
      notModelled: p.notModelled.map((n) => n.message),
    })),
  };
}
