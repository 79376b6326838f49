// Shared by the schema rules (RSC2001-RSC2004, RSC2007, RSC5001): every menu path and command of a parsed
// script looked up in the RouterOS command tree once, with RouterOS's unique-prefix abbreviations expanded.
// Not a rule itself; the result is cached per parse so the rules that use it share one pass.
import type {
  BlockNode,
  CommandNode,
  MenuNode,
  NamedArg,
  Node,
  ParseResult,
  PathNode,
  Statement,
} from '../../syntax';
import { argValueText, walk } from '../../syntax';
import {
  hasVersion,
  loadSchema,
  parseTarget,
  validateValue,
  valueVersions,
  type SchemaNode,
  type Target,
  type ValueType,
} from '../../schema';

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

export interface ResolvedCommand {
  cmd: CommandNode;
  /** The menu the command runs in, resolved through abbreviations; absent when some segment is unknown. */
  menu?: SchemaNode;
  /** The path written before the command word, if any (its failures are reported there). */
  path?: ResolvedPath;
  /** The command word; `name.node` is absent when the command is unknown in `menu`. */
  name: ResolvedName;
  /** Named arguments, resolved against the command's arguments (only when the command is known). */
  args: ResolvedArg[];
}

export interface SchemaView {
  /** Paths of menu lines and `/menu { ... }` blocks (command paths are in `commands`). */
  paths: ResolvedPath[];
  /** Every command of the script except function calls (`$f ...`), in source order. */
  commands: ResolvedCommand[];
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
  const memo = accept === acceptAll ? anyChildMemo : accept === isMenu ? menuChildMemo : undefined;
  if (!memo) return lookupChildUncached(parent, word, accept);
  let byWord = memo.get(parent);
  if (!byWord) memo.set(parent, (byWord = new Map()));
  let hit = byWord.get(word);
  if (!hit) {
    hit = lookupChildUncached(parent, word, accept);
    if (byWord.size < 10_000) byWord.set(word, hit);
  }
  return hit;
}

type ChildLookup = { node?: SchemaNode; abbreviated: boolean; ambiguous: boolean };

const acceptAll = (): boolean => true;
const anyChildMemo = new WeakMap<SchemaNode, Map<string, ChildLookup>>();
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
      segments.push({
        written: '..',
        start: seg.start,
        end: seg.end,
        node: cur,
        abbreviated: false,
        ambiguous: false,
      });
      continue;
    }
    const r = lookupChild(cur, seg.text, isMenu);
    segments.push(named(seg.text, seg.start, seg.end, r));
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

/** A ResolvedName built field by field (object spreads were a measurable cost on big exports). */
function named(
  written: string,
  start: number,
  end: number,
  r: { node?: SchemaNode; abbreviated: boolean; ambiguous: boolean },
): ResolvedName {
  return 'node' in r
    ? { written, start, end, node: r.node, abbreviated: r.abbreviated, ambiguous: r.ambiguous }
    : { written, start, end, abbreviated: r.abbreviated, ambiguous: r.ambiguous };
}

const NOTHING = { abbreviated: false, ambiguous: false } as const;

/** Looks up a command word in a menu: its own commands first, then the global commands (`put`, `if`). */
function lookupCommand(menu: SchemaNode, cmd: CommandNode): ResolvedName {
  const root = loadSchema().root;
  if (cmd.isGlobal) {
    // `:log info "x"` names the `/log` menu; the other global commands are root-level commands.
    return {
      written: cmd.name,
      start: cmd.nameStart,
      end: cmd.nameEnd,
      node: root.child(cmd.name),
      abbreviated: false,
      ambiguous: false,
    };
  }
  // A menu name where a command stands (possible without the parser's oracle) is known, not unknown.
  const own = lookupChild(menu, cmd.name);
  if (own.node || own.ambiguous) return named(cmd.name, cmd.nameStart, cmd.nameEnd, own);
  // RouterOS 7 reaches the global commands from any menu without the colon.
  const g = menu !== root ? root.child(cmd.name) : undefined;
  if (g && g.kind === 'command')
    return {
      written: cmd.name,
      start: cmd.nameStart,
      end: cmd.nameEnd,
      node: g,
      abbreviated: false,
      ambiguous: false,
    };
  return named(cmd.name, cmd.nameStart, cmd.nameEnd, NOTHING);
}

function resolveCommand(cmd: CommandNode): ResolvedCommand {
  const path = cmd.path ? resolvePath(cmd, cmd.path, cmd.menu) : undefined;
  let menu: SchemaNode | undefined;
  if (!path || !path.base) menu = resolveEffective(cmd.menu);
  else if (path.failedAt < 0)
    menu = path.segments.length ? path.segments[path.segments.length - 1].node : path.base;
  // The parser's oracle already decided the word names nothing; trust it so both layers agree, but say
  // whether it abbreviates several names (`re` in a menu with `remove` and `reset-counters`).
  const name: ResolvedName = !menu
    ? named(cmd.name, cmd.nameStart, cmd.nameEnd, NOTHING)
    : cmd.unknown
      ? named(cmd.name, cmd.nameStart, cmd.nameEnd, {
          abbreviated: false,
          ambiguous: lookupChild(menu, cmd.name).ambiguous,
        })
      : lookupCommand(menu, cmd);
  const args: ResolvedArg[] = [];
  if (name.node && name.node.kind === 'command') {
    for (const a of cmd.args) {
      if (a.kind !== 'namedArg') continue;
      const r = lookupChild(name.node, a.name);
      args.push({ arg: a, name: named(a.name, a.nameStart, a.nameEnd, r) });
    }
  }
  return path ? { cmd, menu, path, name, args } : { cmd, menu, name, args };
}

const cache = new WeakMap<ParseResult, SchemaView>();

/** The schema view of a parse, computed once per parse result. */
export function schemaView(parse: ParseResult): SchemaView {
  const hit = cache.get(parse);
  if (hit) return hit;
  const paths: ResolvedPath[] = [];
  const commands: ResolvedCommand[] = [];
  walk(parse.root, (n: Node) => {
    if (n.kind === 'menu') paths.push(resolvePath(n, n.path, n.menu));
    else if (n.kind === 'block' && n.path && n.menu) paths.push(resolvePath(n, n.path, n.menu));
    else if (n.kind === 'command' && !n.callee && n.name !== '$') commands.push(resolveCommand(n));
  });
  const view = { paths, commands };
  cache.set(parse, view);
  return view;
}

/**
 * Drops the schema view and value checks of a parse. Only the lint rules read them, and the linter calls
 * this when its rules are done: an editor keeps every open document's parse alive, and on big files these
 * per-command records were as large as the tree itself.
 */
export function releaseSchemaView(parse: ParseResult): void {
  cache.delete(parse);
  valueCache.delete(parse);
}

/** The statement lists of a script (script, blocks, code values, substitutions), each in source order. */
export function statementLists(root: Node): Statement[][] {
  const out: Statement[][] = [];
  walk(root, (n) => {
    if (n.kind === 'script' || n.kind === 'block' || n.kind === 'code' || n.kind === 'substitution') {
      out.push(n.statements);
    }
  });
  return out;
}

/** Menu path as written in messages: `/ip firewall filter` (`/` for the root). */
export function menuLabel(node: SchemaNode | undefined): string {
  if (!node) return '/';
  const p = node.isMenu ? node.path : node.kind === 'command' ? (node.parent?.path ?? []) : [];
  return `/${p.join(' ')}`;
}

/** True when a syntax error of the parser lies inside `start..end` (then the schema rules stay quiet). */
export function hasSyntaxErrorIn(parse: ParseResult, start: number, end: number): boolean {
  // Asked once per command: a sorted list of error starts turns the scan of all errors into a binary
  // search, which matters while a big document is being edited and has many errors.
  const errors = parse.errors;
  if (errors.length === 0) return false;
  let sorted = errorStarts.get(parse);
  if (!sorted || sorted.count !== errors.length) {
    const starts = errors.filter((e) => (e.severity ?? 'error') === 'error').map((e) => e.start);
    starts.sort((a, b) => a - b);
    sorted = { count: errors.length, starts };
    errorStarts.set(parse, sorted);
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

const errorStarts = new WeakMap<ParseResult, { count: number; starts: number[] }>();

// ---------------------------------------------------------------------------------------------------
// Policy shared by the schema rules: what the command tree cannot know, and how sure a finding is.

/**
 * Menus whose arguments depend on the board or on packages that are not built for x86. The tree comes
 * from x86 with all packages, so `/interface ethernet set ether1 poe-out=off` (a PoE board) or a radio
 * setting of a chip the x86 build lacks is missing from it although real routers accept it.
 */
const HARDWARE_MENUS: readonly string[] = [
  '/interface ethernet',
  '/interface wireless',
  '/interface wifi',
  '/interface wifiwave2',
  '/interface w60g',
  '/interface lte',
  '/caps-man',
  '/system leds',
  '/system health',
  '/system gps',
  '/system ups',
  '/port',
  '/iot',
];

/** True when `menu` (e.g. `/interface ethernet switch`) is, or lies under, one of `prefixes`. */
export function underMenu(menu: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => menu === p || menu.startsWith(`${p} `));
}

export function isHardwareMenu(menu: string): boolean {
  return underMenu(menu, HARDWARE_MENUS);
}

/**
 * Names the x86 tree lacks although RouterOS has them on other hardware or in other packages, with what
 * they need; used to explain RSC2001 instead of calling them typos.
 */
const MISSING_FROM_TREE: Readonly<Record<string, string>> = {
  '/system routerboard': 'a RouterBOARD (it is not on x86 or CHR)',
  '/interface ethernet switch': 'a board with a switch chip',
  '/interface ethernet poe': 'a board with PoE output',
  '/interface w60g': 'a 60 GHz board with the wireless package',
  '/zerotier': 'the zerotier package (ARM and ARM64 builds only)',
  '/interface zerotier': 'the zerotier package (ARM and ARM64 builds only)',
  '/lcd': 'a board with an LCD panel',
};

/** What a name missing from the tree probably needs, or undefined. `full` is e.g. `/system routerboard`. */
export function missingNeeds(full: string): string | undefined {
  for (const [menu, needs] of Object.entries(MISSING_FROM_TREE)) {
    if (full === menu || full.startsWith(`${menu} `)) return needs;
  }
  return undefined;
}

/**
 * Menus whose version range in the x86 dumps reflects the package set, not RouterOS's history: the
 * wireless package (with the old CAPsMAN) is in every 7.x for ARM and MIPS, but in x86 builds only from
 * 7.13. RSC5001 treats them as present in every version where their subtree first appears or earlier.
 */
const PACKAGE_GATED: readonly string[] = ['/interface wireless', '/caps-man'];

/**
 * Root-level shortcuts that the 7.23 and 7.24 dumps no longer list although the manual still documents
 * them (`/ping` for `/tool ping`); until a router confirms their removal, RSC5001 does not call them gone.
 */
const UNDUMPED_ALIASES: readonly string[] = ['ping'];

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

// ---------------------------------------------------------------------------------------------------
// Literal values checked against their argument's type (RSC2003, RSC2004; RSC5001 for values of other
// versions).

export interface ValueProblem {
  command: ResolvedCommand;
  arg: ResolvedArg;
  /** The argument's tree node. */
  node: SchemaNode;
  /** The literal value as RouterOS reads it (decoded for quoted strings). */
  value: string;
  /** Range of the value as written (with quotes for a string). */
  start: number;
  end: number;
  /** True when the value is a bare word, so offsets inside `value` map 1:1 to the source. */
  bare: boolean;
  type: ValueType;
  /** validateValue's explanation. */
  message: string;
  /** The item of a list or the value that is not an allowed name (for RSC2003), if that is the problem. */
  badName?: { text: string; offset: number; candidates: string[] };
  /** The versions in which the value is allowed, when it is allowed in some but not the target. */
  otherVersions: number;
}

/** Names a value may take, and whether `text` looks like one rather than like a number, time or address. */
function enumPart(type: ValueType): { values: string[]; exclusive: boolean } {
  switch (type.kind) {
    case 'enum':
      return { values: [...type.values], exclusive: !type.open };
    case 'negatable':
      return enumPart(type.inner);
    case 'one-of': {
      const parts = type.types.map(enumPart);
      return { values: parts.flatMap((p) => p.values), exclusive: false };
    }
    default:
      return { values: [], exclusive: false };
  }
}

/** For a failing value: the first item (of a list enum) or the value itself that is not an allowed name. */
function badEnumName(
  type: ValueType,
  value: string,
): { text: string; offset: number; candidates: string[] } | undefined {
  const { values, exclusive } = enumPart(type);
  if (values.length === 0) return undefined;
  const inner = type.kind === 'negatable' ? type.inner : type;
  const list = inner.kind === 'enum' && inner.list;
  const negatableItems = inner.kind === 'enum' && inner.negatableItems;
  let offset = value.startsWith('!') && type.kind === 'negatable' ? 1 : 0;
  const items = list ? value.slice(offset).split(',') : [value.slice(offset)];
  for (const raw of items) {
    const neg = negatableItems && raw.startsWith('!') ? 1 : 0;
    const item = raw.slice(neg);
    if (!values.includes(item)) {
      // In a type that also takes numbers, times or addresses, only a word is a misspelt name:
      // `address-list-timeout=1x` is a malformed time, `action=mark-conection` a misspelt action.
      if (!exclusive && !/^[a-z][a-z0-9-]*$/i.test(item)) return undefined;
      return { text: item, offset: offset + neg, candidates: values };
    }
    offset += raw.length + 1;
  }
  return undefined;
}

const valueCache = new WeakMap<ParseResult, Map<number, ValueProblem[]>>();

/**
 * Values already found valid per type object (types are decoded once per tree node and never change, and
 * validateValue is pure): an export repeats `chain=forward`, `protocol=tcp`, `action=accept` on every line.
 */
const validValues = new WeakMap<ValueType, Set<string>>();

function knownValid(type: ValueType, value: string): boolean {
  return validValues.get(type)?.has(value) ?? false;
}

function rememberValid(type: ValueType, value: string): void {
  let set = validValues.get(type);
  if (!set) validValues.set(type, (set = new Set()));
  // Bounded: unique values (addresses, comments) would otherwise grow it without end.
  if (set.size < 2000) set.add(value);
}

/** Literal argument values that do not fit their argument's type in the target version. */
export function valueProblems(parse: ParseResult, target: Target): ValueProblem[] {
  let perTarget = valueCache.get(parse);
  if (!perTarget) {
    perTarget = new Map();
    valueCache.set(parse, perTarget);
  }
  const key = target.index + (target.v6 ? 1000 : 0);
  const hit = perTarget.get(key);
  if (hit) return hit;
  const out: ValueProblem[] = [];
  for (const c of schemaView(parse).commands) {
    if (!c.name.node || !c.name.node.existsIn(target) || hasSyntaxErrorIn(parse, c.cmd.start, c.cmd.end))
      continue;
    for (const a of c.args) {
      const node = a.name.node;
      // Values of an argument missing from the target are RSC5001's business (the argument is reported).
      if (!node || !existsForTarget(node, target)) continue;
      const v = a.arg.value;
      const value = argValueText(a.arg);
      // Only literals: `$var`, `[...]`, `(...)`, `a$b` and strings with `$` are computed at run time.
      // validateValue trims, so a value of white space only (`delimiter="\t"`) would look empty to it.
      if (!v || value === undefined || value.trim() === '' || v.kind !== 'literal') continue;
      const type = node.typeIn(target);
      if (knownValid(type, value)) continue;
      const result = validateValue(type, value);
      if (result.ok) {
        rememberValid(type, value);
        continue;
      }
      const badName = badEnumName(type, value);
      const plain = badName?.text ?? value;
      const other = valueVersions(node, plain);
      // A name other versions list while the target's hint lists no names at all (RouterOS's hint for
      // `address-list-timeout=` before 7.24 names only the time form): the old hint is incomplete.
      if (other && !hasVersion(other, target.index) && enumPart(type).values.length === 0) continue;
      out.push({
        command: c,
        arg: a,
        node,
        value,
        start: v.start,
        end: v.end,
        bare: v.type !== 'string',
        type,
        message: result.message,
        ...(badName ? { badName } : {}),
        otherVersions: hasVersion(other, target.index) ? 0 : other,
      });
    }
  }
  perTarget.set(key, out);
  return out;
}
