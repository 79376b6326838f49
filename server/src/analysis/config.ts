// Replays the configuration commands of a script (`add`, `set`, `remove`, `enable`, `disable`, `move`,
// `unset`, `comment`) onto ordered item tables, one per tracked menu, the way RouterOS would apply them to
// a router whose tables held nothing else. Edits that reach items this file cannot see are recorded as
// touching state outside the file instead of being guessed.
import type {
  CommandNode,
  Expression,
  NamedArg,
  Node,
  ParseResult,
  Statement,
  SubstitutionNode,
} from '../syntax';
import { isAtomArg, storedArgs } from '../syntax';
import { literalText, splitList, type ArgValue } from './values';

/** One property of an item, with the argument and command that last wrote it. */
export interface Prop {
  readonly name: string;
  readonly value: ArgValue;
  readonly arg: NamedArg;
  readonly command: CommandNode;
}

/** How sure the model is about an item's position in its table. */
export type Placement =
  /** Appended, or placed before an item of this file. */
  | 'exact'
  /** Placed by a number (`place-before=3`, `move 3`), read as if the table held only this file's items. */
  | 'assumed'
  /** Placed relative to something outside the file (`place-before=*1A`, a computed value). */
  | 'unknown';

export interface Item {
  /** Creation order across the whole file. */
  readonly seq: number;
  /** Table key: the menu joined by spaces, e.g. `ip firewall mangle`. */
  readonly table: string;
  /** The `add` command that created it. */
  readonly command: CommandNode;
  readonly props: Map<string, Prop>;
  /** Created or edited inside code that may not run (`:if`, `:foreach`, a function body). */
  conditional: boolean;
  placement: Placement;
  /** Later commands of the file that changed it (`set`, `enable`, `move`, ...). */
  readonly edits: CommandNode[];
  /** The command that removed it, if any. */
  removedBy?: CommandNode;
  /** True when `copy-from` gave it properties written by another command. */
  copied?: boolean;
}

/** A command whose targets could not be found among this file's items. */
export interface ExternalEdit {
  readonly table: string;
  readonly command: CommandNode;
  readonly verb: string;
  /** Why the model could not apply it, in the admin's terms. */
  readonly reason: string;
}

export interface Table {
  readonly key: string;
  /** Live items in table order (what `print` would list if the table held only this file's items). */
  items: Item[];
  /** Every item the file created, removed ones included, in creation order. */
  readonly created: Item[];
}

export interface ConfigModel {
  /** Tables in order of their first command. Reading a table's value replays it (see buildConfig). */
  readonly tables: ReadonlyMap<string, Table>;
  /** Every edit the model could not apply, in file order (replays every table). */
  readonly external: readonly ExternalEdit[];
  /** The external edits of one table, in file order (replays only that table). */
  externalIn(table: string): readonly ExternalEdit[];
  /** Number of item-level operations performed; tests use it to check the work stays linear. */
  readonly work: number;
  /** True once a table's commands have been replayed; tests use it to check unread tables cost nothing. */
  isReplayed(table: string): boolean;
}

/** Menus whose items the flow analysis reads. Anything else is ignored (cheaply). */
export const TRACKED_TABLES: ReadonlySet<string> = new Set([
  'ip firewall filter',
  'ip firewall nat',
  'ip firewall mangle',
  'ip firewall raw',
  'ipv6 firewall filter',
  'ipv6 firewall nat',
  'ipv6 firewall mangle',
  'ipv6 firewall raw',
  'ip firewall address-list',
  'ipv6 firewall address-list',
  'ip firewall layer7-protocol',
  'queue tree',
  'queue simple',
  'interface bridge filter',
  'interface bridge nat',
  'routing rule',
  'ip route rule',
  'ip route',
  'ip vrf',
  'ip hotspot user profile',
  'ppp profile',
  'ip dhcp-server',
  'ip dhcp-server lease',
  'ip dns static',
]);

/** Property defaults used only to evaluate `find` criteria against items that do not set the property. */
const FIND_DEFAULTS: Readonly<Record<string, string>> = { disabled: 'no' };

/** The literal text of a property as `find` compares it (negation included). */
function propText(p: Prop): string | undefined {
  return p.value.computed ? undefined : (p.value.negated ? '!' : '') + p.value.text;
}

class TableState implements Table {
  items: Item[] = [];
  readonly created: Item[] = [];
  /**
   * propName -> value -> items currently holding that value (live and removed; filtered on use). Built on
   * the first lookup only: most tables are never searched with `find`, and an index of a 100,000-line
   * address list (a set per distinct address and comment) cost more than everything else in the model.
   */
  private index: Map<string, Map<string, Set<Item>>> | undefined;

  constructor(readonly key: string) {}

  indexProp(item: Item, prop: Prop, previous: Prop | undefined): void {
    if (this.index) TableState.addToIndex(this.index, item, prop, previous);
  }

  private static addToIndex(
    index: Map<string, Map<string, Set<Item>>>,
    item: Item,
    prop: Prop,
    previous: Prop | undefined,
  ): void {
    let byValue = index.get(prop.name);
    if (!byValue) index.set(prop.name, (byValue = new Map()));
    const old = previous ? propText(previous) : undefined;
    if (old !== undefined) byValue.get(old)?.delete(item);
    const t = propText(prop);
    if (t === undefined) return;
    let set = byValue.get(t);
    if (!set) byValue.set(t, (set = new Set()));
    set.add(item);
  }

  unindexProp(item: Item, prop: Prop): void {
    const t = propText(prop);
    if (t !== undefined) this.index?.get(prop.name)?.get(t)?.delete(item);
  }

  lookup(name: string, value: string): Set<Item> | undefined {
    if (!this.index) {
      // Equal to the incrementally kept index: every created item under its current properties, except
      // those unindexed on removal (removed items are skipped by every lookup anyway).
      const index = new Map<string, Map<string, Set<Item>>>();
      for (const item of this.created) {
        if (item.removedBy) continue;
        for (const p of item.props.values()) TableState.addToIndex(index, item, p, undefined);
      }
      this.index = index;
    }
    return this.index.get(name)?.get(value);
  }
}

type Targets = { kind: 'items'; items: Item[]; assumed: boolean } | { kind: 'external'; reason: string };

/**
 * The named arguments of a command, with one repair: `/export` wraps a long line right after `name=`
 * (`new-packet-mark=\` newline `    voip`), and RouterOS reads the next line's word as the value. When the
 * tree shows that as a valueless `name=` followed by a positional word across a line continuation, the two
 * are joined here. (Reported to the parser's owner; harmless once the parser joins them itself.)
 */
export function namedArgs(cmd: CommandNode, text: string): readonly NamedArg[] {
  const args = cmd.args;
  // The usual `add name=value ...` line needs no copy: every argument is named and has its value.
  let plain = true;
  for (let i = 0; i < args.length && plain; i++) {
    const a = args[i];
    plain = a.kind === 'namedArg' && (isAtomArg(a) || a.value !== undefined); // no value made
  }
  if (plain) return args as readonly NamedArg[];
  const out: NamedArg[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.kind !== 'namedArg') continue;
    const next = args[i + 1];
    if (
      !a.value &&
      next &&
      next.kind === 'positionalArg' &&
      /^\\\r?\n[ \t]*$/.test(text.slice(a.end, next.start))
    ) {
      out.push(new JoinedArg(a, next.value));
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** A valueless `name=` joined with the word after the line break (see namedArgs), its range read through. */
class JoinedArg implements NamedArg {
  readonly kind = 'namedArg';
  constructor(
    private readonly arg: NamedArg,
    readonly value: Expression,
  ) {}

  get name(): string {
    return this.arg.name;
  }

  get nameStart(): number {
    return this.arg.nameStart;
  }

  get nameEnd(): number {
    return this.arg.nameEnd;
  }

  get start(): number {
    return this.arg.start;
  }

  get end(): number {
    return this.value.end;
  }
}

/** Table keys per menu array: the parser shares one (never mutated) array between a section's commands. */
const menuKeys = new WeakMap<readonly string[], string>();

function menuKey(menu: readonly string[]): string {
  let k = menuKeys.get(menu);
  if (k === undefined) {
    k = menu.join(' ');
    menuKeys.set(menu, k);
  }
  return k;
}

/** Replays the commands of one table, in file order. Tables never reach into each other (see buildConfig). */
interface Replayer {
  /** `seq` is the creation number an `add` gets; `ord` the command's position among all tracked commands. */
  apply(cmd: CommandNode, conditional: boolean, seq: number, ord: number): void;
  readonly external: ExternalEdit[];
  /** The `ord` of the command behind each external edit, to merge the tables' lists in file order. */
  readonly externalOrd: number[];
  work(): number;
}

function replayer(table: TableState, text: string, reuse?: ItemReuse): Replayer {
  return new TableReplay(table, text, reuse);
}

/**
 * The items an earlier replay of the same document made from single `add` commands, by command, for
 * buildConfig's `reuse`: in a table that no command edits (`set`, `remove`, `move`, ...), an `add` without
 * `copy-from` or `place-before` makes an item from its own arguments alone, appended, never changed
 * afterwards; the same command node (kept by the incremental parser, moved in place) makes the same item,
 * whose offsets are read through from the node (PropEntry). Only its creation number is set anew.
 */
export type ItemReuse = WeakMap<CommandNode, Item>;

/*
 * Offsets read through from the syntax nodes, never copied: a model kept across an incremental re-parse
 * (firewall.ts FirewallMemo) holds the same nodes, which the parser moves in place, so its properties'
 * ranges stay those of the current text.
 */

/**
 * A property as the replay wrote it. Its argument is the node itself, moved in place by the parser,
 * except for a command whose arguments are stored as numbers (syntax/nodes.ts AtomArgStore): those are
 * made on each read of `args` at the command's offset then, so the argument is made again when the
 * command has moved since.
 */
class PropEntry implements Prop {
  readonly name: string;
  readonly value: ArgValue;
  private node: NamedArg;
  private base: number;

  constructor(
    arg: NamedArg,
    readonly command: CommandNode,
    /** The argument's position in `command.args` when they are stored, else -1. */
    readonly index: number,
  ) {
    this.name = arg.name;
    this.node = arg;
    this.base = command.start;
    const e = arg.value;
    const t = e ? literalText(e) : '';
    if (t === undefined) this.value = new LiveComputed(this);
    else {
      const negated = t.startsWith('!');
      this.value = new LiveLiteral(this, negated ? t.slice(1) : t, negated);
    }
  }

  get arg(): NamedArg {
    if (this.index >= 0 && this.command.start !== this.base) {
      this.node = this.command.args[this.index] as NamedArg;
      this.base = this.command.start;
    }
    return this.node;
  }
}

/** The argument index a property was made with (see PropEntry), -1 when it is not a stored one. */
function storedIndex(p: Prop): number {
  return p instanceof PropEntry ? p.index : -1;
}

/** A property's value (argValue of its argument), its range read from the argument when asked. */
class LiveLiteral {
  readonly computed = false;
  constructor(
    private readonly prop: Prop,
    readonly text: string,
    readonly negated: boolean,
  ) {}

  get start(): number {
    const a = this.prop.arg;
    return a.value ? a.value.start : a.end;
  }

  get end(): number {
    const a = this.prop.arg;
    return a.value ? a.value.end : a.end;
  }
}

class LiveComputed {
  readonly computed = true;
  constructor(private readonly prop: Prop) {}

  get start(): number {
    return (this.prop.arg.value as Expression).start;
  }

  get end(): number {
    return (this.prop.arg.value as Expression).end;
  }
}

/** The `disabled=` argument that `enable`/`disable` stand for: the command's name is its range. */
class CommandNameArg implements NamedArg {
  readonly kind = 'namedArg';
  readonly name = 'disabled';
  constructor(private readonly cmd: CommandNode) {}

  get nameStart(): number {
    return this.cmd.nameStart;
  }

  get nameEnd(): number {
    return this.cmd.nameEnd;
  }

  get start(): number {
    return this.cmd.nameStart;
  }

  get end(): number {
    return this.cmd.nameEnd;
  }
}

/** The value of a CommandNameArg. */
class SyntheticValue {
  readonly computed = false;
  readonly negated = false;
  constructor(
    private readonly cmd: CommandNode,
    readonly text: string,
  ) {}

  get start(): number {
    return this.cmd.nameStart;
  }

  get end(): number {
    return this.cmd.nameEnd;
  }
}

/** The verbs that act on existing items (a target list or `[find ...]`). */
const EDIT_VERBS: ReadonlySet<string> = new Set([
  'set',
  'enable',
  'disable',
  'remove',
  'comment',
  'unset',
  'move',
]);

/** The first positional argument or `numbers=`: the items a set/remove/... acts on. */
function targetExpr(cmd: CommandNode): Expression | undefined {
  for (const a of cmd.args) {
    if (a.kind === 'positionalArg') return a.value;
    if (a.kind === 'namedArg' && a.name === 'numbers') return a.value;
  }
  return undefined;
}

/** The Replayer of one table: one method per kind of command. `count` is the work done (see `work`). */
class TableReplay implements Replayer {
  readonly external: ExternalEdit[] = [];
  readonly externalOrd: number[] = [];
  private count = 0;

  constructor(
    private readonly table: TableState,
    private readonly text: string,
    /** Set only for a table no command edits (see ItemReuse). */
    private readonly reuse?: ItemReuse,
  ) {}

  work(): number {
    return this.count;
  }

  apply(cmd: CommandNode, conditional: boolean, seq: number, ord: number): void {
    if (cmd.name === 'add') this.add(cmd, conditional, seq, ord);
    else if (EDIT_VERBS.has(cmd.name)) this.edit(cmd, conditional, ord);
  }

  /** Records a command whose effect the analysis cannot know, with why. */
  private ext(cmd: CommandNode, ord: number, reason: string): void {
    this.external.push({ table: this.table.key, command: cmd, verb: cmd.name, reason });
    this.externalOrd.push(ord);
  }

  /** `index`: the argument's position in `command.args` when the command keeps them stored, else -1. */
  private setProp(item: Item, arg: NamedArg, command: CommandNode, index: number): void {
    const prop: Prop = new PropEntry(arg, command, index);
    const prev = item.props.get(arg.name);
    item.props.set(arg.name, prop);
    this.table.indexProp(item, prop, prev);
    this.count++;
  }

  /** `add`: a new item with its properties (after `copy-from`'s), at the end or before `place-before`. */
  private add(cmd: CommandNode, conditional: boolean, seq: number, ord: number): void {
    const table = this.table;
    const kept = this.reuse?.get(cmd);
    if (kept !== undefined && kept.conditional === conditional) {
      (kept as { seq: number }).seq = seq;
      table.created.push(kept);
      table.items.push(kept);
      // The work a fresh add does: one per property and one for the append.
      this.count += kept.props.size + 1;
      return;
    }
    let copies = false;
    const item: Item = {
      seq,
      table: table.key,
      command: cmd,
      props: new Map(),
      conditional,
      placement: 'exact',
      edits: [],
    };
    let placeBefore: NamedArg | undefined;
    const named = namedArgs(cmd, this.text);
    for (const a of named) {
      if (a.name === 'copy-from') {
        copies = true;
        const src = this.resolveTargets(a.value);
        if (src.kind === 'items') {
          item.copied = true;
          for (const p of src.items[0].props.values())
            if (p.name !== 'comment') this.setProp(item, p.arg, p.command, storedIndex(p));
        } else this.ext(cmd, ord, `copy-from: ${src.reason}`);
      }
    }
    const stored = storedArgs(cmd) !== undefined;
    for (let i = 0; i < named.length; i++) {
      const a = named[i];
      if (a.name === 'copy-from') continue;
      if (a.name === 'place-before') {
        placeBefore = a;
        continue;
      }
      this.setProp(item, a, cmd, stored ? i : -1);
    }
    table.created.push(item);
    if (!placeBefore) {
      table.items.push(item);
      this.count++;
      if (this.reuse !== undefined && !copies) this.reuse.set(cmd, item);
      return;
    }
    const where = this.resolveTargets(placeBefore.value);
    if (where.kind === 'items') {
      // `place-before=0` is the top of the table whatever the router already holds.
      const zero = literalText(placeBefore.value) === '0';
      item.placement = where.assumed && !zero ? 'assumed' : 'exact';
      this.insertBefore([item], where.items[0]);
    } else {
      item.placement = 'unknown';
      table.items.push(item);
      this.ext(cmd, ord, `place-before: ${where.reason}; the rule's position is unknown`);
    }
  }

  /** set, enable, disable, remove, comment, unset, move: on the items the command names. */
  private edit(cmd: CommandNode, conditional: boolean, ord: number): void {
    const verb = cmd.name;
    const targets = this.resolveTargets(targetExpr(cmd));
    if (targets.kind === 'external') {
      this.ext(cmd, ord, targets.reason);
      return;
    }
    for (const it of targets.items) {
      this.count++;
      it.edits.push(cmd);
      if (conditional) it.conditional = true;
      if (targets.assumed && verb === 'move') it.placement = 'assumed';
    }
    if (verb === 'remove') this.remove(cmd, targets.items);
    else if (verb === 'move') this.move(cmd, targets.items, ord);
    else if (verb === 'enable' || verb === 'disable')
      this.setDisabled(cmd, verb === 'disable', targets.items);
    else if (verb === 'unset') this.unset(cmd, targets.items, ord);
    else {
      const named = namedArgs(cmd, this.text);
      const stored = storedArgs(cmd) !== undefined;
      for (const it of targets.items) {
        for (let i = 0; i < named.length; i++) {
          const a = named[i];
          if (a.name === 'numbers') continue;
          this.setProp(it, a, cmd, stored ? i : -1);
        }
      }
    }
  }

  private remove(cmd: CommandNode, items: Item[]): void {
    const table = this.table;
    const gone = new Set(items);
    for (const it of items) {
      it.removedBy = cmd;
      for (const p of it.props.values()) table.unindexProp(it, p);
    }
    table.items = table.items.filter((it) => !gone.has(it));
    this.count += table.items.length;
  }

  /** `move`: before the destination, or to the end for a number past the last item. */
  private move(cmd: CommandNode, items: Item[], ord: number): void {
    const positional = cmd.args.filter((a) => a.kind === 'positionalArg');
    const destArg = cmd.args.find((a): a is NamedArg => a.kind === 'namedArg' && a.name === 'destination');
    const destExpr = destArg?.value ?? (positional.length > 1 ? positional[1].value : undefined);
    const destText = literalText(destExpr);
    if (destText !== undefined && /^\d+$/.test(destText) && Number(destText) >= this.table.items.length) {
      this.insertBefore(items, undefined);
      for (const it of items) it.placement = 'assumed';
      return;
    }
    const dest = this.resolveTargets(destExpr);
    if (dest.kind === 'external') {
      for (const it of items) it.placement = 'unknown';
      this.ext(cmd, ord, `destination: ${dest.reason}`);
      return;
    }
    this.insertBefore(items, dest.items[0]);
    if (dest.assumed) for (const it of items) it.placement = 'assumed';
  }

  /**
   * enable/disable, synthesised as a property so the rest of the model sees one `disabled` value; the
   * command itself stands in for the argument in diagnostics.
   */
  private setDisabled(cmd: CommandNode, disabled: boolean, items: Item[]): void {
    for (const it of items) {
      const synthetic: NamedArg = new CommandNameArg(cmd);
      const prop: Prop = {
        name: 'disabled',
        value: new SyntheticValue(cmd, disabled ? 'yes' : 'no'),
        arg: synthetic,
        command: cmd,
      };
      const prev = it.props.get('disabled');
      it.props.set('disabled', prop);
      this.table.indexProp(it, prop, prev);
    }
  }

  /** `unset value-name=a,b`: drops the named properties. */
  private unset(cmd: CommandNode, items: Item[], ord: number): void {
    const names: string[] = [];
    for (const a of cmd.args) {
      if (a.kind === 'namedArg' && a.name === 'value-name') {
        const t = literalText(a.value);
        if (t === undefined) {
          this.ext(cmd, ord, 'unset: the property names are computed');
          return;
        }
        names.push(...splitList(t));
      }
    }
    for (const it of items) {
      for (const n of names) {
        const p = it.props.get(n);
        if (p) {
          this.table.unindexProp(it, p);
          it.props.delete(n);
        }
      }
    }
  }

  private insertBefore(moving: Item[], before: Item | undefined): void {
    const set = new Set(moving);
    const rest = this.table.items.filter((it) => !set.has(it));
    const at = before ? rest.indexOf(before) : -1;
    if (at < 0) rest.push(...moving);
    else rest.splice(at, 0, ...moving);
    this.count += rest.length;
    this.table.items = rest;
  }

  /** Reads a target written as `[find ...]`, a number list or an id. */
  private resolveTargets(e: Expression | undefined): Targets {
    if (!e) return { kind: 'external', reason: 'no item is named' };
    if (e.kind === 'substitution') return this.resolveFind(e);
    const t = literalText(e);
    if (t === undefined)
      return { kind: 'external', reason: 'the item is chosen by a value computed at run time' };
    const parts = splitList(t);
    const items: Item[] = [];
    for (const p of parts) {
      if (!/^\d+$/.test(p)) {
        return {
          kind: 'external',
          reason: `\`${p}\` names an item by its internal id, which only the router knows`,
        };
      }
      const it = this.table.items[Number(p)];
      if (!it)
        return { kind: 'external', reason: `item number ${p} is not among the items this file creates` };
      items.push(it);
    }
    return { kind: 'items', items, assumed: true };
  }

  /** Finds the items a `[find ...]` selects, or says why it cannot. */
  private resolveFind(sub: SubstitutionNode): Targets {
    const table = this.table;
    const cmd = sub.statements.length === 1 ? sub.statements[0] : undefined;
    if (!cmd || cmd.kind !== 'command' || cmd.name !== 'find' || cmd.isGlobal) {
      return { kind: 'external', reason: 'the items are chosen by a command the analysis does not evaluate' };
    }
    const criteria: [string, string][] = [];
    for (const a of cmd.args) {
      if (a.kind === 'namedArg') {
        const t = literalText(a.value);
        if (t === undefined) return { kind: 'external', reason: 'the `find` compares with a computed value' };
        criteria.push([a.name, t]);
      } else if (a.kind === 'where') {
        if (a.expression && !collectEqualities(a.expression, criteria)) {
          return { kind: 'external', reason: 'the `find where` condition is more than `name=value` tests' };
        }
      } else {
        return {
          kind: 'external',
          reason: 'the `find` uses a flag or expression the analysis does not evaluate',
        };
      }
    }
    let candidates: Iterable<Item> = table.items;
    const first = criteria.find(([k, v]) => FIND_DEFAULTS[k] !== v);
    if (first) candidates = table.lookup(first[0], first[1]) ?? [];
    const found: Item[] = [];
    for (const it of candidates) {
      this.count++;
      if (it.removedBy) continue;
      const ok = criteria.every(([k, v]) => {
        const p = it.props.get(k);
        return p ? propText(p) === v : FIND_DEFAULTS[k] === v;
      });
      if (ok) found.push(it);
    }
    if (found.length === 0) {
      return { kind: 'external', reason: 'no item created in this file matches the `find`' };
    }
    // Table order, so `place-before=[find ...]` uses the first match as RouterOS does. Only several matches
    // need the (linear) position lookup.
    if (found.length > 1) {
      const order = new Map(table.items.map((it, i) => [it, i]));
      this.count += table.items.length;
      found.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    }
    return { kind: 'items', items: found, assumed: false };
  }
}

/**
 * One tracked table: its commands as the walk found them, replayed on the first read. `info` holds, per
 * command, its position among all tracked commands (`ord`) times two, plus one when it is conditional.
 */
interface TableSource {
  readonly state: TableState;
  readonly cmds: CommandNode[];
  readonly info: number[];
  replay: Replayer | undefined;
}

/**
 * The tables, in order of their first command. A Map whose values are filled in on first read: keys,
 * `has` and `size` cost nothing; `get` replays one table; iterating the values replays them all.
 */
class TableMap extends Map<string, Table> {
  constructor(
    private readonly ensure: (key: string) => void,
    private readonly ensureAll: () => void,
  ) {
    super();
  }

  override get(key: string): Table | undefined {
    if (super.has(key)) this.ensure(key);
    return super.get(key);
  }

  override forEach(
    callback: (value: Table, key: string, map: Map<string, Table>) => void,
    thisArg?: unknown,
  ): void {
    this.ensureAll();
    super.forEach(callback, thisArg);
  }

  override entries(): MapIterator<[string, Table]> {
    this.ensureAll();
    return super.entries();
  }

  override values(): MapIterator<Table> {
    this.ensureAll();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, Table]> {
    this.ensureAll();
    return super[Symbol.iterator]();
  }
}

class LazyConfig implements ConfigModel {
  readonly tables: TableMap;
  private readonly sources = new Map<string, TableSource>();
  private mergedExternal: ExternalEdit[] | undefined;
  /** Nodes visited by the walk that collected the commands. */
  walkWork = 0;
  /** Number of tracked commands the walk found. */
  ords = 0;

  constructor(
    private text: string,
    private readonly reuse?: ItemReuse,
  ) {
    this.tables = new TableMap(
      (key) => this.ensure(key),
      () => this.ensureAll(),
    );
  }

  source(key: string): TableSource {
    let s = this.sources.get(key);
    if (!s) {
      const state = new TableState(key);
      s = { state, cmds: [], info: [], replay: undefined };
      this.sources.set(key, s);
      // The table object exists from the start (keys are known after the walk) and is filled in place.
      this.tables.set(key, state);
    }
    return s;
  }

  /** Eager mode: applies a command as the walk meets it (the order the lazy replay must reproduce). */
  applyNow(key: string, cmd: CommandNode, conditional: boolean, seq: number, ord: number): void {
    const s = this.source(key);
    if (!s.replay) s.replay = replayer(s.state, this.text);
    s.replay.apply(cmd, conditional, seq, ord);
  }

  /**
   * The creation number an `add` at each ord gets: the number of `add` commands before it in the whole
   * file. Counted on the first replay (from every table's command list, before any is dropped), so the
   * walk need not read each command's name.
   */
  private addsBefore: Uint32Array | undefined;

  private seqs(): Uint32Array {
    if (this.addsBefore) return this.addsBefore;
    const isAdd = new Uint8Array(this.ords);
    for (const s of this.sources.values())
      for (let i = 0; i < s.cmds.length; i++) if (s.cmds[i].name === 'add') isAdd[s.info[i] >> 1] = 1;
    const before = new Uint32Array(this.ords);
    let count = 0;
    for (let o = 0; o < this.ords; o++) {
      before[o] = count;
      count += isAdd[o];
    }
    return (this.addsBefore = before);
  }

  ensure(key: string): void {
    const s = this.sources.get(key);
    if (!s || s.replay) return;
    const seqs = this.seqs();
    let reuse = this.reuse;
    for (let i = 0; reuse !== undefined && i < s.cmds.length; i++)
      if (EDIT_VERBS.has(s.cmds[i].name)) reuse = undefined;
    const r = (s.replay = replayer(s.state, this.text, reuse));
    for (let i = 0; i < s.cmds.length; i++) {
      const ord = s.info[i] >> 1;
      r.apply(s.cmds[i], (s.info[i] & 1) === 1, seqs[ord], ord);
    }
    // The replayed table no longer needs its command list.
    s.cmds.length = 0;
    s.info.length = 0;
  }

  ensureAll(): void {
    for (const key of this.sources.keys()) this.ensure(key);
  }

  get external(): readonly ExternalEdit[] {
    if (this.mergedExternal) return this.mergedExternal;
    this.ensureAll();
    const all: { ord: number; edit: ExternalEdit }[] = [];
    for (const s of this.sources.values()) {
      const r = s.replay as Replayer;
      for (let i = 0; i < r.external.length; i++) all.push({ ord: r.externalOrd[i], edit: r.external[i] });
    }
    // Stable: edits of one command keep the order the replay produced them in.
    all.sort((a, b) => a.ord - b.ord);
    this.mergedExternal = all.map((x) => x.edit);
    return this.mergedExternal;
  }

  externalIn(table: string): readonly ExternalEdit[] {
    this.ensure(table);
    return this.sources.get(table)?.replay?.external ?? [];
  }

  get work(): number {
    this.ensureAll();
    let w = this.walkWork;
    for (const s of this.sources.values()) w += (s.replay as Replayer).work();
    return w;
  }

  isReplayed(table: string): boolean {
    return this.sources.get(table)?.replay !== undefined;
  }

  /**
   * The model kept for a new parse of an edited text holding the same tracked commands (the same nodes,
   * moved in place): tables replayed later read their commands' text from the new text.
   */
  retext(text: string): void {
    this.text = text;
  }
}

/** ConfigModel.retext for a model made by buildConfig (see LazyConfig.retext). */
export function retextConfig(model: ConfigModel, text: string): void {
  if (model instanceof LazyConfig) model.retext(text);
}

/**
 * Builds the item tables of a parsed script. Never throws on user input.
 *
 * A command only ever touches its own menu's table (`find`, `copy-from`, `place-before` and `move` all
 * resolve within it), so the tables are independent: one walk files each tracked command under its table,
 * and a table is replayed only when something reads it. A 100,000-line address-list import then costs no
 * items at all unless a rule asks for the list's entries. `eager` replays during the walk instead (the
 * reference the tests compare the lazy replay with).
 */
export function buildConfig(
  parse: ParseResult,
  text: string,
  options: {
    eager?: boolean;
    /** The text is a stand-in with only the line layout (see shapeOfText): it shows no brackets. */
    shapeOnly?: boolean;
    /** Replay every menu, not only TRACKED_TABLES (the configuration diff compares whole exports). */
    allTables?: boolean;
    /** Menus to replay besides TRACKED_TABLES (the packet tracer reads addresses, interfaces, lists). */
    extraTables?: ReadonlySet<string>;
    /** Items of an earlier replay of the same document to take again where they stand (see ItemReuse). */
    reuse?: ItemReuse;
    /**
     * trackedCommands of each top-level statement (a document's memo of it), instead of the walk; only
     * with the default tables and the real text.
     */
    statements?: (s: Statement) => StatementCommands | undefined;
  } = {},
): ConfigModel {
  const tracked = (k: string): boolean =>
    options.allTables === true || TRACKED_TABLES.has(k) || options.extraTables?.has(k) === true;
  const model = new LazyConfig(text, options.eager === true ? undefined : options.reuse);
  const eager = options.eager === true;
  let seq = 0;
  let ord = 0;
  // The parser shares one menu array between the commands of a section: remember the last one's answer.
  let lastMenu: readonly string[] | undefined;
  let lastKey: string | undefined;
  let lastSource: TableSource | undefined;

  const record = (n: CommandNode, conditional: boolean): void => {
    if (n.menu !== lastMenu) {
      lastMenu = n.menu;
      const k = menuKey(n.menu);
      lastKey = k !== '' && tracked(k) ? k : undefined;
      lastSource = lastKey === undefined || eager ? undefined : model.source(lastKey);
    }
    if (lastKey === undefined) return;
    if (eager) {
      model.applyNow(lastKey, n, conditional, seq, ord);
      if (n.name === 'add') seq++;
    } else {
      const s = lastSource as TableSource;
      s.cmds.push(n);
      s.info.push(ord * 2 + (conditional ? 1 : 0));
    }
    ord++;
  };
  const known = options.statements;
  if (
    known !== undefined &&
    !eager &&
    options.shapeOnly !== true &&
    !options.allTables &&
    !options.extraTables
  ) {
    // The walk's records, statement by statement (`work` counts the statements read).
    const statements = parse.root.statements;
    for (let i = 0; i < statements.length; i++) {
      const sc = known(statements[i]);
      if (sc === undefined) continue;
      for (let j = 0; j < sc.cmds.length; j++) {
        const s = model.source(sc.keys[j]);
        s.cmds.push(sc.cmds[j]);
        s.info.push(ord * 2 + (sc.conds[j] ? 1 : 0));
        ord++;
      }
    }
    model.walkWork = statements.length;
    model.ords = ord;
    return model;
  }
  const work = walkCommands(parse.root.statements, text, options.shapeOnly !== true, record);
  model.walkWork = work;
  model.ords = ord;
  return model;
}

/** The commands of TRACKED_TABLES menus in one top-level statement, as buildConfig's walk records them. */
export interface StatementCommands {
  readonly cmds: CommandNode[];
  readonly keys: string[];
  /** Below a code value (see buildConfig); a top-level statement itself starts unconditional. */
  readonly conds: boolean[];
}

/**
 * What buildConfig with its default options records from the top-level statement `statement` of a parse
 * of `text`, or undefined when nothing: a statement without one adds nothing to the firewall model.
 */
export function trackedCommands(statement: Node, text: string): StatementCommands | undefined {
  let out: StatementCommands | undefined;
  walkCommands([statement], text, true, (n, conditional) => {
    const k = menuKey(n.menu);
    if (k === '' || !TRACKED_TABLES.has(k)) return;
    out ??= { cmds: [], keys: [], conds: [] };
    out.cmds.push(n);
    out.keys.push(k);
    out.conds.push(conditional);
  });
  return out;
}

/**
 * The next `[` and `{` walkCommands found in the last text it walked (see there). It keeps that text alive
 * until another is walked, as `mentions` does: one string per process.
 */
let scans: { text: string; bracket: { from: number; at: number }; brace: { from: number; at: number } } = {
  text: '',
  bracket: { from: Infinity, at: -1 },
  brace: { from: Infinity, at: -1 },
};

/**
 * Visits the commands of `roots` and everything under them in source order, with whether each is
 * conditional (below a code value: bodies of :if/:foreach/:do, functions, on-error handlers). Returns the
 * number of nodes visited. `scan`: `text` is the real text (not a shapeOfText stand-in), so a command
 * whose text shows no bracket can skip its arguments.
 */
function walkCommands(
  roots: readonly Node[],
  text: string,
  scan: boolean,
  visit: (n: CommandNode, conditional: boolean) => void,
): number {
  let work = 0;
  // A command holds other commands only inside `[...]` or `{...}` in its arguments. Reading each argument
  // node of a 100,000-line import costs more than the rest of the walk (the nodes are spread over the
  // heap), so a command whose text shows neither bracket skips its arguments. The next `[` and `{` at or
  // after a position are remembered, so the text is scanned about once however many commands ask.
  // The answers are kept for the last text walked: callers walk a text one top-level statement at a time
  // (trackedCommands, for the editor's memo and the CLI's windows), and a fresh search per statement for
  // an opener an export does not have read the rest of the text each time (quadratic on a big export).
  if (text !== scans.text)
    scans = { text, bracket: { from: Infinity, at: -1 }, brace: { from: Infinity, at: -1 } };
  const { bracket, brace } = scans;
  const nextOf = (ch: string, c: { from: number; at: number }, start: number): number => {
    // Valid while no opener lies between the cached start and the cached answer.
    if (start < c.from || c.at < start) {
      const i = text.indexOf(ch, start);
      c.from = start;
      c.at = i < 0 ? Infinity : i;
    }
    return c.at;
  };
  const mayNest = (start: number, end: number): boolean =>
    !scan || nextOf('[', bracket, start) < end || nextOf('{', brace, start) < end;
  // Depth-first in source order without recursion (deep nesting must not overflow the call stack): a stack
  // of node lists, each with the index of its next node, so the statements of a big file are read in place
  // instead of each being pushed and popped. Nodes with one child descend without a frame. `conditional`
  // is true below code values: bodies of :if/:foreach/:do, functions, on-error handlers. Literals hold no
  // commands: the descent stops at them.
  const lists: (readonly Node[])[] = [roots];
  const next: number[] = [0];
  const conds: boolean[] = [false];
  const enter = (list: readonly Node[], conditional: boolean): void => {
    if (list.length === 0) return;
    lists.push(list);
    next.push(0);
    conds.push(conditional);
  };
  work++;
  while (lists.length > 0) {
    const top = lists.length - 1;
    const list = lists[top];
    const i = next[top];
    if (i >= list.length) {
      lists.pop();
      next.pop();
      conds.pop();
      continue;
    }
    next[top] = i + 1;
    const conditional = conds[top];
    let n: Node | undefined = list[i];
    while (n !== undefined) {
      work++;
      const node: Node = n;
      n = undefined;
      switch (node.kind) {
        case 'script':
        case 'block':
        case 'substitution':
          enter(node.statements, conditional);
          break;
        case 'code':
          enter(node.statements, true);
          break;
        case 'command':
          if (!node.isGlobal) visit(node, conditional);
          // Arguments hold commands only in their values (`[find ...]`, code blocks, expressions).
          if (mayNest(node.start, node.end)) enter(node.args, conditional);
          break;
        case 'exprStatement':
          n = node.expression;
          break;
        case 'namedArg':
        case 'positionalArg':
          n = node.value;
          break;
        case 'where':
        case 'paren':
          n = node.expression;
          break;
        case 'unary':
          n = node.operand;
          break;
        case 'binary':
          enter(node.right ? [node.left, node.right] : [node.left], conditional);
          break;
        case 'array': {
          const parts: Node[] = [];
          for (const it of node.items) {
            if (it.key) parts.push(it.key);
            if (it.value) parts.push(it.value);
          }
          enter(parts, conditional);
          break;
        }
        case 'concat':
          enter(node.parts, conditional);
          break;
        default:
          break;
      }
    }
  }
  return work;
}

/**
 * Collects `name=value` tests joined by `and`/`&&` from a `find where` expression. Returns false for
 * anything else (`~`, `!=`, `or`, flags), which the caller treats as unresolvable.
 */
function collectEqualities(e: Expression, out: [string, string][]): boolean {
  if (e.kind === 'paren') return e.expression ? collectEqualities(e.expression, out) : false;
  if (e.kind !== 'binary' || !e.right) return false;
  if (e.operator === 'and' || e.operator === '&&') {
    return collectEqualities(e.left, out) && collectEqualities(e.right, out);
  }
  if (e.operator !== '=') return false;
  const name = e.left.kind === 'literal' && e.left.type !== 'string' ? e.left.text : undefined;
  const value = literalText(e.right);
  if (name === undefined || value === undefined) return false;
  out.push([name, value]);
  return true;
}
