// Replays the configuration commands of a script (`add`, `set`, `remove`, `enable`, `disable`, `move`,
// `unset`, `comment`) onto ordered item tables, one per tracked menu, the way RouterOS would apply them to
// a router whose tables held nothing else. Edits that reach items this file cannot see are recorded as
// touching state outside the file instead of being guessed.
import type { CommandNode, Expression, NamedArg, Node, ParseResult, SubstitutionNode } from '../syntax';
import { argValue, literalText, splitList, type ArgValue } from './values';

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
  readonly tables: ReadonlyMap<string, Table>;
  readonly external: readonly ExternalEdit[];
  /** Number of item-level operations performed; tests use it to check the work stays linear. */
  readonly work: number;
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
export function namedArgs(cmd: CommandNode, text: string): NamedArg[] {
  const out: NamedArg[] = [];
  const args = cmd.args;
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
      out.push({ ...a, end: next.end, value: next.value });
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
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

/** Builds the item tables of a parsed script. Never throws on user input. */
export function buildConfig(parse: ParseResult, text: string): ConfigModel {
  const tables = new Map<string, TableState>();
  const external: ExternalEdit[] = [];
  let seq = 0;
  let work = 0;

  const tableFor = (key: string): TableState => {
    let t = tables.get(key);
    if (!t) tables.set(key, (t = new TableState(key)));
    return t;
  };

  const setProp = (table: TableState, item: Item, arg: NamedArg, command: CommandNode): void => {
    const prop: Prop = { name: arg.name, value: argValue(arg), arg, command };
    const prev = item.props.get(arg.name);
    item.props.set(arg.name, prop);
    table.indexProp(item, prop, prev);
    work++;
  };

  /** Finds the items a `[find ...]` selects, or says why it cannot. */
  const resolveFind = (table: TableState, sub: SubstitutionNode): Targets => {
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
      work++;
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
      work += table.items.length;
      found.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    }
    return { kind: 'items', items: found, assumed: false };
  };

  /** Reads a target written as `[find ...]`, a number list or an id. */
  const resolveTargets = (table: TableState, e: Expression | undefined): Targets => {
    if (!e) return { kind: 'external', reason: 'no item is named' };
    if (e.kind === 'substitution') return resolveFind(table, e);
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
      const it = table.items[Number(p)];
      if (!it)
        return { kind: 'external', reason: `item number ${p} is not among the items this file creates` };
      items.push(it);
    }
    return { kind: 'items', items, assumed: true };
  };

  /** The first positional argument or `numbers=`: the items a set/remove/... acts on. */
  const targetExpr = (cmd: CommandNode): Expression | undefined => {
    for (const a of cmd.args) {
      if (a.kind === 'positionalArg') return a.value;
      if (a.kind === 'namedArg' && a.name === 'numbers') return a.value;
    }
    return undefined;
  };

  const insertBefore = (table: TableState, moving: Item[], before: Item | undefined): void => {
    const set = new Set(moving);
    const rest = table.items.filter((it) => !set.has(it));
    const at = before ? rest.indexOf(before) : -1;
    if (at < 0) rest.push(...moving);
    else rest.splice(at, 0, ...moving);
    work += rest.length;
    table.items = rest;
  };

  const apply = (cmd: CommandNode, key: string, conditional: boolean): void => {
    const table = tableFor(key);
    const verb = cmd.name;
    const ext = (reason: string): void => {
      external.push({ table: key, command: cmd, verb, reason });
    };
    if (verb === 'add') {
      const item: Item = {
        seq: seq++,
        table: key,
        command: cmd,
        props: new Map(),
        conditional,
        placement: 'exact',
        edits: [],
      };
      let placeBefore: NamedArg | undefined;
      const named = namedArgs(cmd, text);
      for (const a of named) {
        if (a.name === 'copy-from') {
          const src = resolveTargets(table, a.value);
          if (src.kind === 'items') {
            for (const p of src.items[0].props.values())
              if (p.name !== 'comment') setProp(table, item, p.arg, p.command);
          } else ext(`copy-from: ${src.reason}`);
        }
      }
      for (const a of named) {
        if (a.name === 'copy-from') continue;
        if (a.name === 'place-before') {
          placeBefore = a;
          continue;
        }
        setProp(table, item, a, cmd);
      }
      table.created.push(item);
      if (!placeBefore) {
        table.items.push(item);
        work++;
        return;
      }
      const where = resolveTargets(table, placeBefore.value);
      if (where.kind === 'items') {
        // `place-before=0` is the top of the table whatever the router already holds.
        const zero = literalText(placeBefore.value) === '0';
        item.placement = where.assumed && !zero ? 'assumed' : 'exact';
        insertBefore(table, [item], where.items[0]);
      } else {
        item.placement = 'unknown';
        table.items.push(item);
        ext(`place-before: ${where.reason}; the rule's position is unknown`);
      }
      return;
    }
    if (
      verb === 'set' ||
      verb === 'enable' ||
      verb === 'disable' ||
      verb === 'remove' ||
      verb === 'comment' ||
      verb === 'unset' ||
      verb === 'move'
    ) {
      const targets = resolveTargets(table, targetExpr(cmd));
      if (targets.kind === 'external') {
        ext(targets.reason);
        return;
      }
      for (const it of targets.items) {
        work++;
        it.edits.push(cmd);
        if (conditional) it.conditional = true;
        if (targets.assumed && verb === 'move') it.placement = 'assumed';
      }
      if (verb === 'remove') {
        const gone = new Set(targets.items);
        for (const it of targets.items) {
          it.removedBy = cmd;
          for (const p of it.props.values()) table.unindexProp(it, p);
        }
        table.items = table.items.filter((it) => !gone.has(it));
        work += table.items.length;
        return;
      }
      if (verb === 'move') {
        const positional = cmd.args.filter((a) => a.kind === 'positionalArg');
        const destArg = cmd.args.find(
          (a): a is NamedArg => a.kind === 'namedArg' && a.name === 'destination',
        );
        const destExpr = destArg?.value ?? (positional.length > 1 ? positional[1].value : undefined);
        const destText = literalText(destExpr);
        if (destText !== undefined && /^\d+$/.test(destText) && Number(destText) >= table.items.length) {
          insertBefore(table, targets.items, undefined);
          for (const it of targets.items) it.placement = 'assumed';
          return;
        }
        const dest = resolveTargets(table, destExpr);
        if (dest.kind === 'external') {
          for (const it of targets.items) it.placement = 'unknown';
          ext(`destination: ${dest.reason}`);
          return;
        }
        insertBefore(table, targets.items, dest.items[0]);
        if (dest.assumed) for (const it of targets.items) it.placement = 'assumed';
        return;
      }
      if (verb === 'enable' || verb === 'disable') {
        // Synthesised as a property so the rest of the model sees one `disabled` value; the command itself
        // stands in for the argument in diagnostics.
        for (const it of targets.items) {
          const synthetic: NamedArg = {
            kind: 'namedArg',
            name: 'disabled',
            nameStart: cmd.nameStart,
            nameEnd: cmd.nameEnd,
            start: cmd.nameStart,
            end: cmd.nameEnd,
          };
          const prop: Prop = {
            name: 'disabled',
            value: {
              computed: false,
              text: verb === 'disable' ? 'yes' : 'no',
              negated: false,
              start: cmd.nameStart,
              end: cmd.nameEnd,
            },
            arg: synthetic,
            command: cmd,
          };
          const prev = it.props.get('disabled');
          it.props.set('disabled', prop);
          table.indexProp(it, prop, prev);
        }
        return;
      }
      if (verb === 'unset') {
        const names: string[] = [];
        for (const a of cmd.args) {
          if (a.kind === 'namedArg' && a.name === 'value-name') {
            const t = literalText(a.value);
            if (t === undefined) {
              ext('unset: the property names are computed');
              return;
            }
            names.push(...splitList(t));
          }
        }
        for (const it of targets.items) {
          for (const n of names) {
            const p = it.props.get(n);
            if (p) {
              table.unindexProp(it, p);
              it.props.delete(n);
            }
          }
        }
        return;
      }
      const named = namedArgs(cmd, text);
      for (const it of targets.items) {
        for (const a of named) {
          if (a.name === 'numbers') continue;
          setProp(table, it, a, cmd);
        }
      }
    }
  };

  // Depth-first in source order with an explicit stack (deep nesting must not overflow the call stack).
  // `conditional` is true below code values: bodies of :if/:foreach/:do, functions, on-error handlers.
  // Two parallel stacks instead of a tuple and a child array per node: this runs over every node of the
  // tree, and those small arrays were most of its garbage. Children are pushed last-first so they pop in
  // source order.
  const stack: Node[] = [parse.root];
  const cond: boolean[] = [false];
  const push = (node: Node, c: boolean): void => {
    stack.push(node);
    cond.push(c);
  };
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    const conditional = cond.pop() as boolean;
    work++;
    switch (n.kind) {
      case 'script':
      case 'block':
      case 'substitution':
        for (let i = n.statements.length - 1; i >= 0; i--) push(n.statements[i], conditional);
        break;
      case 'code':
        for (let i = n.statements.length - 1; i >= 0; i--) push(n.statements[i], true);
        break;
      case 'command': {
        if (!n.isGlobal) {
          const key = menuKey(n.menu);
          if (TRACKED_TABLES.has(key)) apply(n, key, conditional);
        }
        for (let i = n.args.length - 1; i >= 0; i--) push(n.args[i], conditional);
        break;
      }
      case 'exprStatement':
        push(n.expression, conditional);
        break;
      case 'namedArg':
      case 'positionalArg':
        if (n.value) push(n.value, conditional);
        break;
      case 'where':
        if (n.expression) push(n.expression, conditional);
        break;
      case 'paren':
        if (n.expression) push(n.expression, conditional);
        break;
      case 'unary':
        if (n.operand) push(n.operand, conditional);
        break;
      case 'binary':
        if (n.right) push(n.right, conditional);
        push(n.left, conditional);
        break;
      case 'array':
        for (let i = n.items.length - 1; i >= 0; i--) {
          const it = n.items[i];
          if (it.value) push(it.value, conditional);
          if (it.key) push(it.key, conditional);
        }
        break;
      case 'concat':
        for (let i = n.parts.length - 1; i >= 0; i--) push(n.parts[i], conditional);
        break;
      default:
        break;
    }
  }
  return { tables, external, work };
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
