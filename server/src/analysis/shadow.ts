// Which firewall rules no packet can reach (RSC4011, and the mangle-flow view): an earlier rule of the
// same chain matches every packet the later one would match and ends processing there. "Every packet" is
// decided conservatively from the written matchers: the earlier rule's matchers must each be present on
// the later rule with the same value, or a value it covers (a connection-state list holding the later
// one's states, an IPv4 prefix containing the later one's). Anything the analysis cannot judge (computed
// values, stateful matchers such as limit or nth, placement relative to items outside the file) makes it
// say nothing.
import type { CommandNode } from '../syntax';
import type { FirewallRule, FirewallTable } from './firewall';
import type { Prop } from './config';
import { yesNo } from './values';

/**
 * Arguments that say what a rule does, not which packets it matches: the one list the shadow analysis, the
 * packet tracer and the flow views share.
 */
export const NOT_MATCHERS: ReadonlySet<string> = new Set([
  'copy-from',
  'chain',
  'action',
  'comment',
  'disabled',
  'log',
  'log-prefix',
  'passthrough',
  'jump-target',
  'address-list',
  'address-list-timeout',
  'new-connection-mark',
  'new-packet-mark',
  'new-routing-mark',
  'new-dscp',
  'new-priority',
  'new-ttl',
  'new-mss',
  'route-dst',
  'sniff-id',
  'sniff-target',
  'sniff-target-port',
  'to-addresses',
  'to-ports',
  'to-address',
  'reject-with',
  'place-before',
  'hw-offload',
  'randomise-ports',
  'same-not-by-dst',
]);

/**
 * Matchers with state of their own (a counter, a rate, chance): a packet the earlier rule lets pass may
 * well be matched by the later one, so an earlier rule with one of these never shadows.
 */
const STATEFUL: ReadonlySet<string> = new Set([
  'limit',
  'dst-limit',
  'nth',
  'random',
  'connection-limit',
  'psd',
  'time',
]);

/** Actions that end processing in the chain for a matched packet, per table (mark actions: passthrough=no). */
const ENDS: Readonly<Record<FirewallTable, ReadonlySet<string>>> = {
  filter: new Set(['accept', 'drop', 'reject', 'tarpit', 'return']),
  nat: new Set(['accept', 'return', 'masquerade', 'src-nat', 'dst-nat', 'redirect', 'netmap', 'same']),
  mangle: new Set(['accept', 'drop', 'return']),
  raw: new Set(['accept', 'drop', 'notrack', 'return']),
};

/** True when a matched packet never reaches the next rule of the chain. */
export function endsChain(r: FirewallRule): boolean {
  if (r.action === undefined) return false;
  if (ENDS[r.table].has(r.action)) return true;
  // Mark and change actions stop only with an explicit passthrough=no.
  return r.passthroughProp !== undefined && r.passthrough === false;
}

interface Matcher {
  name: string;
  text: string;
  negated: boolean;
}

/** The literal matchers of a rule, or undefined when one is computed or stateful (cannot be judged). */
function matchersOf(r: FirewallRule, forShadowing: boolean): Matcher[] | undefined {
  const out: Matcher[] = [];
  for (const p of r.item.props.values()) {
    if (NOT_MATCHERS.has(p.name)) continue;
    if (p.value.computed) return undefined;
    if (forShadowing && STATEFUL.has(p.name)) return undefined;
    out.push({ name: p.name, text: p.value.text, negated: p.value.negated });
  }
  return out;
}

/** An IPv4 prefix as [network, bits], or undefined. */
function prefix4(text: string): [number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text);
  if (m === null) return undefined;
  const o = [m[1], m[2], m[3], m[4]].map(Number);
  if (o.some((x) => x > 255)) return undefined;
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (bits > 32) return undefined;
  const v = ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return [(v & mask) >>> 0, bits];
}

const LIST_VALUED: ReadonlySet<string> = new Set(['connection-state', 'connection-nat-state']);

/** True when the earlier matcher `a` accepts every packet the later rule's `b` accepts. */
function covers(a: Matcher, b: Prop | undefined): boolean {
  if (b === undefined || b.value.computed) return false;
  if (a.negated !== b.value.negated) return false;
  if (a.text === b.value.text) return true;
  if (a.negated) return false;
  if (LIST_VALUED.has(a.name)) {
    const have = new Set(a.text.split(','));
    return b.value.text.split(',').every((s) => have.has(s));
  }
  if (a.name === 'src-address' || a.name === 'dst-address') {
    const pa = prefix4(a.text);
    const pb = prefix4(b.value.text);
    if (pa === undefined || pb === undefined || pa[1] > pb[1]) return false;
    const mask = pa[1] === 0 ? 0 : (0xffffffff << (32 - pa[1])) >>> 0;
    return (pb[0] & mask) >>> 0 === pa[0];
  }
  return false;
}

/** The values a list-valued matcher can hold, for enumerating the lists that cover a later one's. */
const LIST_UNIVERSE: Readonly<Record<string, readonly string[]>> = {
  'connection-state': ['established', 'related', 'new', 'invalid', 'untracked'],
  'connection-nat-state': ['srcnat', 'dstnat'],
};

/** The index key of a matcher: its canonical value (a prefix as network/bits, a list sorted). */
function keyOf(name: string, negated: boolean, text: string): string {
  if (!negated) {
    if (name === 'src-address' || name === 'dst-address') {
      const p = prefix4(text);
      if (p !== undefined) return `${name}=${p[0]}/${p[1]}`;
    }
    if (LIST_VALUED.has(name)) return `${name}=${[...new Set(text.split(','))].sort().join(',')}`;
  }
  return `${name}=${negated ? '!' : ''}${text}`;
}

/** Every key an earlier matcher covering this later value may be filed under. */
function coveringKeys(p: Prop): string[] {
  if (p.value.computed) return [];
  const v = p.value;
  const own = keyOf(p.name, v.negated, v.text);
  if (v.negated) return [own];
  if (p.name === 'src-address' || p.name === 'dst-address') {
    const q = prefix4(v.text);
    if (q === undefined) return [own];
    const keys: string[] = [own];
    for (let bits = 0; bits < q[1]; bits++) {
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      keys.push(`${p.name}=${(q[0] & mask) >>> 0}/${bits}`);
    }
    return keys;
  }
  const universe = LIST_UNIVERSE[p.name];
  if (universe !== undefined) {
    const have = new Set(v.text.split(','));
    if ([...have].some((x) => !universe.includes(x))) return [own];
    const rest = universe.filter((x) => !have.has(x));
    const keys: string[] = [];
    // Every superset of the later list within the known values (at most 2^5).
    for (let m = 0; m < 1 << rest.length; m++) {
      const set = [...have, ...rest.filter((_, i) => (m & (1 << i)) !== 0)];
      keys.push(`${p.name}=${set.sort().join(',')}`);
    }
    return keys;
  }
  return [own];
}

interface Ender {
  rule: FirewallRule;
  matchers: Matcher[];
  /** Position in the chain, to report the first of several shadowing rules. */
  pos: number;
}

/**
 * For each live rule of one chain (in order) that an earlier live rule shadows: that earlier rule. Only
 * rules placed exactly (appended, or placed before a rule of the file) take part, and rules inside code
 * that may not run never decide (ARCHITECTURE: they never decide rule order).
 *
 * Linear in practice: each earlier rule that ends the chain is filed under the key of its rarest matcher
 * (`protocol=udp`, `src-address=10.0.0.0/8` as network/bits, a sorted connection-state list); a later
 * rule looks up only the keys that could cover its own values (its value, each shorter prefix of an
 * address, each superset of a state list), plus the catch-alls with no matcher at all.
 */
export function shadowedInChain(
  chain: readonly FirewallRule[],
  memo?: ShadowMemo,
  key?: string,
): Map<FirewallRule, FirewallRule> {
  const memoKey = memo !== undefined ? key : undefined;
  let factsOf: ((r: FirewallRule) => RuleFacts) | undefined;
  if (memo !== undefined && memoKey !== undefined) {
    const hit = memo.reuse(memoKey, chain);
    if (hit !== undefined) return hit;
    factsOf = memo.factsLookup(memoKey);
  }
  const out = new Map<FirewallRule, FirewallRule>();
  // Each judged rule's facts, kept for the memo (undefined where a rule was not judged or not memoisable).
  const facts: (RuleFacts | undefined)[] = new Array<RuleFacts | undefined>(chain.length);
  // One pass reads each judged rule's matcher keys (what an earlier rule covering it is filed under) and
  // counts them: an ender is filed under its rarest key.
  const keys: (readonly string[] | undefined)[] = new Array<readonly string[] | undefined>(chain.length);
  const frequency = new Map<string, number>();
  for (let i = 0; i < chain.length; i++) {
    const r = chain[i];
    if (r.disabled || r.item.conditional || r.item.placement !== 'exact' || r.action === undefined) continue;
    let ks: readonly string[];
    if (factsOf !== undefined) {
      const f = factsOf(r);
      facts[i] = f;
      ks = f.keys;
    } else ks = coveringKeysOf(r);
    for (const k of ks) frequency.set(k, (frequency.get(k) ?? 0) + 1);
    keys[i] = ks;
  }
  const byKey = new Map<string, Ender[]>();
  const general: Ender[] = [];
  for (let i = 0; i < chain.length; i++) {
    const ks = keys[i];
    if (ks === undefined) continue;
    const r = chain[i];
    let best: Ender | undefined;
    for (const e of general) best = better(best, e, r);
    if (byKey.size > 0) {
      for (const k of ks) {
        const list = byKey.get(k);
        if (list !== undefined) for (const e of list) best = better(best, e, r);
      }
    }
    if (best !== undefined) {
      out.set(r, best.rule);
      continue;
    }
    if (!endsChain(r)) continue;
    // A computed `disabled` may switch the rule off at run time: such a rule never shadows.
    const d = r.item.props.get('disabled');
    if (d !== undefined && (d.value.computed || yesNo(d.value.text) === undefined)) continue;
    const f = facts[i];
    const matchers = f !== undefined ? f.matchers(r) : matchersOf(r, true);
    if (matchers === undefined) continue;
    const e: Ender = { rule: r, matchers, pos: i };
    let key: string | undefined;
    let rarest = Infinity;
    for (const m of matchers) {
      const k = keyOf(m.name, m.negated, m.text);
      const f = frequency.get(k) ?? 0;
      if (f < rarest) {
        rarest = f;
        key = k;
      }
    }
    if (key === undefined) general.push(e);
    else {
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(e);
    }
  }
  if (memo !== undefined && memoKey !== undefined) memo.remember(memoKey, chain, out, facts);
  return out;
}

/** Every key an earlier rule covering `r` may be filed under (see coveringKeys), over its literal matchers. */
function coveringKeysOf(r: FirewallRule): string[] {
  const ks: string[] = [];
  for (const p of r.item.props.values()) {
    if (NOT_MATCHERS.has(p.name) || p.value.computed) continue;
    for (const k of coveringKeys(p)) ks.push(k);
  }
  return ks;
}

/** What the shadow analysis reads of one rule's matchers, computed once per `add` command (ShadowMemo). */
class RuleFacts {
  readonly keys: readonly string[];
  private matcherList: Matcher[] | undefined | null = null;

  constructor(rule: FirewallRule) {
    this.keys = coveringKeysOf(rule);
  }

  /**
   * The matchers of `rule` (the rule these facts were made for, or one of a later parse with the same
   * command). The rule is not kept: it holds its parse's whole model.
   */
  matchers(rule: FirewallRule): Matcher[] | undefined {
    if (this.matcherList === null) this.matcherList = matchersOf(rule, true);
    return this.matcherList;
  }
}

/**
 * One chain's answer: its rules' commands and flags, for each rule the index of its shadower or -1, and
 * the facts of its self-contained judged rules (for the next answer of the chain after an edit).
 */
interface ChainAnswer {
  readonly commands: readonly CommandNode[];
  readonly flags: Uint8Array;
  readonly shadower: Int32Array;
  readonly facts: readonly (RuleFacts | undefined)[];
}

/**
 * The shadow analysis's memo for one document across edits (the linter keeps it in its LintMemo). The
 * incremental parser keeps the command objects an edit did not touch, so:
 * - a chain whose rules are the same commands, in the same order, with the same item flags (conditional,
 *   placement), each self-contained (every property written by its own `add`, no later `set`,
 *   `copy-from`, `enable`, ...), has the same answer: it is read back by position without any work;
 * - otherwise the chain is analysed again, but a self-contained rule's matcher keys are taken from the
 *   chain's last answer when its command is there (they follow from the command's text alone).
 * Answers live two generations (parses), then go: after an opened quote took in the rest of the file, the
 * next keystroke (the closing quote, an undo) brings back the statements of the parse before it
 * (syntax/incremental.ts).
 */
export class ShadowMemo {
  private owner: object | undefined;
  private chainsNow = new Map<string, ChainAnswer>();
  private chainsBefore = new Map<string, ChainAnswer>();
  private chainsOlder = new Map<string, ChainAnswer>();

  /** Starts a new generation when `owner` (the parse the model is built from) is not the last one's. */
  begin(owner: object): void {
    if (owner === this.owner) return;
    this.owner = owner;
    this.chainsOlder = this.chainsBefore;
    this.chainsBefore = this.chainsNow;
    this.chainsNow = new Map();
  }

  /** The chain's answer when it is exactly a chain answered lately (see the class comment). */
  reuse(key: string, chain: readonly FirewallRule[]): Map<FirewallRule, FirewallRule> | undefined {
    return (
      this.reuseFrom(this.chainsNow.get(key), key, chain) ??
      this.reuseFrom(this.chainsBefore.get(key), key, chain) ??
      this.reuseFrom(this.chainsOlder.get(key), key, chain)
    );
  }

  /** For a chain analysed again: each rule's facts, from the chain's last answers where still true. */
  factsLookup(key: string): (r: FirewallRule) => RuleFacts {
    let known: Map<CommandNode, RuleFacts> | undefined;
    return (r) => {
      if (!selfContained(r)) return new RuleFacts(r);
      if (known === undefined) {
        known = new Map();
        for (const a of [this.chainsOlder.get(key), this.chainsBefore.get(key), this.chainsNow.get(key)]) {
          if (a === undefined) continue;
          for (let i = 0; i < a.commands.length; i++) {
            const f = a.facts[i];
            if (f !== undefined) known.set(a.commands[i], f);
          }
        }
      }
      return known.get(r.item.command) ?? new RuleFacts(r);
    };
  }

  private reuseFrom(
    last: ChainAnswer | undefined,
    key: string,
    chain: readonly FirewallRule[],
  ): Map<FirewallRule, FirewallRule> | undefined {
    if (last === undefined || last.commands.length !== chain.length) return undefined;
    for (let i = 0; i < chain.length; i++) {
      const r = chain[i];
      if (r.item.command !== last.commands[i] || flagsOf(r) !== last.flags[i] || !selfContained(r))
        return undefined;
    }
    const out = new Map<FirewallRule, FirewallRule>();
    for (let i = 0; i < chain.length; i++) {
      const j = last.shadower[i];
      if (j >= 0) out.set(chain[i], chain[j]);
    }
    this.chainsNow.set(key, last);
    return out;
  }

  remember(
    key: string,
    chain: readonly FirewallRule[],
    answer: Map<FirewallRule, FirewallRule>,
    facts: readonly (RuleFacts | undefined)[],
  ): void {
    const n = chain.length;
    const commands = new Array<CommandNode>(n);
    const flags = new Uint8Array(n);
    const shadower = new Int32Array(n).fill(-1);
    const kept = new Array<RuleFacts | undefined>(n);
    for (let i = 0; i < n; i++) {
      const r = chain[i];
      commands[i] = r.item.command;
      flags[i] = flagsOf(r);
      const by = answer.get(r);
      if (by !== undefined) shadower[i] = by.index;
      // Facts of a rule that is not self-contained hold for this parse only.
      kept[i] = selfContained(r) ? facts[i] : undefined;
    }
    this.chainsNow.set(key, { commands, flags, shadower, facts: kept });
  }
}

/** The item flags the analysis reads that do not follow from the command's own text. */
function flagsOf(r: FirewallRule): number {
  const p = r.item.placement;
  return (r.item.conditional ? 1 : 0) | (p === 'exact' ? 2 : p === 'assumed' ? 4 : 8);
}

/**
 * True when every property of the rule was written by its own `add` and nothing edited it since: then
 * its properties follow from that command's text alone. (Only `copy-from` and the edit verbs write an
 * item's properties from another command; the edits are listed on the item.)
 */
function selfContained(r: FirewallRule): boolean {
  const item = r.item;
  return item.edits.length === 0 && item.removedBy === undefined && item.copied !== true;
}

/** `e` when it shadows `r` and stands before `best` (the first shadowing rule is the one reported). */
function better(best: Ender | undefined, e: Ender, r: FirewallRule): Ender | undefined {
  if (best !== undefined && best.pos < e.pos) return best;
  const props = r.item.props;
  for (const m of e.matchers) if (!covers(m, props.get(m.name))) return best;
  return e;
}
