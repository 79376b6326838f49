// Where the recipe's mangle rules must go in an existing configuration: appended at the end of a chain,
// they are hidden by an earlier rule of the user's that takes all their packets and ends the chain (a
// catch-all `mark-packet ... passthrough=no`, an `accept`). Judged with the same model as RSC4011
// (analysis/shadow.ts) on the configuration with the recipe appended. Pure: the caller reads the file.
import { firewallModel, type FirewallRule } from '../../analysis';
import { parse } from '../../syntax';

/** The recipe's rules carry comments starting with this; they are told apart from the user's by it. */
export const RECIPE_COMMENT = 'Skype NAck QoS:';

export interface Placement {
  chain: string;
  /** The user's rule that would hide the recipe's rules in this chain. */
  line: number;
  action: string;
  /** Its comment when no other mangle rule of the configuration has the same one (usable with find). */
  uniqueComment?: string;
}

/**
 * For each chain of the recipe's mangle rules that an existing rule would hide: that rule. `existing`
 * is the user's configuration (an /export), `recipe` the generated script.
 */
export function hidingRules(existing: string, recipe: string): Placement[] {
  const text = existing.endsWith('\n') ? existing + recipe : `${existing}\n${recipe}`;
  const existingLines = text.slice(0, text.length - recipe.length).split('\n').length - 1;
  const model = firewallModel(parse(text), text);
  const mangle = model.rules.filter((r) => r.table === 'mangle' && r.family === 'ip');
  const comments = new Map<string, number>();
  for (const r of mangle) {
    const c = r.literal('comment');
    if (c !== undefined) comments.set(c, (comments.get(c) ?? 0) + 1);
  }
  const byChain = new Map<string, FirewallRule>();
  for (const r of mangle) {
    if (r.line <= existingLines || !(r.literal('comment') ?? '').startsWith(RECIPE_COMMENT)) continue;
    const by = model.shadowedBy(r);
    if (by === undefined || by.line > existingLines || r.chain === undefined) continue;
    const seen = byChain.get(r.chain);
    if (seen === undefined || by.line < seen.line) byChain.set(r.chain, by);
  }
  return [...byChain].map(([chain, by]) => {
    const c = by.literal('comment');
    return {
      chain,
      line: by.line,
      action: by.action ?? '',
      uniqueComment: c !== undefined && comments.get(c) === 1 ? c : undefined,
    };
  });
}
