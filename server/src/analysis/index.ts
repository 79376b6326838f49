// Public face of the analysis layer: the replayed configuration tables and the firewall/QoS flow model,
// plus the small helpers the RSC4nnn rules and the "Show Mangle Flow" view share.
import type { Prop } from './config';
import type { FirewallRule } from './firewall';

export * from './config';
export * from './firewall';
export * from './ranges';
export * from './shadow';
export * from './queues';
export * from './values';

/** The source range of a property as written (`name=value`). */
export function propRange(p: Prop): { start: number; end: number } {
  return { start: p.arg.start, end: p.arg.end };
}

/** Where to point at a rule as a whole: its `action=` argument, else the command word. */
export function ruleRange(rule: FirewallRule): { start: number; end: number } {
  const a = rule.prop('action');
  if (a && a.command === rule.item.command) return propRange(a);
  return { start: rule.item.command.nameStart, end: rule.item.command.nameEnd };
}

/** "the mark-packet rule on line 12" (or "the rule on line 12" when the action is computed). */
export function describeRule(rule: FirewallRule): string {
  return `the ${rule.action ? `${rule.action} ` : ''}rule on line ${rule.line}`;
}
