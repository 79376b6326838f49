// Shared by the schema rules (RSC2001-RSC2004, RSC2007, RSC5001): every menu path and command of a parsed
// script looked up in the RouterOS command tree once, with RouterOS's unique-prefix abbreviations expanded.
// Not a rule itself; the result is cached per parse so the rules that use it share one pass.
import type {
  ArgNode,
  BlockNode,
  CommandNode,
  MenuNode,
  NamedArg,
  Node,
  ParseResult,
  PathNode,
  PathSegment,
  Statement,
} from '../../syntax';
import { isAtomArg, pushChildrenReversed, storedArgs, type StoredArgs } from '../../syntax';
import {
  loadSchema,
  PACKAGE_GATED,
  parseTarget,
  underMenu,
  UNDUMPED_ALIASES,
  type SchemaNode,
  type Target,
} from '../../schema';
import type { ArgCheck } from './value-checks';

/** One written name (menu segment, command word or argument name) and what it resolved to. */
export interface ResolvedName {
  /** The name as written. */
  written: string;
  start: number;
  end: number;
  /** The tree node it names; absent when unknown (or ambiguous). */
  node?: SchemaNode;
  /** True when `written` is a unique prefix of `node.name` rather than the full name. */
  abbreviated: boolean;
  /** True when `written` is a prefix of several names, so RouterOS cannot tell which is meant. */
  ambiguous: boolean;
}

/** A path as written (`/ip firewall filter`, `firewall filter`, `/ip/address`), resolved segment by segment. */
export interface ResolvedPath {
  /** The statement that carries the path: a menu line, a block with a path, or a command. */
  owner: MenuNode | BlockNode | CommandNode;
  path: PathNode;
  /** The menu the path starts from (the root for an absolute path); absent when unknown. */
  base?: SchemaNode;
  /** Segments from `base`, in order; resolution stops at the first unknown one. */
  segments: ResolvedName[];
  /** The index of the first segment that is unknown, or -1. */
  failedAt: number;
}

export interface ResolvedArg {
  arg: NamedArg;
  name: ResolvedName;
}

/** What a name resolved to, without its position: shared by every use of the same name in the same place. */
export interface NameLookup {
  readonly node?: SchemaNode;
  readonly abbreviated: boolean;
  readonly ambiguous: boolean;
}

export interface ResolvedCommand {
  readonly cmd: CommandNode;
  /** The menu the command runs in, resolved through abbreviations; absent when some segment is unknown. */
  readonly menu?: SchemaNode;
  /** The path written before the command word, if any (its failures are reported there). */
  readonly path?: ResolvedPath;
  /** The command word; `name.node` is absent when the command is unknown in `menu`. */
  readonly name: ResolvedName;
  /**
   * One lookup per entry of `cmd.args`, same index: a named argument resolved against the command's
   * arguments, NOT_NAMED for other arguments; empty when the command is not known. The allocation-free
   * way to read arguments, for rules that visit every command; shared between commands, never mutate.
   */
  readonly argLookups: readonly NameLookup[];
  /**
   * Named arguments with their resolved names (only when the command is known). Built on each access
   * (the view keeps only `argLookups`), so rules that visit every command read `argLookups` instead.
   */
  readonly args: ResolvedArg[];
}

/** A node with a list of statements: the script, a block, a code value or a substitution. */
export interface StatementHolder {
  readonly statements: Statement[];
}

export interface SchemaView {
  /** Paths of menu lines and `/menu { ... }` blocks (command paths are in `commands`). */
  paths: ResolvedPath[];
  /** Every command of the script except function calls (`$f ...`), in source order. */
  commands: ResolvedCommand[];
  /** How many names of `paths` and `commands` are abbreviated (0 lets RSC2007 skip its walk). */
  abbreviations: number;
  /**
   * What holds the statement lists of the script (the script, blocks, code values, substitutions), in
   * source order. The holders, not the lists: a one-statement `{...}` or `[...]` makes its list on each
   * read (script-nodes.ts), and a list per holder was a quarter of the view of a big script.
   */
  lists: StatementHolder[];
}

/**
 * Finds `word` among a node's children: the exact name first, then RouterOS's unique-prefix abbreviation
 * (`fire` -> `firewall`). Children of every known version count, as in the parser's oracle.
 */
export function lookupChild(
  parent: SchemaNode,
  word: string,
  accept: (n: SchemaNode) => boolean = acceptAll,
): ChildLookup {
  // The tree never changes, so the answers for the two filters this file uses are memoised per node;
  // an export asks the same few questions on every line.
  let byWord: Map<string, ChildLookup> | undefined;
  if (accept === acceptAll) {
    // Consecutive lookups mostly ask the same command for its arguments: skip the WeakMap then.
    if (parent === lastParent) byWord = lastByWord;
    else {
      byWord = anyChildMemo.get(parent);
      if (!byWord) anyChildMemo.set(parent, (byWord = new Map()));
      lastParent = parent;
      lastByWord = byWord;
    }
  } else if (accept === isMenu) {
    byWord = menuChildMemo.get(parent);
    if (!byWord) menuChildMemo.set(parent, (byWord = new Map()));
  } else return lookupChildUncached(parent, word, accept);
  let hit = byWord.get(word);
  if (!hit) {
    hit = lookupChildUncached(parent, word, accept);
    if (byWord.size < 10_000) byWord.set(word, hit);
  }
  return hit;
}

export interface ChildLookup {
  node?: SchemaNode;
  abbreviated: boolean;
  ambiguous: boolean;
  /**
   * For an argument: what the value checks need to know about it in the last target asked (memoised here
   * because the lookup itself is shared by every use of the same name under the same command).
   */
  check?: ArgCheck;
}

const acceptAll = (): boolean => true;
const anyChildMemo = new WeakMap<SchemaNode, Map<string, ChildLookup>>();
let lastParent: SchemaNode | undefined;
let lastByWord = new Map<string, ChildLookup>();
const menuChildMemo = new WeakMap<SchemaNode, Map<string, ChildLookup>>();

function lookupChildUncached(
  parent: SchemaNode,
  word: string,
  accept: (n: SchemaNode) => boolean,
): ChildLookup {
  const exact = parent.child(word);
  if (exact && accept(exact)) return { node: exact, abbreviated: false, ambiguous: false };
  if (word === '') return { abbreviated: false, ambiguous: false };
  let found: SchemaNode | undefined;
  let count = 0;
  for (const c of parent.children()) {
    if (c.name.startsWith(word) && accept(c)) {
      found = c;
      count++;
    }
  }
  if (count === 1) return { node: found, abbreviated: true, ambiguous: false };
  return { abbreviated: false, ambiguous: count > 1 };
}

const isMenu = (n: SchemaNode): boolean => n.isMenu;

/** Resolves the path's segments one by one from `base`. `..` steps up; an unknown segment stops it. */
function resolveSegments(base: SchemaNode | undefined, path: PathNode): Omit<ResolvedPath, 'owner' | 'path'> {
  const segments: ResolvedName[] = [];
  let cur = base;
  let failedAt = -1;
  for (const seg of path.segments) {
    if (!cur) break;
    if (seg.text === '..') {
      cur = cur.parent;
      segments.push(new SegmentResolution(seg, { node: cur, abbreviated: false, ambiguous: false }));
      continue;
    }
    const r = lookupChild(cur, seg.text, isMenu);
    if (r.abbreviated) abbreviations++;
    segments.push(new SegmentResolution(seg, r));
    if (!r.node) {
      failedAt = segments.length - 1;
      cur = undefined;
      break;
    }
    cur = r.node;
  }
  return { base, segments, failedAt };
}

/** The menu node for an effective menu (names as written, possibly abbreviated), or undefined. */
function resolveEffective(menu: readonly string[]): SchemaNode | undefined {
  // The parser shares one (never mutated) menu array between all commands of a menu section, so the
  // answer is memoised per array.
  const hit = effectiveMemo.get(menu);
  if (hit !== undefined) return hit ?? undefined;
  const node = resolveEffectiveUncached(menu);
  effectiveMemo.set(menu, node ?? null);
  return node;
}

const effectiveMemo = new WeakMap<readonly string[], SchemaNode | null>();

function resolveEffectiveUncached(menu: readonly string[]): SchemaNode | undefined {
  let cur: SchemaNode | undefined = loadSchema().root;
  for (const name of menu) {
    if (!cur) return undefined;
    cur = lookupChild(cur, name, isMenu).node;
  }
  return cur;
}

/** The effective menu before a path was applied: `effective` minus the path's own segments. */
function baseOf(effective: readonly string[], path: PathNode): readonly string[] | undefined {
  if (path.absolute) return [];
  // `..` makes the base ambiguous to reconstruct from the effective menu; such paths are rare.
  if (path.segments.some((s) => s.text === '..')) return undefined;
  const n = effective.length - path.segments.length;
  return n >= 0 ? effective.slice(0, n) : undefined;
}

function resolvePath(
  owner: ResolvedPath['owner'],
  path: PathNode,
  effective: readonly string[],
): ResolvedPath {
  const baseNames = baseOf(effective, path);
  const base = baseNames ? resolveEffective(baseNames) : undefined;
  return { owner, path, ...resolveSegments(base, path) };
}

const NOTHING: ChildLookup = { abbreviated: false, ambiguous: false };
const AMBIGUOUS: ChildLookup = { abbreviated: false, ambiguous: true };

/** Looks up a command word in a menu: its own commands first, then the global commands (`put`, `if`). */
function lookupCommand(menu: SchemaNode, cmd: CommandNode): ChildLookup {
  const root = loadSchema().root;
  // `:log info "x"` names the `/log` menu; the other global commands are root-level commands.
  if (cmd.isGlobal) return rootExact(root, cmd.name);
  // A menu name where a command stands (possible without the parser's oracle) is known, not unknown.
  const own = lookupChild(menu, cmd.name);
  if (own.node || own.ambiguous) return own;
  // RouterOS 7 reaches the global commands from any menu without the colon.
  const g = menu !== root ? rootExact(root, cmd.name) : NOTHING;
  return g.node && g.node.kind === 'command' ? g : NOTHING;
}

/** The root's child of exactly this name (no abbreviations), as a shared lookup result. */
function rootExact(root: SchemaNode, word: string): ChildLookup {
  let hit = rootExactMemo.get(word);
  if (!hit) {
    const node = root.child(word);
    hit = node ? { node, abbreviated: false, ambiguous: false } : NOTHING;
    if (rootExactMemo.size < 10_000) rootExactMemo.set(word, hit);
  }
  return hit;
}

const rootExactMemo = new Map<string, ChildLookup>();

/** A resolved name's answers, read through from its shared (memoised) lookup. */
abstract class LookedUp {
  protected abstract readonly hit: { node?: SchemaNode; abbreviated: boolean; ambiguous: boolean };

  get node(): SchemaNode | undefined {
    return this.hit.node;
  }

  get abbreviated(): boolean {
    return this.hit.abbreviated;
  }

  get ambiguous(): boolean {
    return this.hit.ambiguous;
  }
}

/**
 * A path segment resolved: its text and offsets read through from the syntax node (which the incremental
 * parser moves in place), so a statement's resolution stays true after an edit elsewhere (SchemaMemo).
 */
class SegmentResolution extends LookedUp implements ResolvedName {
  constructor(
    private readonly seg: PathSegment,
    protected readonly hit: NameLookup,
  ) {
    super();
  }

  get written(): string {
    return this.seg.text;
  }

  get start(): number {
    return this.seg.start;
  }

  get end(): number {
    return this.seg.end;
  }
}

/**
 * A named argument resolved against its command: the argument and its written name in one object, the
 * name's fields read through from the syntax node and the shared (memoised) lookup.
 */
export class ArgResolution extends LookedUp implements ResolvedArg, ResolvedName {
  constructor(
    readonly arg: NamedArg,
    readonly hit: NameLookup,
  ) {
    super();
  }

  get name(): ResolvedName {
    return this;
  }

  get written(): string {
    return this.arg.name;
  }

  get start(): number {
    return this.arg.nameStart;
  }

  get end(): number {
    return this.arg.nameEnd;
  }
}

/**
 * A resolved command, which is also its own resolved command word (`name` returns itself): the view
 * keeps one of these per command of a big export, so it holds nothing that can be shared or read
 * through from the syntax node. Its argument lookups are an array shared with the previous command when
 * both name the same arguments of the same command, as the lines of an export mostly do.
 */
class CommandResolution extends LookedUp implements ResolvedCommand, ResolvedName {
  constructor(
    readonly cmd: CommandNode,
    readonly menu: SchemaNode | undefined,
    readonly path: ResolvedPath | undefined,
    protected readonly hit: ChildLookup,
    readonly argLookups: readonly NameLookup[],
  ) {
    super();
  }

  get name(): ResolvedName {
    return this;
  }

  get args(): ResolvedArg[] {
    const out: ResolvedArg[] = [];
    const args = this.cmd.args;
    const lookups = this.argLookups;
    for (let i = 0; i < lookups.length; i++) {
      const a = args[i];
      if (a.kind === 'namedArg') out.push(new ArgResolution(a, lookups[i]));
    }
    return out;
  }

  get written(): string {
    return this.cmd.name;
  }

  get start(): number {
    return this.cmd.nameStart;
  }

  get end(): number {
    return this.cmd.nameEnd;
  }
}

/**
 * The lookup at the index of an argument that is not named (`ether1`, `[find]`, `where ...`): no node.
 * A distinct object, so rules can skip such arguments without reading the syntax node.
 */
export const NOT_NAMED: NameLookup = { abbreviated: false, ambiguous: false };
const NO_LOOKUPS: readonly NameLookup[] = [];

/**
 * Memo of the previous command's resolution while a view is built: consecutive commands of an export
 * share the menu array (the parser hands one array to a whole menu section), the command word and the
 * argument names, so most commands need no lookup at all.
 */
let prevMenu: readonly string[] | undefined;
let prevWord = '';
let prevGlobal = false;
let prevUnknown = false;
let prevMenuNode: SchemaNode | undefined;
let prevHit: ChildLookup = NOTHING;
let prevCommand: SchemaNode | undefined;
let prevArgs: readonly ArgNode[] = [];
/** The previous command when its arguments are stored (see storedArgs), compared without nodes. */
let prevStored: StoredArgs | undefined;
let prevLookups: readonly NameLookup[] = NO_LOOKUPS;

/** Drops the memo (at the start and end of a view, so it holds no syntax nodes between parses). */
function forgetPrevious(): void {
  prevMenu = undefined;
  prevMenuNode = undefined;
  prevHit = NOTHING;
  prevCommand = undefined;
  prevArgs = [];
  prevStored = undefined;
  prevLookups = NO_LOOKUPS;
}

function resolveCommand(cmd: CommandNode): ResolvedCommand {
  let path: ResolvedPath | undefined;
  let menu: SchemaNode | undefined;
  let hit: ChildLookup;
  const unknown = cmd.unknown === true;
  if (
    !cmd.path &&
    cmd.menu === prevMenu &&
    cmd.name === prevWord &&
    cmd.isGlobal === prevGlobal &&
    unknown === prevUnknown
  ) {
    menu = prevMenuNode;
    hit = prevHit;
  } else {
    path = cmd.path ? resolvePath(cmd, cmd.path, cmd.menu) : undefined;
    if (!path || !path.base) menu = resolveEffective(cmd.menu);
    else if (path.failedAt < 0)
      menu = path.segments.length ? path.segments[path.segments.length - 1].node : path.base;
    // The parser's oracle already decided the word names nothing; trust it so both layers agree, but say
    // whether it abbreviates several names (`re` in a menu with `remove` and `reset-counters`).
    hit = !menu
      ? NOTHING
      : unknown
        ? lookupChild(menu, cmd.name).ambiguous
          ? AMBIGUOUS
          : NOTHING
        : lookupCommand(menu, cmd);
    if (!cmd.path) {
      prevMenu = cmd.menu;
      prevWord = cmd.name;
      prevGlobal = cmd.isGlobal;
      prevUnknown = unknown;
      prevMenuNode = menu;
      prevHit = hit;
    }
  }
  if (hit.abbreviated) abbreviations++;
  const command = hit.node;
  let lookups = NO_LOOKUPS;
  if (command && command.kind === 'command') {
    const stored = storedArgs(cmd);
    if (
      command === prevCommand &&
      prevStored !== undefined &&
      stored !== undefined &&
      sameStoredNames(stored, prevStored)
    ) {
      // An export line like the one before: the same lookups, and no argument node made.
      lookups = prevLookups;
      prevStored = stored;
    } else {
      // Read once: a MenuCommand may make its argument nodes on each read (see AtomArgStore).
      const args = cmd.args;
      if (args.length > 0) {
        lookups =
          command === prevCommand && sameArgNames(args, prevArgs) ? prevLookups : argLookupsOf(command, args);
        prevCommand = command;
        prevArgs = args;
        prevStored = stored;
        prevLookups = lookups;
      }
    }
    for (let i = 0; i < lookups.length; i++) if (lookups[i].abbreviated) abbreviations++;
  }
  return new CommandResolution(cmd, menu, path, hit, lookups);
}

/** sameArgNames for two commands whose arguments are stored (all `name=` arguments), without nodes. */
function sameStoredNames(a: StoredArgs, b: StoredArgs): boolean {
  const n = a.storedArgCount();
  if (n !== b.storedArgCount()) return false;
  for (let i = 0; i < n; i++) if (a.storedArgName(i) !== b.storedArgName(i)) return false;
  return true;
}

/**
 * True when two argument lists have the same kinds and names in the same order, so two uses of the same
 * command node have the same argument lookups.
 */
function sameArgNames(a: readonly ArgNode[], b: readonly ArgNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.kind !== y.kind) return false;
    if (x.kind === 'namedArg' && x.name !== (y as NamedArg).name) return false;
  }
  return true;
}

function argLookupsOf(command: SchemaNode, args: readonly ArgNode[]): readonly NameLookup[] {
  let named = false;
  for (let i = 0; i < args.length && !named; i++) named = args[i].kind === 'namedArg';
  // Scripts are mostly `:local x 1`, `:set`, `:put`, `:if`: no named argument, one shared array per length.
  if (!named && args.length < unnamedLookups.length) return unnamedLookups[args.length];
  const out = new Array<NameLookup>(args.length);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    out[i] = a.kind === 'namedArg' ? lookupChild(command, a.name) : NOT_NAMED;
  }
  return out;
}

/** unnamedLookups[n]: n times NOT_NAMED. */
const unnamedLookups: readonly (readonly NameLookup[])[] = Array.from({ length: 16 }, (_, n) =>
  Object.freeze(new Array<NameLookup>(n).fill(NOT_NAMED)),
);

/** Abbreviated names resolved by the view being built (a counter, so the resolvers need no extra result). */
let abbreviations = 0;

/** What one top-level statement contributes to a schema view (see SchemaMemo). */
interface StatementView {
  readonly paths: ResolvedPath[];
  readonly commands: ResolvedCommand[];
  readonly lists: StatementHolder[];
  readonly abbreviations: number;
}

/** Shared by every statement with nothing to resolve (comments, blank lines): never mutated. */
const EMPTY_VIEW: StatementView = Object.freeze({
  paths: Object.freeze([]) as unknown as ResolvedPath[],
  commands: Object.freeze([]) as unknown as ResolvedCommand[],
  lists: Object.freeze([]) as unknown as StatementHolder[],
  abbreviations: 0,
});

/**
 * A document's schema resolution per top-level statement, across edits (the linter keeps one per
 * document in its LintMemo and hands it to each parse, see useSchemaMemo). A statement's resolution
 * depends on its own nodes only (the menu it runs in is the parser's menu array on its commands, the tree
 * never changes), and holds no offsets of its own (every name reads its offsets through from the syntax
 * node), so a statement the incremental parser kept is not resolved again. Entries live two generations
 * (see ShadowMemo for why two).
 */
export class SchemaMemo {
  private now = new Map<Statement, StatementView>();
  private before = new Map<Statement, StatementView>();
  private older = new Map<Statement, StatementView>();

  /** A new generation: called once per lint of a new parse. */
  begin(): void {
    this.older = this.before;
    this.before = this.now;
    this.now = new Map();
  }

  get(s: Statement): StatementView | undefined {
    let v = this.now.get(s);
    if (v === undefined) {
      v = this.before.get(s) ?? this.older.get(s);
      if (v !== undefined) this.now.set(s, v);
    }
    return v;
  }

  set(s: Statement, v: StatementView): void {
    this.now.set(s, v);
  }
}

const SCHEMA_MEMO = Symbol('schemaMemo');
const VIEW = Symbol('schemaView');
const ERROR_STARTS = Symbol('errorStarts');

/**
 * Lets the schema views of `parse`, and of the views the linter makes of it (Object.create), reuse and
 * fill a document's SchemaMemo.
 */
export function useSchemaMemo(parse: ParseResult, memo: SchemaMemo): void {
  Object.defineProperty(parse, SCHEMA_MEMO, { value: memo, configurable: true });
}

/**
 * A per-parse value kept on the parse itself (ARCHITECTURE: per-parse caches live on their owner), read
 * only as the object's own property: the linter's views of a parse (Object.create) have their own.
 */
function ownSlot<T>(owner: object, slot: symbol): T | undefined {
  return Object.prototype.hasOwnProperty.call(owner, slot)
    ? (owner as Record<symbol, T | undefined>)[slot]
    : undefined;
}

function setOwnSlot<T>(owner: object, slot: symbol, value: T): void {
  Object.defineProperty(owner, slot, { value, configurable: true });
}

/** True when the schema view of `parse` is built and kept on it (for tests of when it is dropped). */
export function hasSchemaView(parse: ParseResult): boolean {
  return ownSlot<SchemaView>(parse, VIEW) !== undefined;
}

/** The schema view of a parse, computed once per parse result. */
export function schemaView(parse: ParseResult): SchemaView {
  const hit = ownSlot<SchemaView>(parse, VIEW);
  if (hit) return hit;
  const memo = (parse as ParseResult & { [SCHEMA_MEMO]?: SchemaMemo })[SCHEMA_MEMO];
  forgetPrevious();
  let view: SchemaView;
  if (memo === undefined) {
    const v = viewOf(parse.root);
    view = { paths: v.paths, commands: v.commands, abbreviations: v.abbreviations, lists: v.lists };
  } else {
    const paths: ResolvedPath[] = [];
    const commands: ResolvedCommand[] = [];
    const lists: StatementHolder[] = [parse.root];
    let abbreviated = 0;
    for (const s of parse.root.statements) {
      let v = memo.get(s);
      if (v === undefined) memo.set(s, (v = viewOf(s)));
      if (v === EMPTY_VIEW) continue;
      for (const p of v.paths) paths.push(p);
      for (const c of v.commands) commands.push(c);
      for (const l of v.lists) lists.push(l);
      abbreviated += v.abbreviations;
    }
    view = { paths, commands, abbreviations: abbreviated, lists };
  }
  forgetPrevious();
  setOwnSlot(parse, VIEW, view);
  return view;
}

/**
 * Resolves every path and command under `top` (the script, or one top-level statement), in source order.
 * The same pre-order as walk(), but literal and variable values (most nodes of an export, and they cannot
 * hold commands) are never pushed, and an argument's value is pushed without its argument.
 */
function viewOf(top: Node): StatementView {
  const paths: ResolvedPath[] = [];
  const commands: ResolvedCommand[] = [];
  const lists: StatementHolder[] = [];
  abbreviations = 0;
  const stack: Node[] = [top];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (n.kind === 'command') {
      if (!n.callee && n.name !== '$') commands.push(resolveCommand(n));
      // Arguments kept as numbers (AtomArgStore) are all AtomNamedArg, skipped below.
      if (storedArgs(n)) continue;
      const args = n.args;
      for (let i = args.length - 1; i >= 0; i--) {
        const a = args[i];
        // An AtomNamedArg's value is one word or plain string, made anew on access: not worth making.
        if (isAtomArg(a)) continue;
        const v = a.kind === 'namedArg' || a.kind === 'positionalArg' ? a.value : a;
        if (v && v.kind !== 'literal' && v.kind !== 'variable') stack.push(v);
      }
      // The path holds no commands; a callee other than a variable may (`[[:parse "..."] x=1]`).
      if (n.callee && n.callee.kind !== 'variable') stack.push(n.callee);
      continue;
    }
    if (n.kind === 'menu') {
      paths.push(resolvePath(n, n.path, n.menu));
      continue;
    }
    if (n.kind === 'block' && n.path && n.menu) paths.push(resolvePath(n, n.path, n.menu));
    if (n.kind === 'script' || n.kind === 'block' || n.kind === 'code' || n.kind === 'substitution')
      lists.push(n);
    pushChildrenReversed(n, stack);
  }
  if (paths.length === 0 && commands.length === 0 && lists.length === 0) return EMPTY_VIEW;
  // A document's memo keeps one of these per statement: empty parts share EMPTY_VIEW's arrays.
  return {
    paths: paths.length > 0 ? paths : EMPTY_VIEW.paths,
    commands: commands.length > 0 ? commands : EMPTY_VIEW.commands,
    lists: lists.length > 0 ? lists : EMPTY_VIEW.lists,
    abbreviations,
  };
}

/**
 * Drops the schema view of a parse, with the value checks kept on it (value-checks.ts) and the sorted
 * error starts. Only the lint rules read them, and the linter calls this when its rules are done: an
 * editor keeps every open document's parse alive, and on big files these per-command records were as
 * large as the tree itself. (A document's SchemaMemo keeps its statements' resolutions for the next
 * edit; the CLI has none.)
 */
export function releaseSchemaView(parse: ParseResult): void {
  if (ownSlot(parse, VIEW) !== undefined) Reflect.deleteProperty(parse, VIEW);
  if (ownSlot(parse, ERROR_STARTS) !== undefined) Reflect.deleteProperty(parse, ERROR_STARTS);
}

/**
 * The statement lists of a script (script, blocks, code values, substitutions), each in source order. The
 * schema view collects them on its own walk, which skips the literal values a walk of the whole tree
 * visits (most of the nodes of an export).
 */
export function statementLists(parse: ParseResult): Statement[][] {
  return schemaView(parse).lists.map((holder) => holder.statements);
}

/** Menu path as written in messages: `/ip firewall filter` (`/` for the root). */
export function menuLabel(node: SchemaNode | undefined): string {
  if (!node) return '/';
  // Asked per command by several rules; the tree never changes, so the label is kept per node.
  let label = menuLabels.get(node);
  if (label === undefined) {
    const p = node.isMenu ? node.path : node.kind === 'command' ? (node.parent?.path ?? []) : [];
    label = `/${p.join(' ')}`;
    menuLabels.set(node, label);
  }
  return label;
}

const menuLabels = new WeakMap<SchemaNode, string>();

/** True when a syntax error of the parser lies inside `start..end` (then the schema rules stay quiet). */
export function hasSyntaxErrorIn(parse: ParseResult, start: number, end: number): boolean {
  // Asked once per command: a sorted list of error starts turns the scan of all errors into a binary
  // search, which matters while a big document is being edited and has many errors.
  const errors = parse.errors;
  if (errors.length === 0) return false;
  let sorted = ownSlot<{ count: number; starts: number[] }>(parse, ERROR_STARTS);
  if (!sorted || sorted.count !== errors.length) {
    const starts = errors.filter((e) => (e.severity ?? 'error') === 'error').map((e) => e.start);
    starts.sort((a, b) => a - b);
    sorted = { count: errors.length, starts };
    setOwnSlot(parse, ERROR_STARTS, sorted);
  }
  const xs = sorted.starts;
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < xs.length && xs[lo] <= end;
}

// ---------------------------------------------------------------------------------------------------
// How the schema rules read the tree for a target, allowing for what the x86 dumps cannot show (the data
// is in schema/overlay/tree-gaps.ts).

function isUndumpedAlias(node: SchemaNode): boolean {
  let n: SchemaNode | undefined = node;
  while (n && n.parent && n.parent.parent) n = n.parent;
  return !!n && n.parent?.parent === undefined && n.kind === 'command' && UNDUMPED_ALIASES.includes(n.name);
}

/** Index of the oldest version in a set, or -1 for the empty set. */
function firstVersion(set: number): number {
  return set === 0 ? -1 : 31 - Math.clz32(set & -set);
}

/** Whether a node exists in the target, allowing for menus whose x86 history is shorter than RouterOS's. */
export function existsForTarget(node: SchemaNode, target: Target): boolean {
  if (node.existsIn(target)) return true;
  if (isUndumpedAlias(node)) return true;
  const gate = PACKAGE_GATED.find((p) => underMenu(node.menuPath, [p]));
  if (!gate) return false;
  // Names that arrived together with the package in x86 builds are assumed present before that on other
  // architectures; names added later in the package's life keep their real history.
  const gateNode = resolveEffective(gate.slice(1).split(' '));
  const first = firstVersion(node.versions);
  return !!gateNode && first >= 0 && first === firstVersion(gateNode.versions) && target.index < first;
}

const targets = new Map<string, Target>();

/** The parsed target of a lint run ('latest', '7.12', '6'), memoised. */
export function targetOf(label: string): Target {
  let t = targets.get(label);
  if (!t) {
    t = parseTarget(label);
    targets.set(label, t);
  }
  return t;
}

/** The full written path of a name under a menu: `/ip firewall` + `filter` -> `/ip firewall filter`. */
export function joinMenu(menu: string, name: string): string {
  return menu === '/' ? `/${name}` : `${menu} ${name}`;
}
