// The firewall and QoS model of one script: rules per family, table and chain in evaluation order, what
// each rule matches and does, where marks are set and consumed, how address lists are filled and used, and
// the queues and layer-7 definitions. Built once per parse, part by part as rules ask, from the replayed
// item tables (config.ts); in the editor, kept or rebuilt from kept items across edits (FirewallMemo).
import { appendAll, walk, type ParseResult, type Statement } from '../syntax';
import { LineIndex } from '../text/line-index';
import {
  buildConfig,
  retextConfig,
  trackedCommands,
  type ConfigModel,
  type ExternalEdit,
  type Item,
  type ItemReuse,
  type StatementCommands,
  type Prop,
} from './config';
import { shadowedInChain, type ShadowMemo } from './shadow';
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
  /**
   * The earlier rule of the same chain that matches every packet `rule` would match and ends processing
   * (RSC4011: `rule` is unreachable), or undefined. Computed per chain on first use (analysis/shadow.ts).
   */
  shadowedBy(rule: FirewallRule): FirewallRule | undefined;
}

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
  const kept = Object.prototype.hasOwnProperty.call(parse, FIREWALL_MEMO)
    ? (parse as ParseResult & { [FIREWALL_MEMO]: FirewallMemo })[FIREWALL_MEMO]
    : undefined;
  const same = kept !== undefined && text !== undefined ? kept.sameModel(parse, text) : undefined;
  if (same) {
    cache.set(parse, { text: t, model: same });
    return same;
  }
  const memo = Object.prototype.hasOwnProperty.call(parse, SHADOW_MEMO)
    ? (parse as ParseResult & { [SHADOW_MEMO]: ShadowMemo })[SHADOW_MEMO]
    : undefined;
  memo?.begin(parse);
  const reuse = kept !== undefined && text !== undefined ? kept.items : undefined;
  const statements = reuse !== undefined ? kept?.commandsOf : undefined;
  const model = new Model(
    buildConfig(parse, t, { shapeOnly: text === undefined, reuse, statements }),
    t,
    memo,
    reuse !== undefined ? kept : undefined,
  );
  if (kept !== undefined && text !== undefined) kept.keep(model);
  cache.set(parse, { text: t, model });
  return model;
}

const SHADOW_MEMO = Symbol('shadowMemo');
const FIREWALL_MEMO = Symbol('firewallMemo');

/**
 * A document's last firewall model, kept across edits while the edits leave every command of a tracked
 * menu alone. The model is a function of the tracked commands alone, in file order, each with whether it
 * is conditional (buildConfig): with the same command nodes in the same order it is the same model. The
 * incremental parser keeps the top-level statements an edit did not touch (the same objects, their
 * offsets moved in place, their menu unchanged) and makes new ones for the rest, and a top-level statement
 * starts unconditional; so the model stands while the top-level statements holding tracked commands are
 * the same objects in the same order, and no new statement holds one. Everything in the model reads its
 * offsets through from those nodes and its lines from the new text (Model.retext).
 */
export class FirewallMemo {
  // A WeakMap keyed by statements, like LintMemo's: the answer outlives each parse (a kept statement keeps
  // it across edits) and holds only that statement's own command nodes (trackedCommands), or null.
  private readonly tracks = new WeakMap<Statement, StatementCommands | null>();
  /** The top-level statements holding tracked commands, of the parse `model` was built from. */
  private tracked: Statement[] = [];
  /** The statements of the parse last asked about, for keep(). */
  private asked: Statement[] = [];
  private model: Model | undefined;
  /** Items of tables no command edits, by their `add` command (config.ts ItemReuse). */
  readonly items: ItemReuse = new WeakMap();
  /**
   * The rule of each item of a firewall table. A rule reads only its item, and an item never changes once
   * a model has read it (a kept item is never edited; any other is made anew by each replay).
   */
  readonly rules = new WeakMap<Item, Rule>();
  /** Where kept rules read their lines: the model last built or kept. */
  readonly lines = new LinesOf();

  /** The kept model when it is the model of `parse`, moved to `text`; undefined when it must be built. */
  sameModel(parse: ParseResult, text: string): Model | undefined {
    const now: Statement[] = [];
    for (const s of parse.root.statements) {
      let t = this.tracks.get(s);
      if (t === undefined) {
        t = trackedCommands(s, text) ?? null;
        this.tracks.set(s, t);
      }
      if (t !== null) now.push(s);
    }
    this.asked = now;
    const last = this.tracked;
    let same = this.model !== undefined && now.length === last.length;
    for (let i = 0; same && i < now.length; i++) same = now[i] === last[i];
    if (!same) return undefined;
    const model = this.model as Model;
    model.retext(text);
    this.lines.model = model;
    return model;
  }

  /** trackedCommands of a top-level statement of the parse last given to sameModel. */
  readonly commandsOf = (s: Statement): StatementCommands | undefined => this.tracks.get(s) ?? undefined;

  /** Keeps `model`, just built from the parse last given to sameModel. */
  keep(model: Model): void {
    this.model = model;
    this.lines.model = model;
    this.tracked = this.asked;
  }
}

/** Lets the models of `parse` come from (and go to) a document's FirewallMemo (see useShadowMemo). */
export function useFirewallMemo(parse: ParseResult, memo: FirewallMemo): void {
  Object.defineProperty(parse, FIREWALL_MEMO, { value: memo, configurable: true });
}

/**
 * Lets the models of `parse` reuse (and fill) a document's shadow-analysis memo (see ShadowMemo): the
 * linter hands its per-document memo to each new parse of the document. Kept on the parse itself (its own
 * property, not inherited by views made with Object.create), so it goes when the parse goes.
 */
export function useShadowMemo(parse: ParseResult, memo: ShadowMemo): void {
  Object.defineProperty(parse, SHADOW_MEMO, { value: memo, configurable: true });
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

/** The firewall tables by key: `ip firewall mangle` -> ip, mangle. */
const FIREWALL_KEYS: ReadonlyMap<string, { family: Family; table: FirewallTable }> = new Map(
  (['ip', 'ipv6'] as const).flatMap((family) =>
    (['filter', 'nat', 'mangle', 'raw'] as const).map(
      (table) => [`${family} firewall ${table}`, { family, table }] as const,
    ),
  ),
);

/** Matchers that name address lists a rule uses. */
const LIST_MATCHERS = ['src-address-list', 'dst-address-list'] as const;

/** Mark kinds with their matcher argument, for the per-rule loop. */
const MARK_MATCHER_PAIRS: readonly (readonly [MarkKind, string])[] = MARK_KINDS.map(
  (kind) => [kind, MARK_MATCHERS[kind]] as const,
);

/** A firewall rule: its reading of the item, with prop()/literal() on the prototype (not two closures each). */
class Rule implements FirewallRule {
  index = -1;

  constructor(
    private readonly at: Lines,
    readonly item: Item,
    readonly family: Family,
    readonly table: FirewallTable,
    readonly chain: string | undefined,
    readonly disabled: boolean,
    readonly action: string | undefined,
    readonly passthrough: boolean | undefined,
    readonly passthroughProp: Prop | undefined,
    readonly jumpTarget: string | undefined,
  ) {}

  get line(): number {
    return this.at.lineOf(this.item.command.start);
  }

  private uses: ListUse[] | undefined;

  /** The address lists this rule's matchers name, in matcher order. */
  listUses(): ListUse[] {
    if (this.uses !== undefined) return this.uses;
    const out: ListUse[] = [];
    for (const name of LIST_MATCHERS) {
      const p = this.item.props.get(name);
      if (!p || p.value.computed) continue;
      for (const list of splitList(p.value.text)) {
        out.push({ family: this.family, list, negated: p.value.negated, prop: p, rule: this });
      }
    }
    return (this.uses = out);
  }

  prop(name: string): Prop | undefined {
    return this.item.props.get(name);
  }

  literal(name: string): string | undefined {
    return literalOf(this.item.props.get(name));
  }
}

/**
 * What the model's entries read their line from. The line is asked of the model each time, never stored: a
 * model kept across edits (FirewallMemo) holds the same syntax nodes, moved in place, and the new text.
 */
interface Lines {
  lineOf(offset: number): number;
}

/** The lines of whichever model is current (FirewallMemo.lines). */
class LinesOf implements Lines {
  model: Lines | undefined;

  lineOf(offset: number): number {
    return (this.model as Lines).lineOf(offset);
  }
}

class QueueEntry implements Queue {
  constructor(
    private readonly at: Lines,
    readonly item: Item,
    readonly kind: 'tree' | 'simple',
    readonly name: string | undefined,
    readonly parent: string | undefined,
    readonly packetMarks: readonly string[],
    readonly packetMarkProp: Prop | undefined,
    readonly priority: number | undefined,
    readonly disabled: boolean,
  ) {}

  get line(): number {
    return this.at.lineOf(this.item.command.start);
  }
}

class Layer7Entry implements Layer7Protocol {
  constructor(
    private readonly at: Lines,
    readonly item: Item,
    readonly name: string,
    readonly regexp: Prop | undefined,
  ) {}

  get line(): number {
    return this.at.lineOf(this.item.command.start);
  }
}

class FillEntry implements ListFill {
  constructor(
    private readonly at: Lines,
    readonly family: Family | 'any',
    readonly list: string,
    readonly how: 'static' | 'dynamic' | 'other',
    readonly prop: Prop,
    readonly item: Item,
    readonly rule: FirewallRule | undefined,
  ) {}

  get line(): number {
    return this.rule ? this.rule.line : this.at.lineOf(this.item.command.start);
  }
}

interface RulesPart {
  readonly rules: FirewallRule[];
  /** The rules of each firewall table key, in table order. */
  readonly byTable: Map<string, FirewallRule[]>;
  readonly chains: Map<string, FirewallRule[]>;
  readonly chainOrder: Map<string, string[]>;
}

interface QueuesPart {
  readonly queues: Queue[];
  readonly byTable: Map<string, Queue[]>;
}

interface MarksPart {
  readonly markSets: MarkRef[];
  readonly markUses: MarkRef[];
  readonly computedMarkSets: Set<MarkKind>;
  readonly computedMarkUses: Set<MarkKind>;
  /** By kind, then name: two map lookups instead of building a `kind name` key string per query. */
  readonly setIndex: Record<MarkKind, Map<string, MarkRef[]>>;
  readonly useIndex: Record<MarkKind, Map<string, MarkRef[]>>;
}

interface FillsPart {
  readonly listFills: ListFill[];
  readonly computedListFills: Set<Family | 'any'>;
  readonly fillIndex: Record<Family, Map<string, ListFill[]>>;
}

type Expansion = { seq: FirewallRule[]; pos: Map<FirewallRule, number> };

const live = (r: FirewallRule): boolean => !r.disabled && !r.item.conditional;

/**
 * The model, built part by part on first use: the rules (chains, jumps), the queues, the marks, the list
 * fills and uses, and the layer-7 entries each come from their own tables, so a rule that only reads the
 * firewall rules never replays a 100,000-line address list, and nothing builds a line index unless a part
 * that records lines is read. Each part lists its entries in the order one pass over all tables gives
 * (tables in order of their first command), whichever part is read first.
 */
class Model implements FirewallModel {
  private rulesPart: RulesPart | undefined;
  private queuesPart: QueuesPart | undefined;
  private marksPart: MarksPart | undefined;
  private fillsPart: FillsPart | undefined;
  private layer7Part: Layer7Protocol[] | undefined;
  private listUsesPart: ListUse[] | undefined;
  private jumpsPart: Map<string, FirewallRule[]> | undefined;
  private linesPart: LineIndex | undefined;
  private readonly expansions = new Map<string, Expansion>();
  private readonly shadows = new Map<string, Map<FirewallRule, FirewallRule>>();

  constructor(
    readonly config: ConfigModel,
    private text: string,
    private readonly shadowMemo?: ShadowMemo,
    /** The document's kept rules and where they read their lines (FirewallMemo). */
    private readonly kept?: { rules: WeakMap<Item, Rule>; lines: Lines },
  ) {}

  get lines(): LineIndex {
    return (this.linesPart ??= LineIndex.of(this.text));
  }

  /**
   * Keeps this model for an edited text whose parse holds the same tracked commands (see FirewallMemo):
   * every part reads its offsets from those nodes, which the parser moved, and its lines from here.
   */
  retext(text: string): void {
    if (text === this.text) return;
    this.text = text;
    this.linesPart = undefined;
    retextConfig(this.config, text);
  }

  get rules(): readonly FirewallRule[] {
    return this.rulesOf().rules;
  }

  get queues(): readonly Queue[] {
    return this.queuesOf().queues;
  }

  get layer7(): readonly Layer7Protocol[] {
    return (this.layer7Part ??= this.buildLayer7());
  }

  get markSets(): readonly MarkRef[] {
    return this.marksOf().markSets;
  }

  get markUses(): readonly MarkRef[] {
    return this.marksOf().markUses;
  }

  get listFills(): readonly ListFill[] {
    return this.fillsPartOf().listFills;
  }

  get listUses(): readonly ListUse[] {
    return (this.listUsesPart ??= this.buildListUses());
  }

  get computedMarkSets(): ReadonlySet<MarkKind> {
    return this.marksOf().computedMarkSets;
  }

  get computedMarkUses(): ReadonlySet<MarkKind> {
    return this.marksOf().computedMarkUses;
  }

  get computedListFills(): ReadonlySet<Family | 'any'> {
    return this.fillsPartOf().computedListFills;
  }

  get external(): readonly ExternalEdit[] {
    return this.config.external;
  }

  // The query functions are arrow properties so they keep working when passed around unbound.
  readonly lineOf = (offset: number): number => this.lines.lineAt(offset) + 1;

  readonly refLine = (ref: MarkRef): number =>
    ref.owner.kind === 'rule'
      ? ref.owner.rule.line
      : ref.owner.kind === 'queue'
        ? ref.owner.queue.line
        : this.lineOf(ref.prop.arg.start);

  readonly shadowedBy = (rule: FirewallRule): FirewallRule | undefined => {
    if (rule.chain === undefined) return undefined;
    const key = chainKey(rule.family, rule.table, rule.chain);
    let m = this.shadows.get(key);
    if (m === undefined) {
      m = shadowedInChain(this.chain(rule.family, rule.table, rule.chain), this.shadowMemo, key);
      this.shadows.set(key, m);
    }
    return m.get(rule);
  };

  readonly chain = (family: Family, table: FirewallTable, chain: string): readonly FirewallRule[] =>
    this.rulesOf().chains.get(chainKey(family, table, chain)) ?? [];

  readonly chainNames = (family: Family, table: FirewallTable): readonly string[] =>
    this.rulesOf().chainOrder.get(`${family} ${table}`) ?? [...BUILTIN_CHAINS[table]];

  readonly jumpsInto = (family: Family, table: FirewallTable, chain: string): readonly FirewallRule[] =>
    this.jumpsOf().get(chainKey(family, table, chain)) ?? [];

  readonly setsOf = (kind: MarkKind, name: string): readonly MarkRef[] =>
    this.marksOf().setIndex[kind]?.get(name) ?? [];

  readonly usesOf = (kind: MarkKind, name: string): readonly MarkRef[] =>
    this.marksOf().useIndex[kind]?.get(name) ?? [];

  readonly fillsOf = (family: Family, list: string): readonly ListFill[] =>
    this.fillsPartOf().fillIndex[family]?.get(list) ?? [];

  readonly followers = (rule: FirewallRule): FirewallRule[] => {
    if (rule.chain === undefined) return [];
    const { seq, pos } = this.expansion(rule.family, rule.table, rule.chain);
    const at = pos.get(rule);
    if (at === undefined) return [];
    // One pass, one array (not a slice and then a filtered copy): callers ask this for many rules.
    const out: FirewallRule[] = [];
    for (let i = at + 1; i < seq.length; i++) if (live(seq[i])) out.push(seq[i]);
    return out;
  };

  readonly isAfter = (rule: FirewallRule, other: FirewallRule): boolean => {
    if (
      rule.chain === undefined ||
      other.family !== rule.family ||
      other.table !== rule.table ||
      !live(other)
    )
      return false;
    const { pos } = this.expansion(rule.family, rule.table, rule.chain);
    const a = pos.get(rule);
    const b = pos.get(other);
    return a !== undefined && b !== undefined && b > a;
  };

  private rulesOf(): RulesPart {
    return (this.rulesPart ??= this.buildRules());
  }

  private queuesOf(): QueuesPart {
    return (this.queuesPart ??= this.buildQueues());
  }

  private marksOf(): MarksPart {
    return (this.marksPart ??= this.buildMarks());
  }

  private fillsPartOf(): FillsPart {
    return (this.fillsPart ??= this.buildFills());
  }

  private jumpsOf(): Map<string, FirewallRule[]> {
    if (this.jumpsPart) return this.jumpsPart;
    const jumps = new Map<string, FirewallRule[]>();
    for (const r of this.rules) {
      if (r.jumpTarget === undefined || r.disabled || r.item.conditional) continue;
      const k = chainKey(r.family, r.table, r.jumpTarget);
      let l = jumps.get(k);
      if (!l) jumps.set(k, (l = []));
      l.push(r);
    }
    return (this.jumpsPart = jumps);
  }

  /** The live items of a table (replaying it now), or none when the file has no such table. */
  private items(key: string): readonly Item[] {
    return this.config.tables.get(key)?.items ?? [];
  }

  private buildRules(): RulesPart {
    const rules: FirewallRule[] = [];
    const byTable = new Map<string, FirewallRule[]>();
    const chains = new Map<string, FirewallRule[]>();
    const chainOrder = new Map<string, string[]>();
    for (const key of this.config.tables.keys()) {
      const fw = FIREWALL_KEYS.get(key);
      if (!fw) continue;
      const { family, table: tname } = fw;
      const order: string[] = [...BUILTIN_CHAINS[tname]];
      chainOrder.set(`${family} ${tname}`, order);
      const inTable: FirewallRule[] = [];
      byTable.set(key, inTable);
      // Chains of this table by bare name: no key string per rule.
      const byChain = new Map<string, FirewallRule[]>();
      const kept = this.kept;
      for (const item of this.items(key)) {
        let rule = kept?.rules.get(item);
        if (rule === undefined) {
          rule = this.newRule(item, family, tname);
          kept?.rules.set(item, rule);
        }
        rules.push(rule);
        inTable.push(rule);
        const chain = rule.chain;
        if (chain !== undefined) {
          let list = byChain.get(chain);
          if (!list) {
            byChain.set(chain, (list = []));
            chains.set(chainKey(family, tname, chain), list);
            if (!order.includes(chain)) order.push(chain);
          }
          rule.index = list.length;
          list.push(rule);
        }
      }
    }
    return { rules, byTable, chains, chainOrder };
  }

  /** The rule an item of a firewall table is. */
  private newRule(item: Item, family: Family, tname: FirewallTable): Rule {
    const props = item.props;
    const chain = literalOf(props.get('chain'));
    const actionProp = props.get('action');
    const action = actionProp ? literalOf(actionProp) : 'accept';
    const ptProp = props.get('passthrough');
    const pt = ptProp && !ptProp.value.computed ? yesNo(ptProp.value.text) : undefined;
    return new Rule(
      this.kept?.lines ?? this,
      item,
      family,
      tname,
      chain,
      isDisabled(item),
      action,
      pt,
      ptProp,
      action === 'jump' ? literalOf(props.get('jump-target')) : undefined,
    );
  }

  private buildQueues(): QueuesPart {
    const queues: Queue[] = [];
    const byTable = new Map<string, Queue[]>();
    for (const key of this.config.tables.keys()) {
      if (key !== 'queue tree' && key !== 'queue simple') continue;
      const inTable: Queue[] = [];
      byTable.set(key, inTable);
      const tree = key === 'queue tree';
      for (const item of this.items(key)) {
        const pm = item.props.get(tree ? 'packet-mark' : 'packet-marks');
        const prio = literalOf(item.props.get('priority'));
        const pn = prio !== undefined ? /^(\d+)/.exec(prio) : null;
        const q: Queue = new QueueEntry(
          this,
          item,
          tree ? 'tree' : 'simple',
          literalOf(item.props.get('name')),
          literalOf(item.props.get('parent')),
          pm && !pm.value.computed ? splitList(pm.value.text).filter((m) => m !== NO_MARK) : [],
          pm,
          pn ? Number(pn[1]) : undefined,
          isDisabled(item),
        );
        queues.push(q);
        inTable.push(q);
      }
    }
    return { queues, byTable };
  }

  private buildLayer7(): Layer7Protocol[] {
    const layer7: Layer7Protocol[] = [];
    for (const item of this.items('ip firewall layer7-protocol')) {
      const name = literalOf(item.props.get('name'));
      if (name !== undefined) layer7.push(new Layer7Entry(this, item, name, item.props.get('regexp')));
    }
    return layer7;
  }

  private buildListUses(): ListUse[] {
    const listUses: ListUse[] = [];
    for (const rule of this.rules) appendAll(listUses, (rule as Rule).listUses());
    return listUses;
  }

  /** Mark setters and uses, in table order (tables in order of their first command), as one pass would. */
  private buildMarks(): MarksPart {
    const markSets: MarkRef[] = [];
    const markUses: MarkRef[] = [];
    const computedMarkSets = new Set<MarkKind>();
    const computedMarkUses = new Set<MarkKind>();
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
    for (const key of this.config.tables.keys()) {
      if (FIREWALL_KEYS.has(key)) {
        for (const rule of this.rulesOf().byTable.get(key) ?? []) {
          const props = rule.item.props;
          let owner: Owner | undefined;
          const mark = rule.action ? MARK_ACTIONS[rule.action] : undefined;
          if (mark) {
            const p = props.get(mark.arg);
            if (p) addMark(markSets, mark.kind, p, (owner ??= { kind: 'rule', rule }), rule.disabled);
          }
          for (const [kind, matcher] of MARK_MATCHER_PAIRS) {
            const p = props.get(matcher);
            if (p) addMark(markUses, kind, p, (owner ??= { kind: 'rule', rule }), rule.disabled);
          }
        }
        continue;
      }
      switch (key) {
        case 'queue tree':
        case 'queue simple':
          for (const q of this.queuesOf().byTable.get(key) ?? []) {
            const pm = q.packetMarkProp;
            if (pm) addMark(markUses, 'packet', pm, { kind: 'queue', queue: q }, q.disabled);
          }
          break;
        case 'interface bridge filter':
        case 'interface bridge nat':
          for (const item of this.items(key)) {
            const disabled = isDisabled(item);
            const action = literalOf(item.props.get('action'));
            const set = item.props.get('new-packet-mark');
            if (action === 'mark-packet' && set)
              addMark(markSets, 'packet', set, { kind: 'other', item, what: 'bridge rule' }, disabled);
            const use = item.props.get('packet-mark');
            if (use) addMark(markUses, 'packet', use, { kind: 'other', item, what: 'bridge rule' }, disabled);
          }
          break;
        case 'routing rule':
        case 'ip route rule':
        case 'ip route':
          for (const item of this.items(key)) {
            const use = item.props.get('routing-mark');
            if (use) {
              const what = key === 'ip route' ? 'route' : 'routing rule';
              addMark(markUses, 'routing', use, { kind: 'other', item, what }, isDisabled(item));
            }
          }
          break;
        case 'ip vrf':
          // A VRF's name is the routing mark of the packets routed in it.
          for (const item of this.items(key)) {
            const p = item.props.get('name');
            if (p) addMark(markSets, 'routing', p, { kind: 'other', item, what: 'VRF' }, isDisabled(item));
          }
          break;
        case 'ip hotspot user profile':
          for (const item of this.items(key)) {
            for (const name of ['incoming-packet-mark', 'outgoing-packet-mark']) {
              const p = item.props.get(name);
              if (p)
                addMark(
                  markSets,
                  'packet',
                  p,
                  { kind: 'other', item, what: 'hotspot user profile' },
                  isDisabled(item),
                );
            }
          }
          break;
        default:
          break;
      }
    }
    const index = (refs: readonly MarkRef[]): Record<MarkKind, Map<string, MarkRef[]>> => {
      const m: Record<MarkKind, Map<string, MarkRef[]>> = {
        connection: new Map(),
        packet: new Map(),
        routing: new Map(),
      };
      for (const r of refs) {
        const byName = m[r.kind];
        let l = byName.get(r.name);
        if (!l) byName.set(r.name, (l = []));
        l.push(r);
      }
      return m;
    };
    return {
      markSets,
      markUses,
      computedMarkSets,
      computedMarkUses,
      setIndex: index(markSets),
      useIndex: index(markUses),
    };
  }

  /** How address lists are filled, in table order; replays the address-list tables. */
  private buildFills(): FillsPart {
    const listFills: ListFill[] = [];
    const computedListFills = new Set<Family | 'any'>();
    const otherFills = (item: Item, l: Prop): void => {
      for (const list of splitList((l.value as { text: string }).text)) {
        listFills.push(new FillEntry(this, 'any', list, 'other', l, item, undefined));
      }
    };
    for (const key of this.config.tables.keys()) {
      const fw = FIREWALL_KEYS.get(key);
      if (fw) {
        for (const rule of this.rulesOf().byTable.get(key) ?? []) {
          if (rule.action !== 'add-src-to-address-list' && rule.action !== 'add-dst-to-address-list')
            continue;
          const p = rule.item.props.get('address-list');
          if (p && !p.value.computed) {
            listFills.push(new FillEntry(this, fw.family, p.value.text, 'dynamic', p, rule.item, rule));
          } else if (p) computedListFills.add(fw.family);
        }
        continue;
      }
      switch (key) {
        case 'ip firewall address-list':
        case 'ipv6 firewall address-list': {
          const family: Family = key.startsWith('ipv6') ? 'ipv6' : 'ip';
          for (const item of this.items(key)) {
            const p = item.props.get('list');
            if (p && p.value.computed) computedListFills.add(family);
            if (p && !p.value.computed) {
              listFills.push(new FillEntry(this, family, p.value.text, 'static', p, item, undefined));
            }
          }
          break;
        }
        case 'ip hotspot user profile':
          for (const item of this.items(key)) {
            const l = item.props.get('address-list');
            if (l && !l.value.computed) otherFills(item, l);
            else if (l) computedListFills.add('any');
          }
          break;
        case 'ppp profile':
        case 'ip dhcp-server':
        case 'ip dhcp-server lease':
        case 'ip dns static':
          for (const item of this.items(key)) {
            for (const name of ['address-list', 'address-lists']) {
              const l = item.props.get(name);
              if (l && l.value.computed) computedListFills.add('any');
              if (!l || l.value.computed) continue;
              otherFills(item, l);
            }
          }
          break;
        default:
          break;
      }
    }
    const fillIndex: Record<Family, Map<string, ListFill[]>> = { ip: new Map(), ipv6: new Map() };
    const addFill = (fam: Family, f: ListFill): void => {
      let l = fillIndex[fam].get(f.list);
      if (!l) fillIndex[fam].set(f.list, (l = []));
      l.push(f);
    };
    for (const f of listFills) {
      if (f.family === 'any') {
        addFill('ip', f);
        addFill('ipv6', f);
      } else addFill(f.family, f);
    }
    return { listFills, computedListFills, fillIndex };
  }

  /**
   * The evaluation order seen from the start of one chain: its rules with the chains they jump to expanded
   * in place (each chain once: loops and repeated jumps do not multiply the walk), then, for a custom chain,
   * what follows each jump into it. Built once per chain and shared by every query about its rules, so the
   * lints stay linear in the number of rules for the usual handful of chains.
   */
  private expansion(family: Family, table: FirewallTable, root: string): Expansion {
    const key = chainKey(family, table, root);
    const hit = this.expansions.get(key);
    if (hit) return hit;
    const chains = this.rulesOf().chains;
    const jumps = this.jumpsOf();
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
    this.expansions.set(key, built);
    return built;
  }
}

/**
 * Builds the model (lazily, part by part); prefer firewallModel(), which caches. `extraTables` replays
 * more menus into `config` (the packet tracer reads addresses, interfaces and interface lists).
 */
export function buildFirewallModel(
  parse: ParseResult,
  text: string,
  options: { extraTables?: ReadonlySet<string> } = {},
): FirewallModel {
  return new Model(buildConfig(parse, text, { extraTables: options.extraTables }), text);
}

/** "line 12", "lines 12 and 14", "lines 3, 5 and 9". */
export function linesPhrase(lines: readonly number[]): string {
  const u = [...new Set(lines)].sort((a, b) => a - b);
  if (u.length === 1) return `line ${u[0]}`;
  return `lines ${u.slice(0, -1).join(', ')} and ${u[u.length - 1]}`;
}
