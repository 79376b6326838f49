// The node classes a big export has on every line, made small because a 100,000-line file keeps them all
// alive (see ARCHITECTURE.md, "Decisions worth knowing"): a `name=value` argument, a menu command's
// atom arguments kept as numbers, the menu command, a bare word.
import type {
  ArgNode,
  CommandNode,
  ControlParts,
  Expression,
  LiteralNode,
  LiteralType,
  NamedArg,
  PathNode,
  PathSegment,
  VariableNode,
} from './ast';
import { PlainStringLiteral } from './strings';
import { withRoom } from './tokens';

/** Every LiteralType, so the intern table can keep a word's type as a small number (index + 1). */
export const LITERAL_TYPES: readonly LiteralType[] = [
  'number',
  'string',
  'ip',
  'ip6',
  'ipPrefix',
  'ip6Prefix',
  'range',
  'time',
  'id',
  'bool',
  'mac',
  'word',
];
export const LITERAL_TYPE_INDEX = {} as Record<LiteralType, number>;
for (let i = 0; i < LITERAL_TYPES.length; i++) LITERAL_TYPE_INDEX[LITERAL_TYPES[i]] = i;

/**
 * `name=value` as the parser makes it (nearly every argument of an export). Four own fields instead of a
 * literal's seven: `kind` sits on the prototype, and the name's range follows from `start` and the name
 * (the parser reads `name` from the text right there). A 100,000-line export keeps three per line alive.
 * Objects of other shapes (an argument without a value, the flow model's synthetic ones) still satisfy
 * NamedArg with plain fields; incremental.ts moves these derived ranges with `start`.
 */
export class ValuedNamedArg implements NamedArg {
  declare readonly kind: 'namedArg';
  constructor(
    public start: number,
    public end: number,
    public name: string,
    public value: Expression,
  ) {}

  get nameStart(): number {
    return this.start;
  }

  get nameEnd(): number {
    return this.start + this.name.length;
  }
}
Object.defineProperty(ValuedNamedArg.prototype, 'kind', { value: 'namedArg', enumerable: true });

/** LITERAL_TYPES index that AtomNamedArg uses for a plain string literal (PlainStringLiteral). */
export const PLAIN_STRING_T = 255;
/** Longest value an AtomNamedArg packs (its length shares a small integer with the type). */
export const MAX_ATOM_LENGTH = (1 << 22) - 1;

/**
 * The text a parse read, shared by the nodes that read their source on access (AtomNamedArg). A resumed
 * parse (incremental.ts) points it at the new text: the reused nodes of the old tree, moved or not, find
 * their own text at their offsets in it (the old tree is spent, see reparse).
 */
export interface SourceText {
  text: string;
}

/**
 * `name=value` of a menu command whose value is one bare word or one plain string (no `\`, no `$`): the
 * argument of nearly every line of an export or an address-list feed. It keeps where it starts, the
 * name, the shared source and the value's length and type (one small integer), and makes the value node,
 * and its text, on access, new each time. The tree is what a big file keeps alive while it is linted, and
 * every kept young object is copied by each young-generation collection until it is promoted, while
 * nodes made on access die young, which costs almost nothing: on the 100,000-line benchmark the value
 * nodes and value strings this leaves out were about a quarter of the parse time. So compare such values
 * by offsets and text, never by identity. Global commands (`:for i from=1 ...`) keep ValuedNamedArg,
 * because their control parts (see controlParts) hold the same value nodes as their arguments.
 */
export class AtomNamedArg implements NamedArg {
  declare readonly kind: 'namedArg';
  constructor(
    public start: number,
    public name: string,
    private readonly source: SourceText,
    /** The value's length << 8 | its LITERAL_TYPES index (PLAIN_STRING_T for a string). */
    private readonly packed: number,
  ) {}

  get end(): number {
    return this.start + this.name.length + 1 + (this.packed >>> 8);
  }

  get nameStart(): number {
    return this.start;
  }

  get nameEnd(): number {
    return this.start + this.name.length;
  }

  /** What argValueText gives for this argument (a word as written, a string without its quotes). */
  get valueText(): string {
    return atomValueText(this.source.text, this.end, this.packed);
  }

  get value(): LiteralNode {
    const end = this.end;
    const from = end - (this.packed >>> 8);
    const text = this.source.text.slice(from, end);
    const t = this.packed & 255;
    return t === PLAIN_STRING_T
      ? new PlainStringLiteral(from, text)
      : new WordLiteral(from, LITERAL_TYPES[t], text);
  }
}
Object.defineProperty(AtomNamedArg.prototype, 'kind', { value: 'namedArg', enumerable: true });

/** Where argument `i` of the AtomArgStore command entry at `at` starts (after the count, three each). */
export function argAt(at: number, i: number): number {
  return at + 1 + 3 * i;
}

/** An atom argument's value as argValueText gives it, from its end and packed value. */
function atomValueText(text: string, end: number, packed: number): string {
  const len = packed >>> 8;
  return (packed & 255) === PLAIN_STRING_T ? text.slice(end - len + 1, end - 1) : text.slice(end - len, end);
}

/**
 * The arguments of one parse's menu commands whose arguments are all AtomNamedArg, kept as numbers:
 * per command, at the index the command keeps, the count and then, per argument, its start relative to
 * the command's start, its packed value (see AtomNamedArg) and its name's index in `names`. The command
 * makes its AtomNamedArg nodes on access (see MenuCommand.args). A 100,000-line export kept an argument
 * array (two objects) and three argument objects alive per line, and every young-generation collection
 * copied them until they were promoted; numbers in one typed array are never copied that way.
 * Starts are relative so that moving a command (incremental.ts) moves its arguments with it. A resumed
 * parse fills a store of its own; reused commands keep theirs (entries of replaced commands stay until
 * no command of that parse is left).
 */
export class AtomArgStore {
  ints: Int32Array;
  top = 0;
  readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  constructor(
    readonly source: SourceText,
    capacity: number,
  ) {
    this.ints = new Int32Array(Math.max(64, capacity));
  }

  /** Room for `n` more numbers. */
  reserve(n: number): void {
    if (this.top + n > this.ints.length) this.ints = withRoom(this.ints, this.top, this.top + n);
  }

  /** Appends one argument (start relative to its command, packed value, name); gives its index. */
  add(relStart: number, packed: number, name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, id);
    }
    this.reserve(3);
    const at = this.top;
    const ints = this.ints;
    ints[at] = relStart;
    ints[at + 1] = packed;
    ints[at + 2] = id;
    this.top = at + 3;
    return at;
  }

  /** The argument whose numbers start at `at`, for a command starting at `base`. */
  node(at: number, base: number): AtomNamedArg {
    const ints = this.ints;
    return new AtomNamedArg(base + ints[at], this.names[ints[at + 2]], this.source, ints[at + 1]);
  }

  /** The name of argument `i` of the command entry at `at`. */
  nameAt(at: number, i: number): string {
    return this.names[this.ints[argAt(at, i) + 2]];
  }

  /** What argValueText gives for argument `i` of the command entry at `at`, for a command at `base`. */
  valueTextAt(at: number, base: number, i: number): string {
    const e = argAt(at, i);
    const packed = this.ints[e + 1];
    const name = this.names[this.ints[e + 2]];
    return atomValueText(this.source.text, base + this.ints[e] + name.length + 1 + (packed >>> 8), packed);
  }

  /** The arguments of the command whose entry starts at `at` (its count), for a command at `base`. */
  decode(at: number, base: number): ArgNode[] {
    const count = this.ints[at];
    const out: ArgNode[] = new Array<ArgNode>(count);
    for (let i = 0; i < count; i++) out[i] = this.node(argAt(at, i), base);
    return out;
  }

  /** Gives back unused room when it is more than a quarter (the store lives as long as its commands). */
  trim(): void {
    if (this.ints.length - this.top > Math.max(1024, this.ints.length >> 2))
      this.ints = this.ints.slice(0, this.top);
  }
}

/**
 * A menu command (`add ...`, `/ip address print`), one per line of an export: seven own fields instead
 * of an object literal's nine. `kind` and `isGlobal` (false) sit on the prototype and the name's end
 * follows from its start and the name as written; `path` and `unknown` are set only when there is one.
 * When every argument is an AtomNamedArg (nearly every line of an export or feed), the arguments are
 * numbers in the parse's AtomArgStore and `args` makes new nodes on each access: compare arguments by
 * offsets and names, never by identity, and read `args` once per loop.
 */
export class MenuCommand implements CommandNode {
  declare readonly kind: 'command';
  declare readonly isGlobal: false;
  declare path?: PathNode;
  declare unknown?: boolean;
  declare callee?: VariableNode;
  declare control?: ControlParts;
  constructor(
    public start: number,
    public end: number,
    public name: string,
    public nameStart: number,
    public menu: string[],
    /** The arguments, or the store holding them (then at `argAt`). */
    private argData: ArgNode[] | AtomArgStore,
    private argAt: number,
  ) {}

  get nameEnd(): number {
    return this.nameStart + this.name.length;
  }

  get args(): ArgNode[] {
    const d = this.argData;
    return d instanceof AtomArgStore ? d.decode(this.argAt, this.start) : d;
  }

  set args(args: ArgNode[]) {
    this.argData = args;
    this.argAt = -1;
  }

  /** True when the arguments live in an AtomArgStore (their offsets move with `start`). */
  get argsStored(): boolean {
    return this.argAt >= 0;
  }

  /**
   * With argsStored, for readers that need no nodes: the number of arguments, argument `i`'s name, and
   * what argValueText gives for it (every stored argument is a `name=` with a literal value).
   */
  storedArgCount(): number {
    return (this.argData as AtomArgStore).ints[this.argAt];
  }

  storedArgName(i: number): string {
    return (this.argData as AtomArgStore).nameAt(this.argAt, i);
  }

  storedArgValueText(i: number): string {
    return (this.argData as AtomArgStore).valueTextAt(this.argAt, this.start, i);
  }

  /** Points the arguments at `count` entries of `store` written at `at` (see AtomArgStore). */
  storeArgs(store: AtomArgStore, at: number): void {
    this.argData = store;
    this.argAt = at;
  }
}
Object.defineProperty(MenuCommand.prototype, 'kind', { value: 'command', enumerable: true });
Object.defineProperty(MenuCommand.prototype, 'isGlobal', { value: false, enumerable: true });

/**
 * A bare word (`forward`, `10.0.0.1`, `1h`): like ValuedNamedArg, `kind` sits on the prototype, and it
 * ends where its text does (incremental.ts moves only its start).
 */
export class WordLiteral implements LiteralNode {
  declare readonly kind: 'literal';
  constructor(
    public start: number,
    public type: LiteralType,
    /** The word as written (the source from start to end). */
    public text: string,
  ) {}

  get end(): number {
    return this.start + this.text.length;
  }
}
Object.defineProperty(WordLiteral.prototype, 'kind', { value: 'literal', enumerable: true });

/**
 * One name of a menu path (`ip` in `/ip address`): it ends where its text does (the parser reads the
 * name from the source right there), so two fields; incremental.ts moves only its start.
 */
export class PathName implements PathSegment {
  constructor(
    public start: number,
    /** The name as written. */
    public text: string,
  ) {}

  get end(): number {
    return this.start + this.text.length;
  }
}

/**
 * A menu path as written before a command or a block (`/ip address add ...`): `kind` on the prototype,
 * and its segments in an array of their exact size (pushing onto a fresh array reserved room for 16).
 */
export class MenuPath implements PathNode {
  declare readonly kind: 'path';
  readonly segments: PathSegment[];
  constructor(
    public start: number,
    public end: number,
    public absolute: boolean,
    segments: PathSegment[] | undefined,
  ) {
    this.segments = segments === undefined ? [] : segments.slice();
  }
}
Object.defineProperty(MenuPath.prototype, 'kind', { value: 'path', enumerable: true });
