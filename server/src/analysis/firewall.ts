// The firewall and QoS model of one script: rules per family, table and chain in evaluation order, what
// each rule matches and does, where marks are set and consumed, how address lists are filled and used, and
// the queues and layer-7 definitions. Built once per parse from the replayed item tables (config.ts).
import { walk, type ParseResult } from '../syntax';
import { LineIndex } from '../text/line-index';
import { buildConfig, type ConfigModel, type ExternalEdit, type Item, type Prop } from './config';
import { splitList, yesNo } from './values';

export type Family = 'ip' | 'ipv6';
export type FirewallTable = 'filter' | 'nat' | 'mangle' | 'raw';
export type MarkKind = 'connection' | 'packet' | 'routing';

/** The chains RouterOS creates itself; any other chain is only reached by `jump`. */
export const BUILTIN_CHAINS: Readonly<Record<FirewallTable, readonly string[]>> = {
  filter: ['input', 'forward', 'output'],
  nat: ['srcnat', 'dstnat'],
  mangle: ['prerouting', 'input', 'forward', 'output', 'postrouting'],
  raw: ['prerouting', 'output'],
};

/** The mark each mark action sets, and the argument that names it. */
export const MARK_ACTIONS: Readonly<Record<string, { kind: MarkKind; arg: string }>> = {
  'mark-connection': { kind: 'connection', arg: 'new-connection-mark' },
  'mark-packet': { kind: 'packet', arg: 'new-packet-mark' },
  'mark-routing': { kind: 'routing', arg: 'new-routing-mark' },
};

/** The matcher argument for each mark kind. */
export const MARK_MATCHERS: Readonly<Record<MarkKind, string>> = {
  connection: 'connection-mark',
  packet: 'packet-mark',
  routing: 'routing-mark',
};

/** The value that means "no mark" in matchers and actions; it is never "used but not set". */
export const NO_MARK = 'no-mark';

export interface FirewallRule {
  readonly item: Item;
  readonly family: Family;
  readonly table: FirewallTable;
  /** Undefined when the chain is computed or missing. */
  readonly chain: string | undefined;
  /** Position among the live rules of its chain, 0-based (-1 when the chain is unknown). */
  index: number;
  /** 1-based line of the `add` command. */
  readonly line: number;
  /** True when `disabled=yes` (or `disable` on it); computed values count as enabled. */
  readonly disabled: boolean;
  /** Literal action (`accept` when not written); undefined when computed. */
  readonly action: string | undefined;
  /** True when the rule sets `passthrough` explicitly; the value is in passthroughProp. */
  readonly passthrough: boolean | undefined;
  readonly passthroughProp: Prop | undefined;
  readonly jumpTarget: string | undefined;
  prop(name: string): Prop | undefined;
  /** Literal, non-negated value of a property, if any. */
  literal(name: string): string | undefined;
}

export type Owner =
  | { kind: 'rule'; rule: FirewallRule }
  | { kind: 'queue'; queue: Queue }
  | { kind: 'other'; item: Item; what: string };

export interface MarkRef {
  readonly kind: MarkKind;
  readonly name: string;
  /** For uses: written `!name`. */
  readonly negated: boolean;
  readonly prop: Prop;
  readonly owner: Owner;
  /** The owner is disabled (`disabled=yes`). */
  readonly disabled: boolean;
}

export interface Queue {
  readonly item: Item;
  readonly kind: 'tree' | 'simple';
  readonly name: string | undefined;
  readonly parent: string | undefined;
  readonly packetMarks: readonly string[];
  readonly packetMarkProp: Prop | undefined;
  /** 1 is the highest priority, 8 the default and lowest. */
  readonly priority: number | undefined;
  readonly line: number;
  readonly disabled: boolean;
}

export interface ListFill {
  /** `any` for lists filled by DHCP, PPP, DNS or hotspot settings. */
  readonly family: Family | 'any';
  readonly list: string;
  readonly how: 'static' | 'dynamic' | 'other';
  readonly prop: Prop;
  readonly item: Item;
  readonly rule: FirewallRule | undefined;
  readonly line: number;
}

export interface ListUse {
  readonly family: Family;
  readonly list: string;
  readonly negated: boolean;
  readonly prop: Prop;
  readonly rule: FirewallRule;
}

export interface Layer7Protocol {
  readonly item: Item;
  readonly name: string;
  readonly regexp: Prop | undefined;
  readonly line: number;
}

export interface FirewallModel {
  readonly config: ConfigModel;
  readonly lines: LineIndex;
  /** Every live firewall rule, grouped by family and table, in table order. */
  readonly rules: readonly FirewallRule[];
  readonly queues: readonly Queue[];
  readonly layer7: readonly Layer7Protocol[];
  readonly markSets: readonly MarkRef[];
  readonly markUses: readonly MarkRef[];
  readonly listFills: readonly ListFill[];
  readonly listUses: readonly ListUse[];
  /**
   * Mark kinds set or used somewhere with a computed name (`new-packet-mark="p$i"`, a queue created in a
   * loop): any name of that kind may be the one, so "never set" / "never used" findings stay silent.
   */
  readonly computedMarkSets: ReadonlySet<MarkKind>;
  readonly computedMarkUses: ReadonlySet<MarkKind>;
  /** Families with an address list filled under a computed name (`any` for settings-filled lists). */
  readonly computedListFills: ReadonlySet<Family | 'any'>;
  readonly external: readonly ExternalEdit[];
  /** 1-based line of an offset. */
  lineOf(offset: number): number;
  /** 1-based line of the command that owns a mark (the rule's or queue's `add`, else the property). */
  refLine(ref: MarkRef): number;
  /** Live rules of one chain in evaluation order (disabled ones included). */
  chain(family: Family, table: FirewallTable, chain: string): readonly FirewallRule[];
  /** Chain names of a table, built-in ones first (in RouterOS's order), then the others as they appear. */
  chainNames(family: Family, table: FirewallTable): readonly string[];
  /** Enabled, unconditional `jump` rules into a chain. */
  jumpsInto(family: Family, table: FirewallTable, chain: string): readonly FirewallRule[];
  /** Mark setters and uses by kind and name. */
  setsOf(kind: MarkKind, name: string): readonly MarkRef[];
  usesOf(kind: MarkKind, name: string): readonly MarkRef[];
  /** How a list is filled, for rules of `family` (fills of family `any` count for both). */
  fillsOf(family: Family, list: string): readonly ListFill[];
  /**
   * The enabled, unconditional rules a packet may reach after `rule` in the same hook, in order: the rest
   * of its chain (entering chains that later rules jump to), then, when the chain is itself a jump target,
   * what follows each jump into it. An over-approximation: it ignores whether the packet matches.
   */
  followers(rule: FirewallRule): FirewallRule[];
  /** True when `other` is among followers(rule), answered from a per-chain index without building the list. */
  isAfter(rule: FirewallRule, other: FirewallRule): boolean;
}

const FIREWALL_TABLE = /^(ip|ipv6) firewall (filter|nat|mangle|raw)$/;
const MARK_KINDS = ['connection', 'packet', 'routing'] as const;

const cache = new WeakMap<ParseResult, { text: string; model: FirewallModel }>();

/**
 * The model of a script, built once per parse result (rules share it through this cache). Without the
 * text, a stand-in with the same length and line breaks is rebuilt from the tokens (see shapeOfText).
 */
export function firewallModel(parse: ParseResult, text?: string): FirewallModel {
  const hit = cache.get(parse);
  if (hit && (text === undefined || hit.text === text)) return hit.model;
  const t = text ?? shapeOfText(parse);
  const model = buildFirewallModel(parse, t);
  cache.set(parse, { text: t, model });
  return model;
}

/**
 * Forgets the cached model of a parse. The linter calls this when its rules are done: the model holds an
 * item, a property map and records per configuration line, more than the tree itself on a big export, and
 * afterwards only the on-demand mangle-flow view reads it (and rebuilds it then).
 */
export function releaseFirewallModel(parse: ParseResult): void {
  cache.delete(parse);
}

/**
 * A string as long as the parsed text, blank except for its line breaks and line-continuation
 * backslashes: enough for line numbers and for the `/export` wrap repair when only the parse is given.
 * Line breaks inside strings come from the string literals' raw text.
 */
export function shapeOfText(parse: ParseResult): string {
  const last = parse.tokens.length > 0 ? parse.tokens[parse.tokens.length - 1].end : 0;
  const chars: string[] = new Array<string>(Math.max(last, parse.root.end)).fill(' ');
  for (const t of parse.tokens) {
    if (t.kind !== 'newline' && t.kind !== 'continuation') continue;
    const from = t.kind === 'continuation' ? t.start + 1 : t.start;
    if (t.kind === 'continuation') chars[t.start] = '\\';
    // The break itself: `\r\n` (two characters) or a single `\n` / `\r`.
    if (t.end - from === 2) chars[from] = '\r';
    chars[t.end - 1] = '\n';
  }
  walk(parse.root, (n) => {
    if (n.kind === 'literal' && n.type === 'string' && n.string) {
      const raw = n.string.raw;
      for (let i = 0; i < raw.length; i++) {
        const c = raw[i];
        if (c === '\n' || (c === '\r' && raw[i + 1] !== '\n')) chars[n.start + 1 + i] = '\n';
      }
    }
  });
  return chars.join('');
}

const chainKey = (family: Family, table: FirewallTable, chain: string): string =>
  `${family} ${table} ${chain}`;

function literalOf(p: Prop | undefined): string | undefined {
  return p && !p.value.computed && !p.value.negated ? p.value.text : undefined;
}

function isDisabled(item: Item): boolean {
  const p = item.props.get('disabled');
  return p !== undefined && !p.value.computed && yesNo(p.value.text) === true;
}

/** Builds the model from scratch; prefer firewallModel(), which caches. */
export function buildFirewallModel(parse: ParseResult, text: string): FirewallModel {
  const config = buildConfig(parse, text);
  const lines = new LineIndex(text);
  const lineOf = (offset: number): number => lines.lineAt(offset) + 1;

  const rules: FirewallRule[] = [];
  const chains = new Map<string, FirewallRule[]>();
  const chainOrder = new Map<string, string[]>();
  const queues: Queue[] = [];
  const layer7: Layer7Protocol[] = [];
  const markSets: MarkRef[] = [];
  const markUses: MarkRef[] = [];
  const listFills: ListFill[] = [];
  const listUses: ListUse[] = [];
  const computedMarkSets = new Set<MarkKind>();
  const computedMarkUses = new Set<MarkKind>();
  const computedListFills = new Set<Family | 'any'>();

  const addMark = (into: MarkRef[], kind: MarkKind, prop: Prop, owner: Owner, disabled: boolean): void => {
    if (prop.value.computed) {
      (into === markSets ? computedMarkSets : computedMarkUses).add(kind);
      return;
    }
    for (const name of splitList(prop.value.text)) {
      if (name === NO_MARK) continue;
      into.push({ kind, name, negated: prop.value.negated, prop, owner, disabled });
    }
  };

  for (const [key, table] of config.tables) {
    const fw = FIREWALL_TABLE.exec(key);
    if (fw) {
      const family = fw[1] as Family;
      const tname = fw[2] as FirewallTable;
      const order: string[] = [...BUILTIN_CHAINS[tname]];
      chainOrder.set(`${family} ${tname}`, order);
      for (const item of table.items) {
        const chain = literalOf(item.props.get('chain'));
        const actionProp = item.props.get('action');
        const action = actionProp ? literalOf(actionProp) : 'accept';
        const ptProp = item.props.get('passthrough');
        const pt = ptProp && !ptProp.value.computed ? yesNo(ptProp.value.text) : undefined;
        const rule: FirewallRule = {
          item,
          family,
          table: tname,
          chain,
          index: -1,
          line: lineOf(item.command.start),
          disabled: isDisabled(item),
          action,
          passthrough: pt,
          passthroughProp: ptProp,
          jumpTarget: action === 'jump' ? literalOf(item.props.get('jump-target')) : undefined,
          prop: (name) => item.props.get(name),
          literal: (name) => literalOf(item.props.get(name)),
        };
        rules.push(rule);
        if (chain !== undefined) {
          const k = chainKey(family, tname, chain);
          let list = chains.get(k);
          if (!list) {
            chains.set(k, (list = []));
            if (!order.includes(chain)) order.push(chain);
          }
          rule.index = list.length;
          list.push(rule);
        }
        const owner: Owner = { kind: 'rule', rule };
        const mark = action ? MARK_ACTIONS[action] : undefined;
        if (mark) {
          const p = item.props.get(mark.arg);
          if (p) addMark(markSets, mark.kind, p, owner, rule.disabled);
        }
        for (const kind of MARK_KINDS) {
          const p = item.props.get(MARK_MATCHERS[kind]);
          if (p) addMark(markUses, kind, p, owner, rule.disabled);
        }
        if (action === 'add-src-to-address-list' || action === 'add-dst-to-address-list') {
          const p = item.props.get('address-list');
          if (p && !p.value.computed) {
            listFills.push({
              family,
              list: p.value.text,
              how: 'dynamic',
              prop: p,
              item,
              rule,
              line: rule.line,
            });
          } else if (p) computedListFills.add(family);
        }
        for (const name of ['src-address-list', 'dst-address-list']) {
          const p = item.props.get(name);
          if (!p || p.value.computed) continue;
          for (const list of splitList(p.value.text)) {
            listUses.push({ family, list, negated: p.value.negated, prop: p, rule });
          }
        }
      }
      continue;
    }
    for (const item of table.items) {
      const line = lineOf(item.command.start);
      const disabled = isDisabled(item);
      const other = (what: string): Owner => ({ kind: 'other', item, what });
      switch (key) {
        case 'queue tree':
        case 'queue simple': {
          const tree = key === 'queue tree';
          const pm = item.props.get(tree ? 'packet-mark' : 'packet-marks');
          const prio = literalOf(item.props.get('priority'));
          const pn = prio !== undefined ? /^(\d+)/.exec(prio) : null;
          const q: Queue = {
            item,
            kind: tree ? 'tree' : 'simple',
            name: literalOf(item.props.get('name')),
            parent: literalOf(item.props.get('parent')),
            packetMarks:
              pm && !pm.value.computed ? splitList(pm.value.text).filter((m) => m !== NO_MARK) : [],
            packetMarkProp: pm,
            priority: pn ? Number(pn[1]) : undefined,
            line,
            disabled,
          };
          queues.push(q);
          if (pm) addMark(markUses, 'packet', pm, { kind: 'queue', queue: q }, disabled);
          break;
        }
        case 'ip firewall address-list':
        case 'ipv6 firewall address-list': {
          const p = item.props.get('list');
          const family: Family = key.startsWith('ipv6') ? 'ipv6' : 'ip';
          if (p && p.value.computed) computedListFills.add(family);
          if (p && !p.value.computed) {
            listFills.push({
              family,
              list: p.value.text,
              how: 'static',
              prop: p,
              item,
              rule: undefined,
              line,
            });
          }
          break;
        }
        case 'ip firewall layer7-protocol': {
          const name = literalOf(item.props.get('name'));
          if (name !== undefined) layer7.push({ item, name, regexp: item.props.get('regexp'), line });
          break;
        }
        case 'interface bridge filter':
        case 'interface bridge nat': {
          const action = literalOf(item.props.get('action'));
          const set = item.props.get('new-packet-mark');
          if (action === 'mark-packet' && set)
            addMark(markSets, 'packet', set, other('bridge rule'), disabled);
          const use = item.props.get('packet-mark');
          if (use) addMark(markUses, 'packet', use, other('bridge rule'), disabled);
          break;
        }
        case 'routing rule':
        case 'ip route rule':
        case 'ip route': {
          const use = item.props.get('routing-mark');
          if (use)
            addMark(markUses, 'routing', use, other(key === 'ip route' ? 'route' : 'routing rule'), disabled);
          break;
        }
        case 'ip vrf': {
          // A VRF's name is the routing mark of the packets routed in it.
          const p = item.props.get('name');
          if (p) addMark(markSets, 'routing', p, other('VRF'), disabled);
          break;
        }
        case 'ip hotspot user profile': {
          for (const name of ['incoming-packet-mark', 'outgoing-packet-mark']) {
            const p = item.props.get(name);
            if (p) addMark(markSets, 'packet', p, other('hotspot user profile'), disabled);
          }
          const l = item.props.get('address-list');
          if (l && !l.value.computed) {
            for (const list of splitList(l.value.text)) {
              listFills.push({ family: 'any', list, how: 'other', prop: l, item, rule: undefined, line });
            }
          } else if (l) computedListFills.add('any');
          break;
        }
        case 'ppp profile':
        case 'ip dhcp-server':
        case 'ip dhcp-server lease':
        case 'ip dns static': {
          for (const name of ['address-list', 'address-lists']) {
            const l = item.props.get(name);
            if (l && l.value.computed) computedListFills.add('any');
            if (!l || l.value.computed) continue;
            for (const list of splitList(l.value.text)) {
              listFills.push({ family: 'any', list, how: 'other', prop: l, item, rule: undefined, line });
            }
          }
          break;
        }
        default:
          break;
      }
    }
  }

  const index = <T extends MarkRef>(refs: readonly T[]): Map<string, T[]> => {
    const m = new Map<string, T[]>();
    for (const r of refs) {
      const k = `${r.kind} ${r.name}`;
      let l = m.get(k);
      if (!l) m.set(k, (l = []));
      l.push(r);
    }
    return m;
  };
  const setIndex = index(markSets);
  const useIndex = index(markUses);
  const fillIndex = new Map<string, ListFill[]>();
  for (const f of listFills) {
    const fams: Family[] = f.family === 'any' ? ['ip', 'ipv6'] : [f.family];
    for (const fam of fams) {
      const k = `${fam} ${f.list}`;
      let l = fillIndex.get(k);
      if (!l) fillIndex.set(k, (l = []));
      l.push(f);
    }
  }
  const jumps = new Map<string, FirewallRule[]>();
  for (const r of rules) {
    if (r.jumpTarget === undefined || r.disabled || r.item.conditional) continue;
    const k = chainKey(r.family, r.table, r.jumpTarget);
    let l = jumps.get(k);
    if (!l) jumps.set(k, (l = []));
    l.push(r);
  }

  /**
   * The evaluation order seen from the start of one chain: its rules with the chains they jump to expanded
   * in place (each chain once: loops and repeated jumps do not multiply the walk), then, for a custom chain,
   * what follows each jump into it. Built once per chain and shared by every query about its rules, so the
   * lints stay linear in the number of rules for the usual handful of chains.
   */
  const expansions = new Map<string, { seq: FirewallRule[]; pos: Map<FirewallRule, number> }>();
  const expansion = (
    family: Family,
    table: FirewallTable,
    root: string,
  ): { seq: FirewallRule[]; pos: Map<FirewallRule, number> } => {
    const key = chainKey(family, table, root);
    const hit = expansions.get(key);
    if (hit) return hit;
    const seq: FirewallRule[] = [];
    const pos = new Map<FirewallRule, number>();
    const enteredChains = new Set<string>([root]);
    const continuedFrom = new Set<FirewallRule>();
    // Work items: walk a chain from an index. An explicit stack keeps deep jump nests off the call stack;
    // items are pushed in reverse so rules come out in evaluation order.
    type Step = { chain: string; from: number } | { callersOf: string };
    const stack: Step[] = [{ callersOf: root }, { chain: root, from: 0 }];
    while (stack.length > 0) {
      const step = stack.pop() as Step;
      if ('callersOf' in step) {
        if (BUILTIN_CHAINS[table].includes(step.callersOf)) continue;
        const callers = jumps.get(chainKey(family, table, step.callersOf)) ?? [];
        for (let i = callers.length - 1; i >= 0; i--) {
          const j = callers[i];
          if (continuedFrom.has(j) || j.chain === undefined) continue;
          continuedFrom.add(j);
          stack.push({ callersOf: j.chain }, { chain: j.chain, from: j.index + 1 });
        }
        continue;
      }
      const list = chains.get(chainKey(family, table, step.chain)) ?? [];
      for (let i = step.from; i < list.length; i++) {
        const r = list[i];
        if (!pos.has(r)) {
          pos.set(r, seq.length);
          seq.push(r);
        }
        if (r.disabled || r.item.conditional) continue;
        if (r.jumpTarget !== undefined && !enteredChains.has(r.jumpTarget)) {
          enteredChains.add(r.jumpTarget);
          // Finish this chain after the jumped-to chain: push the rest first, then the target.
          stack.push({ chain: step.chain, from: i + 1 }, { chain: r.jumpTarget, from: 0 });
          break;
        }
      }
    }
    const built = { seq, pos };
    expansions.set(key, built);
    return built;
  };

  const live = (r: FirewallRule): boolean => !r.disabled && !r.item.conditional;

  const followers = (rule: FirewallRule): FirewallRule[] => {
    if (rule.chain === undefined) return [];
    const { seq, pos } = expansion(rule.family, rule.table, rule.chain);
    const at = pos.get(rule);
    return at === undefined ? [] : seq.slice(at + 1).filter(live);
  };

  const isAfter = (rule: FirewallRule, other: FirewallRule): boolean => {
    if (
      rule.chain === undefined ||
      other.family !== rule.family ||
      other.table !== rule.table ||
      !live(other)
    )
      return false;
    const { pos } = expansion(rule.family, rule.table, rule.chain);
    const a = pos.get(rule);
    const b = pos.get(other);
    return a !== undefined && b !== undefined && b > a;
  };

  return {
    config,
    lines,
    rules,
    queues,
    layer7,
    markSets,
    markUses,
    listFills,
    listUses,
    computedMarkSets,
    computedMarkUses,
    computedListFills,
    external: config.external,
    lineOf,
    refLine: (ref) =>
      ref.owner.kind === 'rule'
        ? ref.owner.rule.line
        : ref.owner.kind === 'queue'
          ? ref.owner.queue.line
          : lineOf(ref.prop.arg.start),
    chain: (family, table, chain) => chains.get(chainKey(family, table, chain)) ?? [],
    chainNames: (family, table) => chainOrder.get(`${family} ${table}`) ?? [...BUILTIN_CHAINS[table]],
    jumpsInto: (family, table, chain) => jumps.get(chainKey(family, table, chain)) ?? [],
    setsOf: (kind, name) => setIndex.get(`${kind} ${name}`) ?? [],
    usesOf: (kind, name) => useIndex.get(`${kind} ${name}`) ?? [],
    fillsOf: (family, list) => fillIndex.get(`${family} ${list}`) ?? [],
    followers,
    isAfter,
  };
}

/** "line 12", "lines 12 and 14", "lines 3, 5 and 9". */
export function linesPhrase(lines: readonly number[]): string {
  const u = [...new Set(lines)].sort((a, b) => a - b);
  if (u.length === 1) return `line ${u[0]}`;
  return `lines ${u.slice(0, -1).join(', ')} and ${u[u.length - 1]}`;
}
