// Recursive-descent parser for RouterOS scripts. It scans characters on demand (the meaning of a character
// depends on where it stands: `/` separates menus at a command's start but is part of `10.0.0.0/8` in a
// value), records every character in exactly one token, and never throws or stops early.
import type {
  ArgNode,
  ArrayItem,
  ArrayNode,
  BlockNode,
  CodeNode,
  CommandNode,
  ControlParts,
  ErrorNode,
  Expression,
  LiteralNode,
  LiteralType,
  NamedArg,
  PathNode,
  PathSegment,
  ScriptNode,
  Statement,
  SubstitutionNode,
  SyntaxError,
  Token,
  TokenKind,
  VariableNode,
} from './ast';
import { decodeStringContent, isVarNameChar, PlainStringLiteral, scanString } from './strings';

/**
 * Tells the parser what a word means in a menu: a submenu, a command, or nothing RouterOS knows.
 * `menu` is the absolute menu path (e.g. `['ip', 'firewall']`), `word` the name as written.
 */
export type CommandOracle = (menu: readonly string[], word: string) => 'menu' | 'command' | 'unknown';

export interface ParseOptions {
  /** When given, menu/command names are checked the way RouterOS does; otherwise the parser is lenient. */
  commandOracle?: CommandOracle;
}

const TOKEN_KINDS: readonly TokenKind[] = [
  'whitespace',
  'newline',
  'continuation',
  'comment',
  'string',
  'word',
  'variable',
  'punct',
  'operator',
  'error',
];
/** Token kinds as small numbers (indexes into TOKEN_KINDS): the parser emits these, the store keeps them. */
const enum TK {
  Whitespace = 0,
  Newline = 1,
  Continuation = 2,
  Comment = 3,
  String = 4,
  Word = 5,
  Variable = 6,
  Punct = 7,
  Operator = 8,
  Error = 9,
}

/**
 * Tokens are contiguous (that is the lossless invariant), so a token is its kind and its end; both are
 * small integers kept in plain arrays, and Token objects are made only when someone reads them. A big
 * export has millions of tokens that lint never looks at.
 */
export class TokenStore {
  private kinds: Uint8Array;
  private ends: Uint32Array;
  private count = 0;
  /** Index/start pairs of tokens that do not start where the previous one ended (a parser bug), so that
   * materialized tokens are exactly what was emitted and the lossless test can see the gap. */
  private readonly gaps: number[] = [];

  /** `base`: where the first token starts (0, except for a parse resumed mid-text by incremental.ts). */
  constructor(
    capacity: number,
    private readonly base = 0,
  ) {
    this.kinds = new Uint8Array(Math.max(16, capacity));
    this.ends = new Uint32Array(Math.max(16, capacity));
  }

  get size(): number {
    return this.count;
  }

  /** True when every token starts where the previous one ended (always, unless the parser has a bug). */
  get contiguous(): boolean {
    return this.gaps.length === 0;
  }

  /** The index of the token that starts at `offset`, or -1 when no token starts there. */
  indexStartingAt(offset: number): number {
    if (offset === this.base) return 0;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.count && this.ends[lo] === offset ? lo + 1 : -1;
  }

  /** Appends tokens `from..to` (indices) of `other`, their offsets moved by `shift`. */
  appendRange(other: TokenStore, from: number, to: number, shift: number): void {
    this.reserve(this.count + (to - from));
    for (let i = from; i < to; i++) {
      this.kinds[this.count] = other.kinds[i];
      this.ends[this.count] = other.ends[i] + shift;
      this.count++;
    }
  }

  private reserve(n: number): void {
    if (n <= this.kinds.length) return;
    this.kinds = withRoom(this.kinds, this.count, n);
    this.ends = withRoom(this.ends, this.count, n);
  }

  push(kind: TK, start: number, end: number): void {
    if (this.count === this.kinds.length) this.reserve(this.count + 1);
    const prevEnd = this.count ? this.ends[this.count - 1] : this.base;
    if (start !== prevEnd) this.gaps.push(this.count, start);
    this.kinds[this.count] = kind;
    this.ends[this.count] = end;
    this.count++;
  }

  /** Gives back the unused room of the arrays (up to half of them, kept alive with the parse result). */
  trim(): void {
    if (this.kinds.length - this.count > 1024) {
      this.kinds = this.kinds.slice(0, this.count);
      this.ends = this.ends.slice(0, this.count);
    }
  }

  /** Visits every token in order without making Token objects (see materialize for the gap handling). */
  forEach(visit: (kind: TokenKind, start: number, end: number) => void): void {
    let g = 0;
    let start = this.base;
    for (let i = 0; i < this.count; i++) {
      if (g < this.gaps.length && this.gaps[g] === i) {
        start = this.gaps[g + 1];
        g += 2;
      }
      visit(TOKEN_KINDS[this.kinds[i]], start, this.ends[i]);
      start = this.ends[i];
    }
  }

  materialize(): Token[] {
    const out: Token[] = new Array(this.count);
    let g = 0;
    let start = this.base;
    for (let i = 0; i < this.count; i++) {
      if (g < this.gaps.length && this.gaps[g] === i) {
        start = this.gaps[g + 1];
        g += 2;
      }
      out[i] = { kind: TOKEN_KINDS[this.kinds[i]], start, end: this.ends[i] };
      start = this.ends[i];
    }
    return out;
  }
}

/** A ParseResult over a finished tree; tokens are materialised from the store on first access. */
export function makeParseResult(
  root: ScriptNode,
  errors: SyntaxError[],
  steps: number,
  trace: TopLevelTrace,
): ParseResult {
  const store = trace.store;
  let tokens: Token[] | undefined;
  return {
    get tokens() {
      return (tokens ??= store.materialize());
    },
    forEachToken(visit) {
      if (tokens) for (const t of tokens) visit(t.kind, t.start, t.end);
      else store.forEach(visit);
    },
    root,
    errors,
    steps,
    trace,
  };
}

export interface ParseResult {
  /** Every character of the input in exactly one token, in order. Built on first access (see TokenStore). */
  readonly tokens: Token[];
  /**
   * Visits every token in order, like iterating `tokens`, but without building the Token objects (on a
   * big file that is millions of objects kept alive with the parse) when they were not built already.
   */
  forEachToken(visit: (kind: TokenKind, start: number, end: number) => void): void;
  root: ScriptNode;
  errors: SyntaxError[];
  /** Work done (characters scanned plus loop iterations); exposed so tests can check linear time. */
  steps: number;
  /**
   * What an incremental re-parse needs to resume between two top-level statements (syntax/incremental.ts).
   * Removed when a re-parse reuses (and so moves) this result's nodes: a result is resumed from once.
   */
  trace?: TopLevelTrace;
}

/** The parser's state between top-level statements, recorded for incremental re-parsing. */
export interface TopLevelTrace {
  /** The state after each top-level statement (index-aligned with root.statements). */
  statements: StatementTrace;
  /** The top-level variable scope; a Set keeps declaration order, so a prefix is an earlier state. */
  scope: Set<string>;
  rootMenu: string[];
  menuChildren: Map<string[], Map<string, string[]>>;
  store: TokenStore;
  source: SourceText;
}

/**
 * Per top-level statement: where the parser stood after it and the rest of its line (a stray rest of the
 * line belongs to the statement before it; a parse can resume there), how many errors had been reported
 * (errors are in report order), the size of the top-level variable scope, and the current menu. Kept in
 * one typed array (menus as indexes into a table of the distinct menus): recording it costs a few writes
 * per statement, without the garbage four growing arrays of a 100,000-line file made.
 */
export class StatementTrace {
  private cols = new Int32Array(256);
  private count = 0;
  private readonly menuTable: string[][] = [];
  private readonly menuIds = new Map<string[], number>();

  get length(): number {
    return this.count;
  }

  push(menu: string[], resumePoint: number, errorCount: number, scopeSize: number): void {
    if ((this.count + 1) * 4 > this.cols.length)
      this.cols = withRoom(this.cols, this.count * 4, (this.count + 1) * 4);
    let id = this.menuIds.get(menu);
    if (id === undefined) {
      id = this.menuTable.length;
      this.menuTable.push(menu);
      this.menuIds.set(menu, id);
    }
    const at = this.count * 4;
    this.cols[at] = resumePoint;
    this.cols[at + 1] = errorCount;
    this.cols[at + 2] = scopeSize;
    this.cols[at + 3] = id;
    this.count++;
  }

  resumePoint(i: number): number {
    return this.cols[i * 4];
  }

  errorCount(i: number): number {
    return this.cols[i * 4 + 1];
  }

  scopeSize(i: number): number {
    return this.cols[i * 4 + 2];
  }

  menu(i: number): string[] {
    return this.menuTable[this.cols[i * 4 + 3]];
  }

  /** Appends entries from..to of `other`, their resume points moved by `shift` and error counts by `errors`. */
  appendFrom(other: StatementTrace, from: number, to: number, shift: number, errors: number): void {
    for (let i = from; i < to; i++)
      this.push(
        other.menu(i),
        other.resumePoint(i) + shift,
        other.errorCount(i) + errors,
        other.scopeSize(i),
      );
  }
}

/** Where and with what state a resumed parse starts, and when it may stop (incremental.ts decides). */
export interface ResumeFrom {
  pos: number;
  menu: string[];
  scope: Set<string>;
  rootMenu: string[];
  menuChildren: Map<string[], Map<string, string[]>>;
  source: SourceText;
  /** Asked before each top-level statement; true stops the parse there (the rest is reused). */
  stopAt(pos: number, menu: string[], scope: ReadonlySet<string>): boolean;
}

/** A resumed parse: its statements, tokens and errors from `resume.pos` up to where it stopped. */
export interface ResumedParse {
  statements: Statement[];
  errors: SyntaxError[];
  trace: TopLevelTrace;
  /** Where it stopped (stopAt said yes), or undefined when it ran to the end of the text. */
  stoppedAt: number | undefined;
  steps: number;
}

/*
 * Rules taken from RouterOS 7.22.1's verdicts on the parse corpus (column = where RouterOS stopped):
 * - Command words are lower-case: `[a-z0-9._-]`. A statement that starts with anything else (an upper-case
 *   letter as in `Flags: X`, `FROM alpine`, `ROSVER=7`; a prompt `> cmd`; `/*`; `"json"`; non-ASCII) is
 *   rejected with "expected command name" at that character.
 * - After a command word the next character must be white space, the end of the command or `/` (menu
 *   separator): `[skyfi@hap94]` fails at `@`, `name: value` at `:`, `owner=x` at `=`, `[a-zA-Z]` at `A`
 *   ("syntax error").
 * - `#` starts a comment only where a command may start (line start, after `;`, `{`); after arguments it
 *   is "expected end of command".
 * - `:set name value` requires `name` to be declared (`:local`, `:global`, a loop variable) earlier in
 *   an enclosing block: every `:set` of an undeclared name in the corpus is a "syntax error" at the name,
 *   while reading an undeclared `$name` is accepted.
 * - A missing `}` is "expected closing brace" at the end of the input.
 * - With a command tree (oracle): a name that is neither a menu nor a command becomes the (unknown)
 *   command, so `/container/print` fails with "syntax error" at the `/` after it, while `/interface wireless`
 *   on its own parses (RouterOS reports `bad command name` only when run).
 */

const enum Ch {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
}

/** Global commands, usable as `:name` or (v7) without the colon. */
const GLOBAL_COMMANDS = new Set([
  'beep',
  'convert',
  'delay',
  'deserialize',
  'do',
  'environment',
  'error',
  'execute',
  'find',
  'for',
  'foreach',
  'global',
  'grep',
  'if',
  'jobname',
  'len',
  'local',
  'log',
  'nothing',
  'onerror',
  'parse',
  'pick',
  'put',
  'resolve',
  'retry',
  'return',
  'rndnum',
  'rndstr',
  'serialize',
  'set',
  'terminal',
  'time',
  'timestamp',
  'toarray',
  'tobool',
  'tocrlf',
  'toid',
  'toip',
  'toip6',
  'tolf',
  'tonsec',
  'tonum',
  'tostr',
  'totime',
  'typeof',
  'while',
]);

/** Global command names that are also ordinary menu commands (in a menu they mean the menu's command). */
const MENU_SHADOWED = new Set(['set', 'find', 'log', 'time', 'environment', 'terminal']);

/** Common menu commands; used to split `menu words` from the command word when no oracle is given. */
const MENU_VERBS = new Set([
  'add',
  'set',
  'remove',
  'print',
  'find',
  'get',
  'export',
  'enable',
  'disable',
  'edit',
  'comment',
  'move',
  'reset',
  'reset-counters',
  'reset-counters-all',
  'monitor',
  'monitor-traffic',
  'import',
  'run',
  'unset',
  'clear',
  'flush',
  'release',
  'renew',
  'reboot',
  'shutdown',
  'upgrade',
  'install',
  'uninstall',
  'apply',
  'check-for-updates',
  'download',
  'save',
  'load',
  'send',
  'scan',
  'ping',
  'fetch',
  'traceroute',
  'start',
  'stop',
  'make-static',
  'blink',
  'cancel',
  'generate',
  'sign',
  'create-certificate',
  'update',
  'resolve',
  'listen',
  'say',
  'at-chat',
  'cable-test',
  'bandwidth-test',
  'flood-ping',
  'wol',
  'sniff',
  'torch',
  'gps',
  'info',
  'warning',
  'debug',
  'error',
  'report',
  'execute',
  'recover',
  'restore',
  'test',
  'sync',
  'publish',
  'connect',
  'disconnect',
  'copy',
  'revert',
  'force-update',
  'probe',
  'auto-scan',
  'speed-test',
  'mode',
  'decrypt',
  'encrypt',
  'import-key',
  'export-key',
  'sign-file',
  'verify',
  'request',
  'inspect',
]);

/** Named arguments whose `{...}` value is code rather than an array. */
const CODE_ARGS = new Set(['do', 'else', 'on-error', 'command']);
/** First letters of CODE_ARGS (`do`, `else`, `on-error`, `command`): most names need no Set lookup. */
const mayBeCodeArg = (c: number): boolean => c === 100 || c === 101 || c === 111 || c === 99;
/** Global commands whose first positional `{...}` is code. */
const POSITIONAL_CODE_COMMANDS = new Set([
  'do',
  'time',
  'execute',
  'retry',
  'onerror',
  'if',
  'while',
  'for',
  'foreach',
]);
/**
 * Arguments of the global commands (RouterOS 7.22 `/console/inspect`, root-level commands): the ones that
 * may be given without a name, in order, and all names. A further unnamed value or an unknown name is
 * "expected end of command" (`for addr in "8.8.8.8"` fails at `in`; `[:find where name=x]` at `=`).
 */
const GLOBAL_ARG_LIST: Record<string, { positional: string[]; named: string[] }> = {
  put: { positional: ['message'], named: ['message'] },
  local: { positional: ['name', 'value'], named: ['do', 'name', 'value'] },
  global: { positional: ['name', 'value'], named: ['do', 'name', 'value'] },
  set: { positional: ['name', 'value'], named: ['do', 'name', 'value'] },
  // `:if (c) do={} else {}` (no `=`) is accepted, so unnamed values are not limited for :if.
  if: { positional: ['condition', 'do', 'else', 'else-value'], named: ['condition', 'do', 'else'] },
  while: { positional: ['condition'], named: ['condition', 'do'] },
  do: { positional: ['command'], named: ['command', 'if', 'on-error', 'while'] },
  for: { positional: ['counter'], named: ['counter', 'do', 'from', 'on-error', 'step', 'to'] },
  foreach: { positional: ['counter'], named: ['counter', 'do', 'in', 'on-error'] },
  onerror: { positional: ['error', 'in'], named: ['do', 'error', 'in'] },
  error: { positional: ['message'], named: ['message'] },
  return: { positional: ['value'], named: ['value'] },
  delay: { positional: ['delay-time'], named: ['delay-time'] },
  len: { positional: ['value'], named: ['value'] },
  typeof: { positional: ['value'], named: ['value'] },
  tostr: { positional: ['value'], named: ['value'] },
  tonum: { positional: ['value'], named: ['value'] },
  tobool: { positional: ['value'], named: ['value'] },
  toid: { positional: ['value'], named: ['value'] },
  toip: { positional: ['value'], named: ['value'] },
  toip6: { positional: ['value'], named: ['value'] },
  totime: { positional: ['value'], named: ['value'] },
  tonsec: { positional: ['value'], named: ['value'] },
  toarray: { positional: ['value'], named: ['delimiter', 'value'] },
  parse: { positional: ['value'], named: ['value'] },
  find: { positional: ['in', 'key', 'from'], named: ['from', 'in', 'key'] },
  pick: { positional: ['counter', 'begin', 'end'], named: ['begin', 'counter', 'end'] },
  time: { positional: ['command'], named: ['command'] },
  retry: { positional: ['command'], named: ['command', 'delay', 'max', 'on-error'] },
  rndnum: { positional: [], named: ['from', 'to'] },
  rndstr: { positional: [], named: ['from', 'length'] },
};
/**
 * GLOBAL_ARG_LIST as a Map with the names in a Set: looked up for every global command, and a plain object
 * also answered for `constructor` and other inherited names (`:constructor x` made the parser throw).
 */
const GLOBAL_ARGS = new Map<string, { positional: number; named: Set<string> }>(
  Object.entries(GLOBAL_ARG_LIST).map(([k, v]) => [
    k,
    { positional: v.positional.length, named: new Set(v.named) },
  ]),
);

const DECLARING = new Set(['local', 'global', 'for', 'foreach', 'onerror']);
const CONTROL_COMMANDS = new Set(['if', 'while', 'do', 'for', 'foreach', 'onerror', 'retry']);

/** What the argument parsing needs to know about a global command, found with one lookup per command. */
interface GlobalInfo {
  /** Its first unnamed word declares variables (DECLARING). */
  declaring: boolean;
  /** A `{...}` given without a name is code (POSITIONAL_CODE_COMMANDS). */
  positionalCode: boolean;
  /** Has structured ControlParts (CONTROL_COMMANDS). */
  control: boolean;
  spec: { positional: number; named: Set<string> } | undefined;
}
const GLOBAL_INFO = new Map<string, GlobalInfo>();
for (const name of new Set([
  ...DECLARING,
  ...POSITIONAL_CODE_COMMANDS,
  ...CONTROL_COMMANDS,
  ...GLOBAL_ARGS.keys(),
])) {
  GLOBAL_INFO.set(name, {
    declaring: DECLARING.has(name),
    positionalCode: POSITIONAL_CODE_COMMANDS.has(name),
    control: CONTROL_COMMANDS.has(name),
    spec: GLOBAL_ARGS.get(name),
  });
}

const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlnum = (c: number): boolean => isLower(c) || isUpper(c) || isDigit(c);
/** Characters of a command or menu word. */
const isCmdChar = (c: number): boolean => isLower(c) || isDigit(c) || c === 45 || c === 46 || c === 95;
/** Characters of an argument name (`src-address`, `.id`, `.proplist`). */
const isArgNameChar = (c: number): boolean => isAlnum(c) || c === 45 || c === 46 || c === 95;
const isSpace = (c: number): boolean => c === Ch.Space || c === Ch.Tab;
const isNewline = (c: number): boolean => c === Ch.LF || c === Ch.CR;

/** Characters that end a bare value word in an argument. */
/** Deepest bracket (or unary operator) nesting parsed; see Parser.tooDeep. */
const MAX_NESTING = 256;

const VALUE_STOP = new Set([' ', '\t', '\n', '\r', ';', '"', '$', '[', ']', '(', ')', '{', '}']);
/** VALUE_STOP as a table indexed by char code, for the per-character loop in value(). */
const VALUE_STOP_CODE = new Uint8Array(128);
for (const c of VALUE_STOP) VALUE_STOP_CODE[c.charCodeAt(0)] = 1;
/** Characters that may not start an argument: RouterOS stops with a syntax error there. */
const BAD_ARG_START = new Set(['=', '@', '<', '>', '`', "'", '|', '&', ':', '^', '~', ',', '?']);
/** BAD_ARG_START as a table indexed by char code. */
const BAD_ARG_START_CODE = new Uint8Array(128);
for (const c of BAD_ARG_START) BAD_ARG_START_CODE[c.charCodeAt(0)] = 1;
/** True when the char code `c` may not start an argument. */
const isBadArgStart = (c: number): boolean => c >= 0 && c < 128 && BAD_ARG_START_CODE[c] === 1;

/** Binary operators, longest first so `!=` wins over `!`, and their binding power (higher binds tighter). */
const BINARY_OPS: [string, number][] = [
  ['<%%', 11],
  ['&&', 2],
  ['||', 1],
  ['!=', 4],
  ['<=', 4],
  ['>=', 4],
  ['<<', 7],
  ['>>', 7],
  ['->', 11],
  [',', 0],
  ['=', 4],
  ['<', 4],
  ['>', 4],
  ['~', 4],
  ['.', 8],
  ['+', 9],
  ['-', 9],
  ['*', 10],
  ['/', 10],
  ['%', 10],
  ['&', 6],
  ['|', 5],
  ['^', 3],
];
const WORD_BINARY: Record<string, number> = { and: 2, or: 1, in: 4 };

/** A binary operator as peekBinary reports it; one shared, never mutated object per operator. */
interface BinaryOp {
  op: string;
  len: number;
  power: number;
}
/** BINARY_OPS grouped by first char code (same order inside a group, so the longest still wins). */
const BINARY_BY_FIRST: (BinaryOp[] | undefined)[] = new Array<BinaryOp[] | undefined>(128);
for (const [op, power] of BINARY_OPS)
  (BINARY_BY_FIRST[op.charCodeAt(0)] ??= []).push({ op, len: op.length, power });
const WORD_BINARY_OPS: readonly BinaryOp[] = Object.entries(WORD_BINARY).map(([op, power]) => ({
  op,
  len: op.length,
  power,
}));

type Closer = ']' | '}' | ')';

/** items[from, to) as a new array of exactly that length (array literals for the short, common cases). */
/**
 * `a` itself when it holds `need` elements, else a copy of its first `used` in one of the next power-of-two
 * multiple of its length (the token store, the statement trace and the argument store grow this way).
 */
function withRoom<A extends Uint8Array | Uint32Array | Int32Array>(a: A, used: number, need: number): A {
  if (need <= a.length) return a;
  let size = Math.max(1, a.length) * 2;
  while (size < need) size *= 2;
  const grown = new (a.constructor as new (length: number) => A)(size);
  grown.set(a.subarray(0, used));
  return grown;
}

function exactCopy<T>(items: T[], from: number, to: number): T[] {
  switch (to - from) {
    case 1:
      return [items[from]];
    case 2:
      return [items[from], items[from + 1]];
    case 3:
      return [items[from], items[from + 1], items[from + 2]];
    default:
      return items.slice(from, to);
  }
}

/** Size of the word intern table (a power of two) minus one, and the longest word interned. */
const INTERN_MASK = 4095;
const MAX_INTERNED = 40;
/** Hash of text[start, end) for the intern table; value() computes the same while it scans a word. */
function hashRange(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/** The intern table of the last finished parse, emptied, for the next parse to take (see Parser). */
let spareInternTable: { text: (string | undefined)[]; type: Uint8Array } | undefined;
/** Every LiteralType, so the intern table can keep a word's type as a small number (index + 1). */
const LITERAL_TYPES: readonly LiteralType[] = [
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
const LITERAL_TYPE_INDEX = {} as Record<LiteralType, number>;
for (let i = 0; i < LITERAL_TYPES.length; i++) LITERAL_TYPE_INDEX[LITERAL_TYPES[i]] = i;

/** The top-level scope before anything is declared (the parser makes scope Sets only when needed). */
const NO_NAMES: ReadonlySet<string> = new Set();

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
const PLAIN_STRING_T = 255;
/** Longest value an AtomNamedArg packs (its length shares a small integer with the type). */
const MAX_ATOM_LENGTH = (1 << 22) - 1;

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
      ? new PlainStringLiteral(from, end, text)
      : new WordLiteral(from, end, LITERAL_TYPES[t], text);
  }
}
Object.defineProperty(AtomNamedArg.prototype, 'kind', { value: 'namedArg', enumerable: true });

/** Where argument `i` of the AtomArgStore command entry at `at` starts (after the count, three each). */
function argAt(at: number, i: number): number {
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

/** A bare word (`forward`, `10.0.0.1`, `1h`): like ValuedNamedArg, `kind` sits on the prototype. */
export class WordLiteral implements LiteralNode {
  declare readonly kind: 'literal';
  constructor(
    public start: number,
    public end: number,
    public type: LiteralType,
    public text: string,
  ) {}
}
Object.defineProperty(WordLiteral.prototype, 'kind', { value: 'literal', enumerable: true });

export function parseScript(text: string, options: ParseOptions = {}): ParseResult {
  return new Parser(text, options).parseAll();
}

/**
 * The opener offset named in the message of an unclosed-bracket error, so that an incremental re-parse
 * that moves the error can also correct its message (incremental.ts).
 */
export const openerOffsets = new WeakMap<SyntaxError, number>();

/** Parses `text` from `resume.pos` with the state given there; see incremental.ts. */
export function resumeParse(text: string, options: ParseOptions, resume: ResumeFrom): ResumedParse {
  return new Parser(text, options, resume).parseResumed();
}

class Parser {
  private pos = 0;
  private readonly n: number;
  private readonly tokenStore: TokenStore;
  private readonly errors: SyntaxError[] = [];
  private steps = 0;
  /** The root menu; every menu array below is interned from it (see childMenu). */
  private readonly rootMenu: string[];
  private menu: string[];
  /**
   * Menu arrays interned by parent array and name, so every `/ip firewall filter add ...` line of a file
   * shares one array: later layers memoise per menu array, and a big export no longer allocates a new
   * menu per line. Arrays are never mutated (the parser replaces this.menu instead).
   */
  private readonly menuChildren: Map<string[], Map<string, string[]>>;
  private unaryDepth = 0;
  private reportedDepth = false;
  /** Variable names declared per open block, innermost last. */
  private readonly scopes: (Set<string> | undefined)[];
  /** Closing characters of the brackets currently open, innermost last. */
  private readonly open: Closer[] = [];
  /** Statements of the blocks being parsed (see statementList), and the first free index. */
  private readonly stmtStack: Statement[] = [];
  private stmtTop = 0;
  /**
   * Arguments of the commands being parsed (see args), and the first free index: a node, or the index of
   * an AtomNamedArg's entry in `atoms`.
   */
  private readonly argStack: (ArgNode | number)[] = [];
  private argTop = 0;
  /** The intern table of words (see intern): the text per slot, and the word's LiteralType index + 1. */
  private readonly internText: (string | undefined)[];
  private readonly internType: Uint8Array;
  /** The parser state after each top-level statement (see TopLevelTrace). */
  private readonly statementTrace = new StatementTrace();
  private stoppedAt: number | undefined;
  /** This parse's text, for the nodes that read it on access (see SourceText). */
  private readonly source: SourceText;
  /** The arguments of this parse's menu commands that are all atoms (see AtomArgStore). */
  private readonly atoms: AtomArgStore;
  constructor(
    private readonly text: string,
    private readonly options: ParseOptions,
    private readonly resume?: ResumeFrom,
  ) {
    this.n = text.length;
    this.pos = resume ? resume.pos : 0;
    this.rootMenu = resume ? resume.rootMenu : [];
    this.menu = resume ? resume.menu : this.rootMenu;
    this.menuChildren = resume ? resume.menuChildren : new Map();
    this.scopes = [resume ? resume.scope : undefined];
    // A resumed parse shares the old tree's source and points it here (the old tree is spent).
    this.source = resume ? resume.source : { text };
    this.source.text = text;
    // Real scripts have a token per three to five characters; room for a quarter of the length saves
    // most regrowing (and trim gives back what is left over).
    this.tokenStore = new TokenStore(Math.max(64, (this.n - this.pos) >> 2), this.pos);
    // An export line of 60 to 70 characters keeps about ten numbers there; a resumed parse reads little.
    this.atoms = new AtomArgStore(this.source, resume ? 64 : this.n >> 3);
    // The intern table is reused from the previous parse when there is one (it is 4096 slots, and the
    // editor parses small texts often); parseAll empties it so that no document stays referenced.
    const table = spareInternTable ?? {
      text: new Array<string | undefined>(INTERN_MASK + 1),
      type: new Uint8Array(INTERN_MASK + 1),
    };
    spareInternTable = undefined;
    this.internText = table.text;
    this.internType = table.type;
  }

  parseAll(): ParseResult {
    const statements = this.statementList(null);
    // Anything left (only possible after a stray closer at top level) is consumed by statementList.
    const root: ScriptNode = { kind: 'script', start: 0, end: this.n, statements };
    this.tokenStore.trim();
    this.atoms.trim();
    this.releaseInternTable();
    return makeParseResult(root, this.errors, this.steps, this.trace());
  }

  /** Empties the intern table and leaves it for the next parse (no document stays referenced by it). */
  private releaseInternTable(): void {
    this.internText.fill(undefined);
    spareInternTable = { text: this.internText, type: this.internType };
  }

  parseResumed(): ResumedParse {
    const statements = this.statementList(null);
    this.atoms.trim();
    this.releaseInternTable();
    return {
      statements,
      errors: this.errors,
      trace: this.trace(),
      stoppedAt: this.stoppedAt,
      steps: this.steps,
    };
  }

  private trace(): TopLevelTrace {
    return {
      statements: this.statementTrace,
      scope: this.scopes[0] ?? new Set(),
      rootMenu: this.rootMenu,
      menuChildren: this.menuChildren,
      store: this.tokenStore,
      source: this.source,
    };
  }

  /** Records the state after a top-level statement (only the outermost statement list is top level). */
  private traceTopLevel(closer: Closer | null): void {
    if (closer !== null) return;
    this.statementTrace.push(this.menu, this.pos, this.errors.length, this.scopes[0]?.size ?? 0);
  }

  private childMenu(menu: string[], word: string): string[] {
    let byName = this.menuChildren.get(menu);
    if (!byName) this.menuChildren.set(menu, (byName = new Map()));
    let child = byName.get(word);
    if (!child) byName.set(word, (child = [...menu, word]));
    return child;
  }

  // ---- scanning helpers -------------------------------------------------------------------------------

  private code(at = this.pos): number {
    return at < this.n ? this.text.charCodeAt(at) : -1;
  }

  private ch(at = this.pos): string {
    return at < this.n ? this.text[at] : '';
  }

  private emit(kind: TK, end: number): void {
    if (end > this.n) end = this.n; // never run past the input, whatever a caller computed
    if (end <= this.pos) return;
    this.tokenStore.push(kind, this.pos, end);
    this.steps += end - this.pos;
    this.pos = end;
  }

  private error(
    code: string,
    message: string,
    start: number,
    end: number,
    severity?: SyntaxError['severity'],
  ): void {
    // Callers compute ends like max(pos + 1, lineEnd()), which is one past the text at its very end.
    if (end > this.n) end = this.n;
    if (start > end) start = end;
    this.errors.push(severity ? { code, message, start, end, severity } : { code, message, start, end });
  }

  /** True at a backslash that continues the line. */
  private atContinuation(at = this.pos): boolean {
    if (this.code(at) !== 92) return false;
    const c = this.code(at + 1);
    return c === Ch.LF || c === Ch.CR;
  }

  /** Consumes spaces, tabs and `\`-newline continuations. Returns true when something was consumed. */
  private skipSpace(): boolean {
    const from = this.pos;
    for (;;) {
      this.steps++;
      let p = this.pos;
      while (p < this.n && isSpace(this.code(p))) p++;
      this.emit(TK.Whitespace, p);
      if (this.atContinuation()) {
        let e = this.pos + 2;
        if (this.code(this.pos + 1) === Ch.CR && this.code(e) === Ch.LF) e++;
        this.emit(TK.Continuation, e);
        continue;
      }
      break;
    }
    return this.pos > from;
  }

  /** Consumes spaces, continuations and newlines (inside brackets, where newlines do not end anything). */
  private skipSpaceAndNewlines(): void {
    for (;;) {
      this.skipSpace();
      const c = this.code();
      if (c === Ch.CR && this.code(this.pos + 1) === Ch.LF) this.emit(TK.Newline, this.pos + 2);
      else if (isNewline(c)) this.emit(TK.Newline, this.pos + 1);
      else break;
    }
  }

  private lineEnd(from = this.pos): number {
    let p = from;
    while (p < this.n && !isNewline(this.code(p))) p++;
    return p;
  }

  /** True where a command ends: end of input, newline, `;`, or a closer of an open bracket. */
  private atCommandEnd(): boolean {
    const c = this.code();
    if (c < 0 || isNewline(c) || c === 59) return true;
    if (c !== 93 && c !== 125 && c !== 41) return false;
    return this.open.includes(this.text[this.pos] as Closer);
  }

  /** Recovery: consume the rest of the line (up to a newline) as one error token. */
  private skipToLineEnd(): void {
    this.emit(TK.Error, this.lineEnd());
  }

  // ---- statements --------------------------------------------------------------------------------------

  /** Parses statements until `closer` (not consumed) or the end of input. */
  private statementList(closer: Closer | null): Statement[] {
    // Statements gather on a shared stack (nested blocks stack above) and the list is an exact-size copy,
    // as for arguments (see args).
    const base = this.stmtTop;
    this.statementsTo(closer);
    const out = exactCopy(this.stmtStack, base, this.stmtTop);
    this.stmtTop = base;
    return out;
  }

  private statementsTo(closer: Closer | null): void {
    for (;;) {
      this.steps++;
      const before = this.pos;
      this.skipSpace();
      const c = this.ch();
      if (c === '') break;
      if (c === '\n' || c === '\r') {
        this.emit(TK.Newline, c === '\r' && this.ch(this.pos + 1) === '\n' ? this.pos + 2 : this.pos + 1);
        continue;
      }
      if (c === ';') {
        this.emit(TK.Punct, this.pos + 1);
        continue;
      }
      if (c === '#') {
        this.emit(TK.Comment, this.lineEnd());
        continue;
      }
      if (c === ']' || c === '}' || c === ')') {
        if (c === closer) break;
        if (this.open.includes(c)) break; // an outer bracket closes; the caller reports what is missing
        const start = this.pos;
        if (c === '}' && closer === null) {
          // RouterOS stops reading at an unmatched `}` at the top level and ignores the rest of the input
          // (a corpus script with a stray `}` followed by pasted output is accepted).
          this.emit(TK.Error, this.n);
          this.error(
            'RSC1006',
            "unmatched '}': RouterOS stops reading the script here and ignores the rest",
            start,
            start + 1,
            'warning',
          );
          this.pushStatement({ kind: 'error', start, end: this.pos, message: "unmatched '}'" });
          this.traceTopLevel(closer);
          break;
        }
        this.emit(TK.Error, this.pos + 1);
        this.error('RSC1003', `syntax error: unexpected '${c}' without an opening bracket`, start, this.pos);
        this.pushStatement({ kind: 'error', start, end: this.pos, message: `unexpected '${c}'` });
        this.traceTopLevel(closer);
        continue;
      }
      if (
        closer === null &&
        this.resume &&
        this.resume.stopAt(this.pos, this.menu, this.scopes[0] ?? NO_NAMES)
      ) {
        this.stoppedAt = this.pos;
        break;
      }
      const stmt = this.statement();
      this.pushStatement(stmt);
      this.expectCommandEnd();
      if (this.pos === before) {
        // Progress guard: a construct that consumed nothing must not loop forever.
        this.emit(TK.Error, this.pos + 1);
      }
      this.traceTopLevel(closer);
    }
  }

  private pushStatement(s: Statement): void {
    this.stmtStack[this.stmtTop++] = s;
  }

  /** After a statement: only white space and the end of the command may follow. */
  private expectCommandEnd(): void {
    this.skipSpace();
    if (this.atCommandEnd()) return;
    const c = this.ch();
    if (c === ']' || c === '}' || c === ')') return; // statementList reports stray closers
    const start = this.pos;
    this.error('RSC1004', 'expected end of command', start, this.lineEnd());
    this.skipToLineEnd();
  }

  private statement(): Statement {
    const c = this.code();
    const s = this.ch();
    if (s === '{') return this.blockStatement();
    if (s === '[' || s === '(') {
      const start = this.pos;
      const expression = this.value('statement', undefined);
      return { kind: 'exprStatement', start, end: this.pos, expression };
    }
    if (s === '$') return this.callStatement();
    if (s === ':') return this.globalCommand();
    if (s === '/' || isCmdChar(c)) return this.pathCommand();
    const start = this.pos;
    this.error('RSC1004', 'expected command name', start, Math.max(start + 1, this.lineEnd()));
    this.skipToLineEnd();
    return { kind: 'error', start, end: this.pos, message: 'expected command name' };
  }

  private blockStatement(): BlockNode {
    const start = this.pos;
    const { statements, closed } = this.braced('}', true);
    return { kind: 'block', start, end: this.pos, statements, closed };
  }

  /**
   * Parses `{ statements }` or `[ statements ]` starting at the opener. A code block gets its own menu and
   * variable scope, as in RouterOS: a menu change inside `{}` does not leak out.
   */
  private braced(closer: '}' | ']', scoped: boolean): { statements: Statement[]; closed: boolean } {
    if (this.tooDeep()) return { statements: [], closed: false };
    const openAt = this.pos;
    this.emit(TK.Punct, this.pos + 1);
    const savedMenu = this.menu;
    // The block's scope set is made when it first declares a name (most blocks declare none).
    if (scoped) this.scopes.push(undefined);
    this.open.push(closer);
    const statements = this.statementList(closer);
    this.open.pop();
    if (scoped) {
      this.menu = savedMenu;
      this.scopes.pop();
    }
    const closed = this.ch() === closer;
    if (closed) this.emit(TK.Punct, this.pos + 1);
    else this.reportUnclosed(closer, openAt);
    return { statements, closed };
  }

  /**
   * Guard against stack exhaustion: the parser recurses once per bracket, so a pathological input (20,000
   * `{`) would overflow the stack. Beyond MAX_NESTING the rest of the input becomes one error token, which
   * keeps `parse` total (it never throws) and linear. Real scripts nest a handful of levels.
   */
  private tooDeep(): boolean {
    if (this.open.length < MAX_NESTING && this.unaryDepth < MAX_NESTING) return false;
    if (!this.reportedDepth) {
      this.reportedDepth = true;
      this.error('RSC1004', `syntax error: nested more than ${MAX_NESTING} levels deep`, this.pos, this.n);
    }
    this.emit(TK.Error, this.n);
    return true;
  }

  private reportUnclosed(closer: Closer, openAt: number): void {
    const what =
      closer === '}' ? 'closing brace' : closer === ']' ? 'closing bracket' : 'closing parenthesis';
    // RouterOS reports a missing closer where the input ends; the related opener helps the user.
    this.error('RSC1003', `expected ${what} (opened at offset ${openAt})`, this.pos, this.pos);
    openerOffsets.set(this.errors[this.errors.length - 1], openAt);
  }

  private callStatement(): CommandNode {
    const start = this.pos;
    const callee = this.variable();
    const cmd: CommandNode = {
      kind: 'command',
      start,
      end: this.pos,
      name: callee.kind === 'variable' ? '$' + callee.name : '$',
      nameStart: start,
      nameEnd: this.pos,
      isGlobal: false,
      // Shared, never mutated: the parser replaces this.menu instead of changing it in place.
      menu: this.menu,
      args: [],
    };
    if (callee.kind === 'variable') cmd.callee = callee;
    this.args(cmd, undefined);
    cmd.end = this.pos;
    return cmd;
  }

  private globalCommand(): Statement {
    const start = this.pos;
    let p = this.pos + 1;
    while (p < this.n && isCmdChar(this.code(p))) p++;
    if (p === this.pos + 1) {
      this.emit(TK.Punct, p);
      this.error('RSC1004', 'expected command name', start, Math.max(this.pos + 1, this.lineEnd()));
      this.skipToLineEnd();
      return { kind: 'error', start, end: this.pos, message: 'expected command name' };
    }
    this.emit(TK.Word, p);
    const name = this.name(start + 1, p);
    return this.finishCommand(start, undefined, name, start, p, true);
  }

  private oracle(menu: readonly string[], word: string): 'menu' | 'command' | 'unknown' | undefined {
    const o = this.options.commandOracle;
    if (!o) return undefined;
    try {
      return o(menu, word);
    } catch {
      return undefined;
    }
  }

  /** Heuristic used without an oracle: is the word at `at` (followed by `after`) a menu name? */
  private looksLikeMenu(
    word: string,
    after: number,
    menu: readonly string[],
    relativeFirst: boolean,
  ): boolean {
    if (this.code(after) === 47) return true; // `ip/` in the v7 slash form
    if (MENU_VERBS.has(word)) return false;
    if (GLOBAL_COMMANDS.has(word) && (menu.length === 0 || !MENU_SHADOWED.has(word)) && relativeFirst)
      return false;
    // Look past spaces: a plain word or the end of the command keeps us in the path.
    let p = after;
    while (p < this.n && (isSpace(this.code(p)) || this.atContinuation(p))) {
      p += this.atContinuation(p) ? 2 : 1;
      if (this.code(p - 1) === Ch.CR && this.code(p) === Ch.LF) p++;
    }
    const c = this.code(p);
    if (c < 0 || isNewline(c) || c === 59 || c === 93 || c === 125 || c === 123) return true;
    if (!isCmdChar(c)) return false;
    let q = p;
    while (q < this.n && isCmdChar(this.code(q))) q++;
    const next = this.code(q);
    return (
      next < 0 ||
      isSpace(next) ||
      isNewline(next) ||
      next === 59 ||
      next === 47 ||
      next === 93 ||
      next === 125
    );
  }

  private pathCommand(): Statement {
    const start = this.pos;
    const absolute = this.ch() === '/';
    // Made on the first menu name: most commands (`add ...` inside a menu section) have none.
    let segments: PathSegment[] | undefined;
    // Menus are never mutated in place (each step makes a new array), so they can be shared freely.
    let menu: string[] = absolute ? this.rootMenu : this.menu;
    if (absolute) this.emit(TK.Punct, this.pos + 1);
    for (;;) {
      this.steps++;
      const c = this.code();
      if (!isCmdChar(c)) {
        if (segments === undefined && !absolute) break; // cannot happen: statement() checked the first char
        if (this.atCommandEnd() || isSpace(c)) break;
        // `/*`, `/ip/socks>`: something that is no name where a command name must stand.
        this.error('RSC1004', 'expected command name', this.pos, Math.max(this.pos + 1, this.lineEnd()));
        this.skipToLineEnd();
        return { kind: 'error', start, end: this.pos, message: 'expected command name' };
      }
      const wStart = this.pos;
      let p = this.pos;
      while (p < this.n && isCmdChar(this.code(p))) p++;
      const word = this.name(wStart, p);
      if (word === '..') {
        this.emit(TK.Punct, p);
        (segments ??= []).push({ text: word, start: wStart, end: p });
        menu = menu.slice(0, -1);
      } else {
        const kind = this.oracle(menu, word);
        const isMenu =
          kind === undefined
            ? this.looksLikeMenu(word, p, menu, segments === undefined && !absolute)
            : kind === 'menu';
        if (!isMenu) {
          this.emit(TK.Word, p);
          const path: PathNode | undefined =
            segments !== undefined || absolute
              ? { kind: 'path', start, end: wStart, absolute, segments: segments ?? [] }
              : undefined;
          const isGlobal =
            !absolute &&
            segments === undefined &&
            GLOBAL_COMMANDS.has(word) &&
            (menu.length === 0 || !MENU_SHADOWED.has(word));
          const saved = this.menu;
          this.menu = menu;
          const cmd = this.finishCommand(start, path, word, wStart, p, isGlobal, kind === 'unknown');
          this.menu = saved;
          return cmd;
        }
        this.emit(TK.Word, p);
        (segments ??= []).push({ text: word, start: wStart, end: p });
        menu = this.childMenu(menu, word);
      }
      // After a menu name: `/` continues the path, spaces separate words, anything else is an error.
      if (this.ch() === '/') {
        this.emit(TK.Punct, this.pos + 1);
        continue;
      }
      this.skipSpace();
      if (this.atCommandEnd()) break;
      if (this.ch() === '{') {
        // `/ip address { ... }` runs the block in that menu.
        const path: PathNode = { kind: 'path', start, end: this.pos, absolute, segments: segments ?? [] };
        const saved = this.menu;
        this.menu = menu;
        const block = this.blockStatement();
        this.menu = saved;
        return {
          kind: 'block',
          start,
          end: this.pos,
          statements: block.statements,
          closed: block.closed,
          path,
          menu,
        };
      }
      const next = this.code();
      if (!isCmdChar(next) && next !== 47) {
        if (this.ch() === '#' || this.ch() === '}' || this.ch() === ')' || this.ch() === ']') break;
        this.error('RSC1004', 'expected command name', this.pos, Math.max(this.pos + 1, this.lineEnd()));
        this.skipToLineEnd();
        return { kind: 'error', start, end: this.pos, message: 'expected command name' };
      }
      if (next === 47) this.emit(TK.Punct, this.pos + 1);
    }
    // A menu-only line: it changes the current menu of the enclosing block.
    const path: PathNode = { kind: 'path', start, end: this.pos, absolute, segments: segments ?? [] };
    this.menu = menu;
    return { kind: 'menu', start, end: this.pos, path, menu };
  }

  private finishCommand(
    start: number,
    path: PathNode | undefined,
    name: string,
    nameStart: number,
    nameEnd: number,
    isGlobal: boolean,
    unknown = false,
  ): CommandNode {
    // Shared, never mutated: the parser replaces this.menu instead of changing it in place. A global
    // command's optional fields are written in the literal (not added afterwards, which moved them out of
    // the object); a menu command is a MenuCommand, whose rare `path` and `unknown` are added afterwards.
    const menu = this.menu;
    const end = nameEnd;
    const args: ArgNode[] = [];
    let cmd: CommandNode;
    if (!isGlobal) {
      cmd = new MenuCommand(start, end, name, nameStart, menu, args, -1);
      if (path) cmd.path = path;
      if (unknown) cmd.unknown = true;
    } else
      cmd = path
        ? unknown
          ? { kind: 'command', start, end, name, nameStart, nameEnd, isGlobal, menu, args, path, unknown }
          : { kind: 'command', start, end, name, nameStart, nameEnd, isGlobal, menu, args, path }
        : unknown
          ? { kind: 'command', start, end, name, nameStart, nameEnd, isGlobal, menu, args, unknown }
          : { kind: 'command', start, end, name, nameStart, nameEnd, isGlobal, menu, args };
    // The command word must be followed by white space or the end of the command (`name:`, `a@b` fail).
    const c = this.ch();
    if (c !== '' && !isSpace(this.code()) && !this.atContinuation() && !this.atCommandEnd() && c !== '#') {
      if (!(c === ']' || c === '}' || c === ')')) {
        this.error('RSC1004', `syntax error: unexpected '${c}' after command name`, this.pos, this.pos + 1);
        this.skipToLineEnd();
        cmd.end = this.pos;
        return cmd;
      }
    }
    const info = isGlobal ? GLOBAL_INFO.get(name) : undefined;
    this.args(cmd, info);
    cmd.end = this.pos;
    if (isGlobal) this.globalSemantics(cmd, info);
    return cmd;
  }

  // ---- arguments ---------------------------------------------------------------------------------------

  private args(cmd: CommandNode, info: GlobalInfo | undefined): void {
    // The arguments gather on a shared stack (nested commands stack above). A menu command's atom
    // arguments go to the store, after a slot for their count (see AtomArgStore), and the stack holds
    // their entry's index. When all are atoms the command keeps the store entry; otherwise it gets an
    // exact-size array of nodes (pushing onto a fresh array reserved room for 17), and the store entries
    // it leaves are not reused.
    const base = this.argTop;
    const atoms = this.atoms;
    let at = -1;
    if (cmd instanceof MenuCommand) {
      atoms.reserve(1);
      at = atoms.top++;
    }
    this.argList(cmd, info);
    const top = this.argTop;
    this.argTop = base;
    if (top === base) {
      if (at >= 0 && atoms.top === at + 1) atoms.top = at; // nothing went to the store
      return;
    }
    const stack = this.argStack;
    let all = at >= 0;
    for (let i = base; all && i < top; i++) all = typeof stack[i] === 'number';
    // Stored only when the entries follow the count slot in order (a command nested in an argument
    // would have put its own in between, but then that argument is no atom and `all` is false).
    if (all && stack[base] === argAt(at, 0) && stack[top - 1] === argAt(at, top - base - 1)) {
      atoms.ints[at] = top - base;
      (cmd as MenuCommand).storeArgs(atoms, at);
      return;
    }
    const out = new Array<ArgNode>(top - base);
    for (let i = base; i < top; i++) {
      const a = stack[i];
      out[i - base] = typeof a === 'number' ? atoms.node(a, cmd.start) : a;
    }
    cmd.args = out;
  }

  private argList(cmd: CommandNode, info: GlobalInfo | undefined): void {
    // Positional arguments seen so far: arg() needs the count, and counting the array per argument was
    // quadratic on long commands.
    let positional = 0;
    for (;;) {
      this.steps++;
      const before = this.pos;
      this.skipSpace();
      if (this.atCommandEnd()) return;
      const c = this.ch();
      if (c === ']' || c === '}' || c === ')') return; // stray closer: the statement list reports it
      if (c === '#') {
        this.error('RSC1004', 'expected end of command', this.pos, this.lineEnd());
        this.skipToLineEnd();
        return;
      }
      if (isBadArgStart(this.code())) {
        this.error('RSC1004', `syntax error: unexpected '${c}'`, this.pos, this.pos + 1);
        this.skipToLineEnd();
        return;
      }
      if (c === '{' && cmd.unknown) {
        // An unknown command takes no `{...}` value: `/iot mqtt {` fails at the `{` when `iot` is missing.
        this.error(
          'RSC1004',
          "syntax error: unexpected '{' (the command is unknown, so this is no menu block)",
          this.pos,
          this.pos + 1,
        );
        this.skipToLineEnd();
        return;
      }
      const arg = this.arg(cmd, positional, info);
      if (typeof arg !== 'number' && arg.kind === 'positionalArg') positional++;
      this.argStack[this.argTop++] = arg;
      if (this.pos === before) this.emit(TK.Error, this.pos + 1);
    }
  }

  /** One argument: a node, or for a menu command's AtomNamedArg the index of its entry in `atoms`. */
  private arg(cmd: CommandNode, positional: number, info: GlobalInfo | undefined): ArgNode | number {
    const start = this.pos;
    let p = this.pos;
    while (p < this.n && isArgNameChar(this.code(p))) p++;
    if (p > start && this.code(p) === 61) {
      const name = this.name(start, p);
      this.emit(TK.Word, p);
      this.emit(TK.Operator, p + 1);
      // `/export` wraps long lines right after `=` (`new-packet-mark=\` newline `    voip`); RouterOS joins
      // the lines and drops the indentation, so the word on the next line is this argument's value.
      if (this.atContinuation()) this.skipSpace();
      if (!this.atCommandEnd() && !isSpace(this.code()) && !this.atContinuation()) {
        const ctx: ValueContext =
          (mayBeCodeArg(name.charCodeAt(0)) && CODE_ARGS.has(name)) ||
          (name === 'in' && cmd.name === 'onerror')
            ? 'code'
            : 'arg';
        // An AtomNamedArg's value starts right after the `=` (not on a continuation line).
        if (ctx === 'arg' && !cmd.isGlobal && this.pos === p + 1) {
          const packed = this.atomValue();
          if (packed >= 0) return this.atoms.add(start - cmd.start, packed, name);
        }
        // atomValue refuses exactly the values value() makes into something other than one word or plain
        // string (compared with the parser before AtomNamedArg on the corpus and 20,000 mutations).
        const value = this.value(ctx, cmd);
        return new ValuedNamedArg(start, this.pos, name, value);
      }
      const arg: NamedArg = { kind: 'namedArg', start, end: this.pos, name, nameStart: start, nameEnd: p };
      return arg;
    }
    if (p - start === 5 && this.text.startsWith('where', start) && !isArgNameChar(this.code(p))) {
      this.emit(TK.Word, p);
      this.skipSpace();
      const expression = this.atCommandEnd() ? undefined : this.expression('where');
      return expression
        ? { kind: 'where', start, end: this.pos, expression }
        : { kind: 'where', start, end: this.pos };
    }
    const ctx: ValueContext = info !== undefined && info.positionalCode && this.ch() === '{' ? 'code' : 'arg';
    const value = this.value(ctx, cmd);
    // Declare `:local x`, `:for i`, `:foreach k,v` names now, so the command's own body sees them.
    if (
      positional === 0 &&
      info !== undefined &&
      info.declaring &&
      value.kind === 'literal' &&
      value.type !== 'string'
    ) {
      const scope = (this.scopes[this.scopes.length - 1] ??= new Set());
      if (value.text.indexOf(',') < 0) scope.add(value.text);
      else for (const v of value.text.split(',')) scope.add(v);
    }
    return { kind: 'positionalArg', start, end: this.pos, value };
  }

  /** Declarations and `:set` checks for global commands, plus the structured parts of control commands. */
  /** True when `name` is declared in an open block. */
  private declared(name: string): boolean {
    for (const s of this.scopes) if (s !== undefined && s.has(name)) return true;
    return false;
  }

  private globalSemantics(cmd: CommandNode, info: GlobalInfo | undefined): void {
    const spec = info?.spec;
    if (spec) {
      let positional = 0;
      for (const a of cmd.args) {
        if (a.kind === 'positionalArg' && ++positional > spec.positional) {
          this.error(
            'RSC1004',
            `expected end of command (:${cmd.name} takes ${spec.positional} unnamed value${spec.positional === 1 ? '' : 's'})`,
            a.start,
            a.end,
          );
          break;
        }
        if (a.kind === 'namedArg' && !spec.named.has(a.name)) {
          this.error(
            'RSC1004',
            `expected end of command (:${cmd.name} has no argument "${a.name}")`,
            a.start,
            a.end,
          );
          break;
        }
        if (a.kind === 'where') {
          this.error('RSC1004', `expected end of command (:${cmd.name} takes no "where")`, a.start, a.end);
          break;
        }
      }
    }
    if (cmd.name === 'set') {
      const w = firstWord(cmd);
      if (w && /^[A-Za-z0-9_]/.test(w.text) && !this.declared(w.text)) {
        this.error(
          'RSC1005',
          `syntax error: variable "${w.text}" is not declared; declare it with :local or :global before :set`,
          w.start,
          w.end,
        );
      }
    }
    if (info?.control) cmd.control = controlParts(cmd);
  }

  // ---- values ------------------------------------------------------------------------------------------

  /**
   * A value in an argument: atoms written next to each other without spaces form one value
   * (`ether$i`, `"a"$b`). Stops at white space or the end of the command.
   */
  private value(ctx: ValueContext, cmd: CommandNode | undefined): Expression {
    const start = this.pos;
    // Almost every value is one atom: the parts array is made only when a second one follows.
    let first: Expression | undefined;
    let more: Expression[] | undefined;
    const text = this.text;
    for (;;) {
      this.steps++;
      const code = this.pos < this.n ? text.charCodeAt(this.pos) : -1;
      let atom: Expression;
      if (code < 0 || (code < 128 && VALUE_STOP_CODE[code] === 1)) {
        if (code === 34) atom = this.stringLiteral();
        else if (code === 36) atom = this.variable();
        else if (code === 91) atom = this.substitution();
        else if (code === 40) atom = this.paren();
        else if (code === 123) atom = ctx === 'code' ? this.codeValue() : this.arrayValue();
        else break;
        if (more) more.push(atom);
        else if (first) more = [first, atom];
        else first = atom;
        if (ctx === 'statement') break;
        continue;
      }
      if (code === 92 && this.atContinuation()) break;
      if (code === 61) {
        const prev = more ? more[more.length - 1] : first;
        if (prev && prev.kind === 'variable') {
          // `$dsubj="x"`: a variable cannot be an argument name.
          this.error('RSC1004', "syntax error: unexpected '=' after a variable", this.pos, this.pos + 1);
        }
      }
      // The word's hash for the intern table is computed on the way (see hashRange).
      let p = this.pos;
      let h = 0;
      while (p < this.n) {
        const c = text.charCodeAt(p);
        if (c < 128 && (VALUE_STOP_CODE[c] === 1 || (c === 92 && this.atContinuation(p)))) break;
        h = (Math.imul(h, 31) + c) | 0;
        p++;
      }
      atom = this.word(this.pos, p, h);
      this.emit(TK.Word, p);
      if (more) more.push(atom);
      else if (first) more = [first, atom];
      else first = atom;
    }
    void cmd;
    if (more) return { kind: 'concat', start, end: this.pos, parts: more };
    if (first) return first;
    const e: ErrorNode = { kind: 'error', start, end: start, message: 'expected value' };
    return e;
  }

  /**
   * The text of `text[start, end)`, shared with earlier equal words: a big export repeats the same names
   * and values (`chain=forward`, `list=blocklist`) on every line, and one string each kept them all alive.
   * A small hash table of recent words; a collision just replaces the entry.
   */
  private intern(start: number, end: number, h = hashRange(this.text, start, end)): number {
    const text = this.text;
    const len = end - start;
    const slot = (h ^ (h >>> 11) ^ len) & INTERN_MASK;
    const cand = this.internText[slot];
    if (cand !== undefined && cand.length === len) {
      let k = 0;
      while (k < len && cand.charCodeAt(k) === text.charCodeAt(start + k)) k++;
      if (k === len) return slot;
    }
    this.internText[slot] = text.slice(start, end);
    this.internType[slot] = 0;
    return slot;
  }

  /**
   * A value that is one bare word or one closed plain string with no other atom right after it (which
   * would make a concatenation): consumed as value() would, and returned as AtomNamedArg's packed length
   * and type, without making the literal value() makes. -1, with nothing consumed, for any other value.
   * Its two scanning loops and wordTypeIndex repeat value()'s word loop, stringLiteral's fast path and
   * word() on purpose: sharing them through helper methods (results in parser fields) cost 4% more
   * instructions on the 100,000-line parse (callgrind, several runs of each).
   */
  private atomValue(): number {
    const text = this.text;
    const n = this.n;
    const from = this.pos;
    const first = from < n ? text.charCodeAt(from) : -1;
    let end = from;
    let h = 0;
    if (first === 34) {
      // As stringLiteral's fast path: no `\` and no `$` before the closing quote.
      let q = from + 1;
      while (q < n) {
        const c = text.charCodeAt(q);
        if (c === 34 || c === 92 || c === 36) break;
        q++;
      }
      if (q >= n || text.charCodeAt(q) !== 34) return -1;
      end = q + 1;
    } else {
      if (first < 0 || (first < 128 && VALUE_STOP_CODE[first] === 1)) return -1;
      // As value()'s word loop, hash included.
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c < 128 && (VALUE_STOP_CODE[c] === 1 || (c === 92 && this.atContinuation(end)))) break;
        h = (Math.imul(h, 31) + c) | 0;
        end++;
      }
    }
    // value() goes on to a next atom unless a value stop that starts none ends this one (or a
    // continuation, or the end of input): after a string even `,x` continues the value.
    const after = end < n ? text.charCodeAt(end) : -1;
    if (after >= 0 && !(after === 92 && this.atContinuation(end))) {
      if (after >= 128 || VALUE_STOP_CODE[after] !== 1) return -1;
      if (after === 34 || after === 36 || after === 91 || after === 40 || after === 123) return -1;
    }
    if (end - from > MAX_ATOM_LENGTH) return -1;
    this.steps++;
    if (first === 34) {
      this.emit(TK.String, end);
      return ((end - from) << 8) | PLAIN_STRING_T;
    }
    const type = this.wordTypeIndex(from, end, h);
    this.emit(TK.Word, end);
    return ((end - from) << 8) | type;
  }

  /** The LITERAL_TYPES index of the word `text[start, end)`, computed once per interned word (see word). */
  private wordTypeIndex(start: number, end: number, h: number): number {
    const len = end - start;
    if (len <= MAX_INTERNED && (len <= 6 || !isDigit(this.text.charCodeAt(start)))) {
      const slot = this.intern(start, end, h);
      let t = this.internType[slot];
      if (t === 0) {
        t = LITERAL_TYPE_INDEX[classifyWord(this.internText[slot] as string)] + 1;
        this.internType[slot] = t;
      }
      return t - 1;
    }
    return LITERAL_TYPE_INDEX[classifyWord(this.text.slice(start, end))];
  }

  /** A bare-word literal for `text[start, end)`, with the word interned and its type computed once. */
  private word(start: number, end: number, h?: number): LiteralNode {
    let text: string;
    let type: LiteralType;
    // Long words that start with a digit are addresses, almost all different: interning them only costs.
    const len = end - start;
    if (len <= MAX_INTERNED && (len <= 6 || !isDigit(this.text.charCodeAt(start)))) {
      const slot = this.intern(start, end, h);
      text = this.internText[slot] as string;
      const t = this.internType[slot];
      if (t === 0) {
        type = classifyWord(text);
        this.internType[slot] = LITERAL_TYPE_INDEX[type] + 1;
      } else type = LITERAL_TYPES[t - 1];
    } else {
      text = this.text.slice(start, end);
      type = classifyWord(text);
    }
    return new WordLiteral(start, end, type, text);
  }

  /** Interned `text[start, end)` for names (arguments, menus, commands). */
  private name(start: number, end: number): string {
    if (end - start > MAX_INTERNED) return this.text.slice(start, end);
    return this.internText[this.intern(start, end)] as string;
  }

  private stringLiteral(): LiteralNode {
    const start = this.pos;
    const text = this.text;
    // Most strings hold no `\` and no `$`: they end at the next quote and decode to themselves, which this
    // loop finds without the general scanner (and the object it returns).
    let q = start + 1;
    while (q < this.n) {
      const c = text.charCodeAt(q);
      if (c === 34 || c === 92 || c === 36) break;
      q++;
    }
    if (q < this.n && text.charCodeAt(q) === 34) {
      // Closed and plain: one object is the literal and its decoded form (PlainStringLiteral).
      this.emit(TK.String, q + 1);
      return new PlainStringLiteral(start, q + 1, text.slice(start, q + 1));
    }
    const scanned = scanString(text, start);
    const end = scanned.end;
    const closed = scanned.closed;
    const decoded = decodeStringContent(text.slice(start + 1, closed ? end - 1 : end), start + 1);
    this.emit(TK.String, end);
    if (!closed) this.error('RSC1001', 'unterminated string: expected closing quote (")', start, end);
    const errs = decoded.errors;
    for (let k = 0; k < errs.length; k++) this.errors.push({ ...errs[k] });
    return {
      kind: 'literal',
      type: 'string',
      start,
      end,
      text: text.slice(start, end),
      string: decoded,
    };
  }

  private variable(): VariableNode | ErrorNode {
    const start = this.pos;
    if (this.ch(start + 1) === '"') {
      const { end, closed } = scanString(this.text, start + 1);
      const decoded = decodeStringContent(this.text.slice(start + 2, closed ? end - 1 : end), start + 2);
      this.emit(TK.Variable, end);
      if (!closed) this.error('RSC1001', 'unterminated string: expected closing quote (")', start, end);
      return { kind: 'variable', start, end, name: decoded.value, quoted: true };
    }
    let p = start + 1;
    // `$.id`-style internal names start with a dot; ordinary names are letters, digits and `_`.
    if (this.ch(p) === '.') p++;
    while (p < this.n && isVarNameChar(this.text[p])) p++;
    if (p === start + 1) {
      this.emit(TK.Error, p);
      this.error('RSC1004', 'syntax error: expected variable name after "$"', start, p);
      return { kind: 'error', start, end: p, message: 'expected variable name' };
    }
    this.emit(TK.Variable, p);
    return { kind: 'variable', start, end: p, name: this.name(start + 1, p), quoted: false };
  }

  private substitution(): SubstitutionNode {
    const start = this.pos;
    const { statements, closed } = this.braced(']', false);
    return { kind: 'substitution', start, end: this.pos, statements, closed };
  }

  private codeValue(): CodeNode {
    const start = this.pos;
    const { statements, closed } = this.braced('}', true);
    return { kind: 'code', start, end: this.pos, statements, closed };
  }

  /** `{a;b}`, `{k=v;k2=v2}`: items are argument-style values separated by `;` or white space. */
  private arrayValue(): ArrayNode {
    const start = this.pos;
    if (this.tooDeep()) return { kind: 'array', start, end: this.pos, items: [], closed: false };
    const openAt = this.pos;
    this.emit(TK.Punct, this.pos + 1);
    this.open.push('}');
    const items: ArrayItem[] = [];
    for (;;) {
      this.steps++;
      const before = this.pos;
      this.skipSpaceAndNewlines();
      const c = this.ch();
      if (c === '' || c === '}') break;
      if (c === ';') {
        this.emit(TK.Punct, this.pos + 1);
        continue;
      }
      if ((c === ']' || c === ')') && this.open.includes(c)) break;
      if (c === ']' || c === ')' || c === '#' || isBadArgStart(this.code())) {
        // Lenient inside arrays: RouterOS's exact rules here are unverified, so no error is reported.
        this.emit(TK.Error, this.pos + 1);
        continue;
      }
      const itemStart = this.pos;
      let p = this.pos;
      while (p < this.n && isArgNameChar(this.code(p))) p++;
      let key: Expression | undefined;
      if (p > this.pos && this.ch(p) === '=') {
        key = { kind: 'literal', type: 'word', start: this.pos, end: p, text: this.name(this.pos, p) };
        this.emit(TK.Word, p);
        this.emit(TK.Operator, p + 1);
      } else if (c === '"') {
        const { end } = scanString(this.text, this.pos);
        if (this.ch(end) === '=') {
          key = this.stringLiteral();
          this.emit(TK.Operator, this.pos + 1);
        }
      }
      const item: ArrayItem = { kind: 'arrayItem', start: itemStart, end: this.pos };
      if (key) item.key = key;
      const v = this.ch();
      if (v !== '' && v !== ';' && v !== '}' && !isSpace(this.code()) && !isNewline(this.code())) {
        item.value = this.value('arg', undefined);
      }
      item.end = this.pos;
      items.push(item);
      if (this.pos === before) this.emit(TK.Error, this.pos + 1);
    }
    this.open.pop();
    const closed = this.ch() === '}';
    if (closed) this.emit(TK.Punct, this.pos + 1);
    else this.reportUnclosed('}', openAt);
    return { kind: 'array', start, end: this.pos, items, closed };
  }

  private paren(): Expression {
    const start = this.pos;
    if (this.tooDeep()) return { kind: 'error', start, end: this.pos, message: 'nested too deep' };
    this.emit(TK.Punct, this.pos + 1);
    this.open.push(')');
    this.skipSpaceAndNewlines();
    const expression = this.ch() === ')' || this.pos >= this.n ? undefined : this.expression('paren');
    this.skipSpaceAndNewlines();
    this.open.pop();
    let closed = this.ch() === ')';
    if (closed) this.emit(TK.Punct, this.pos + 1);
    else if (this.pos < this.n && !this.open.includes(this.ch() as Closer)) {
      // Junk inside the parentheses: report it once, then skip to the matching `)` on this line.
      const at = this.pos;
      this.error('RSC1004', `syntax error: unexpected '${this.ch()}' in expression`, at, at + 1);
      let depth = 0;
      let p = this.pos;
      while (p < this.n && !isNewline(this.code(p))) {
        const s = this.text[p];
        if (s === '(') depth++;
        else if (s === ')') {
          if (depth === 0) break;
          depth--;
        }
        p++;
      }
      this.emit(TK.Error, p);
      closed = this.ch() === ')';
      if (closed) this.emit(TK.Punct, this.pos + 1);
      else this.reportUnclosed(')', start);
    } else this.reportUnclosed(')', start);
    const node: Expression = { kind: 'paren', start, end: this.pos, closed };
    if (expression) node.expression = expression;
    return node;
  }

  // ---- expressions -------------------------------------------------------------------------------------

  /** Skips what separates expression tokens: newlines are allowed inside parentheses only. */
  private exprSpace(mode: ExprMode): void {
    if (mode === 'paren') this.skipSpaceAndNewlines();
    else this.skipSpace();
  }

  /** Reads a binary operator at the current position without consuming it. */
  private peekBinary(): BinaryOp | undefined {
    const t = this.text;
    const p = this.pos;
    const c = this.code();
    if (isLower(c)) {
      let q = p;
      while (q < this.n && isLower(this.code(q))) q++;
      if (q - p > 3 || isArgNameChar(this.code(q))) return undefined;
      for (const op of WORD_BINARY_OPS) if (op.len === q - p && t.startsWith(op.op, p)) return op;
      return undefined;
    }
    const candidates = c >= 0 && c < 128 ? BINARY_BY_FIRST[c] : undefined;
    if (candidates) for (const op of candidates) if (t.startsWith(op.op, p)) return op;
    return undefined;
  }

  private atExprEnd(mode: ExprMode): boolean {
    if (this.pos >= this.n) return true;
    const c = this.ch();
    if (c === ')' || c === ']' || c === '}' || c === ';') return true;
    if (mode !== 'paren' && (isNewline(this.code()) || c === '#')) return true;
    return false;
  }

  private expression(mode: ExprMode, minPower = 0): Expression {
    let left = this.unary(mode);
    for (;;) {
      this.steps++;
      const before = this.pos;
      this.exprSpace(mode);
      if (this.atExprEnd(mode)) break;
      const op = this.peekBinary();
      if (op && op.power >= minPower) {
        const opStart = this.pos;
        this.emit(TK.Operator, this.pos + op.len);
        this.exprSpace(mode);
        let right: Expression | undefined;
        if (this.atExprEnd(mode)) {
          this.error('RSC1004', `syntax error: expected a value after '${op.op}'`, opStart, this.pos);
        } else right = this.expression(mode, op.power + 1);
        const node: Expression = {
          kind: 'binary',
          start: left.start,
          end: this.pos,
          operator: op.op,
          operatorStart: opStart,
          left,
        };
        if (right) node.right = right;
        left = node;
        continue;
      }
      if (op) break;
      // Two operands next to each other (`where disabled dynamic`, `(a b)`): RouterOS accepts this in
      // `where`; we keep it as a space "operator" and report nothing.
      if (minPower > 0) break;
      const right = this.unary(mode);
      if (this.pos === before || right.end === right.start) {
        if (this.pos === before) break;
      }
      left = {
        kind: 'binary',
        start: left.start,
        end: this.pos,
        operator: ' ',
        operatorStart: right.start,
        left,
        right,
      };
    }
    return left;
  }

  private unary(mode: ExprMode): Expression {
    const start = this.pos;
    const c = this.ch();
    const isNot = this.text.startsWith('not', start) && !isArgNameChar(this.code(start + 3));
    // `(>[...])` and `(>{...})` turn code into a value (a function); the IL shows it as `(> ...)`.
    if ((c === '-' && !isDigit(this.code(start + 1))) || c === '!' || c === '~' || c === '>' || isNot) {
      const len = isNot ? 3 : 1;
      this.emit(TK.Operator, start + len);
      this.exprSpace(mode);
      this.unaryDepth++;
      const operand = this.atExprEnd(mode) || this.tooDeep() ? undefined : this.unary(mode);
      this.unaryDepth--;
      const node: Expression = { kind: 'unary', start, end: this.pos, operator: isNot ? 'not' : c };
      if (operand) node.operand = operand;
      return node;
    }
    return this.primary(mode);
  }

  private primary(mode: ExprMode): Expression {
    const start = this.pos;
    const c = this.ch();
    if (c === '"') return this.stringLiteral();
    if (c === '$') return this.variable();
    if (c === '[') return this.substitution();
    if (c === '(') return this.paren();
    if (c === '{') return this.arrayValue();
    let p = this.pos;
    if (c === '-' || (c === '.' && isLower(this.code(p + 1)))) p++;
    while (p < this.n && isExprWordChar(this.text, p, start)) p++;
    if (p > start) {
      const lit = this.word(start, p);
      this.emit(TK.Word, p);
      return lit;
    }
    // Nothing that can start a value: report and consume one character so parsing moves on.
    if (mode === 'paren' || mode === 'where') {
      this.error('RSC1004', `syntax error: unexpected '${c}' in expression`, start, start + 1);
    }
    this.emit(TK.Error, start + 1);
    return { kind: 'error', start, end: this.pos, message: `unexpected '${c}'` };
  }
}

type ValueContext = 'arg' | 'code' | 'statement';
type ExprMode = 'paren' | 'where';

/**
 * Characters of a bare word inside an expression. Letters, digits, `_`, `*` (ids), `:` (times, IPv6) always;
 * `.` `-` `/` only between word characters of a literal (`10.0.0.1/24`, `mark-connection`, `1.1.1.1-1.1.1.9`),
 * so that `$a.$b`, `5-3` and `8/2` stay operators.
 */
export function isExprWordChar(text: string, p: number, start: number): boolean {
  const c = text.charCodeAt(p);
  if (isAlnum(c) || c === 95 || c === 58 || (c === 42 && p === start)) return true;
  const next = p + 1 < text.length ? text.charCodeAt(p + 1) : -1;
  if (p === start || !isAlnum(next)) return false;
  // The tests below read the word so far, text[start, p), char by char (no slice, no regular expression).
  if (c === 46) {
    // `.`: after a word that starts with [0-9A-Za-z_:] (and is not only digits), or one of only digits and dots.
    const c0 = text.charCodeAt(start);
    if (isAlnum(c0) || c0 === 95 || c0 === 58) return true;
    for (let i = start; i < p; i++) {
      const d = text.charCodeAt(i);
      if (!isDigit(d) && d !== 46) return false;
    }
    return true;
  }
  if (c === 45) {
    // `-`: after a word with a letter or dot that is not only letters and `_`, or one like `[A-Za-z][A-Za-z0-9-]*`.
    let letterOrDot = false;
    let onlyLetters = true;
    for (let i = start; i < p; i++) {
      const d = text.charCodeAt(i);
      if (isLower(d) || isUpper(d)) continue;
      if (d === 46) letterOrDot = true;
      if (d !== 95) onlyLetters = false;
    }
    for (let i = start; i < p && !letterOrDot; i++) {
      const d = text.charCodeAt(i);
      if (isLower(d) || isUpper(d)) letterOrDot = true;
    }
    if (letterOrDot && !onlyLetters) return true;
    const c0 = text.charCodeAt(start);
    if (!isLower(c0) && !isUpper(c0)) return false;
    for (let i = start + 1; i < p; i++) {
      const d = text.charCodeAt(i);
      if (!isAlnum(d) && d !== 45) return false;
    }
    return true;
  }
  if (c === 47) {
    // `/`: after a word with a `.` or `:` (an address), before a digit (the prefix length).
    if (!isDigit(next)) return false;
    for (let i = start; i < p; i++) {
      const d = text.charCodeAt(i);
      if (d === 46 || d === 58) return true;
    }
    return false;
  }
  return false;
}

const TIME_RE = /^(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?(\d+us)?(\d+ns)?$/;

/**
 * Fast path of classifyWord for words of digits, dots and at most one `/` (numbers, IPv4 addresses and
 * prefixes, the bulk of address lists), without regular expressions: their `test` allocated on every call.
 * Gives the same answer as the regular expressions below, or undefined for any other word.
 */
function classifyNumeric(text: string): LiteralType | undefined {
  const n = text.length;
  if (n === 0) return undefined;
  // Groups of digits between dots; `slash` is where a `/` stands (-1 if none).
  let dots = 0;
  let run = 0;
  let maxRun = 0;
  let emptyRun = false;
  let slash = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      run++;
      continue;
    }
    if (c === 46 && slash < 0) {
      if (run === 0) emptyRun = true;
      if (run > maxRun) maxRun = run;
      run = 0;
      dots++;
      continue;
    }
    if (c === 47 && slash < 0) {
      if (run === 0) emptyRun = true;
      if (run > maxRun) maxRun = run;
      run = 0;
      slash = i;
      continue;
    }
    return undefined;
  }
  if (slash < 0) {
    if (dots === 0) return 'number';
    if (run === 0) emptyRun = true;
    if (run > maxRun) maxRun = run;
    // `^\d{1,3}(\.\d{1,3}){3}$`; any other mix of digits and dots is no number, id, MAC, range or time.
    return dots === 3 && !emptyRun && maxRun <= 3 ? 'ip' : 'word';
  }
  // `^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$` (`run` is now the digits after the slash); without a `:` nothing
  // else matches digits, dots and a slash.
  return dots === 3 && !emptyRun && maxRun <= 3 && run >= 1 && run <= 2 ? 'ipPrefix' : 'word';
}

/** Classifies a bare word the way RouterOS would read it as a value. */
export function classifyWord(text: string): LiteralType {
  // Fast path for the common case, names like `blocklist` or `forward`: a word that starts with a letter
  // and has no ':' cannot be a number, id, address, MAC, range or time.
  const c0 = text.charCodeAt(0) | 32;
  if (c0 >= 97 && c0 <= 122 && text.indexOf(':') < 0) {
    return text === 'true' || text === 'false' || text === 'yes' || text === 'no' ? 'bool' : 'word';
  }
  const numeric = classifyNumeric(text);
  if (numeric !== undefined) return numeric;
  if (/^-?\d+$/.test(text) || /^0x[0-9A-Fa-f]+$/.test(text)) return 'number';
  if (text === 'true' || text === 'false' || text === 'yes' || text === 'no') return 'bool';
  if (/^\*[0-9A-Fa-f]+$/.test(text)) return 'id';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return 'ip';
  if (/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) return 'ipPrefix';
  if (/^\d{1,3}(\.\d{1,3}){3}-\d{1,3}(\.\d{1,3}){3}$/.test(text)) return 'range';
  if (/^\d+-\d+$/.test(text)) return 'range';
  if (/^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/.test(text)) return 'mac';
  if (/^[0-9A-Fa-f:]*::?[0-9A-Fa-f:.]*\/\d{1,3}$/.test(text) && text.includes(':')) return 'ip6Prefix';
  if (/^[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}$/.test(text) && !/^\d+:\d+(:\d+)?$/.test(text)) return 'ip6';
  if (/^\d+:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) return 'time';
  if (/\d/.test(text) && TIME_RE.test(text)) return 'time';
  return 'word';
}

/** Named arguments of control commands and the ControlParts field each fills. */
const CONTROL_ARG_FIELDS = new Map<string, Exclude<keyof ControlParts, 'condition' | 'variables'>>([
  ['do', 'do'],
  ['else', 'else'],
  ['on-error', 'onError'],
  ['while', 'while'],
  ['from', 'from'],
  ['to', 'to'],
  ['step', 'step'],
  ['in', 'in'],
  ['command', 'command'],
]);

/** The first unnamed argument of a command when it is a word (not a string), as `:set name` takes it. */
function firstWord(cmd: CommandNode): LiteralNode | undefined {
  for (const a of cmd.args) {
    if (a.kind === 'positionalArg') {
      return a.value.kind === 'literal' && a.value.type !== 'string' ? a.value : undefined;
    }
  }
  return undefined;
}

function controlParts(cmd: CommandNode): ControlParts {
  const parts: ControlParts = {};
  let first: Expression | undefined;
  for (const a of cmd.args) {
    if (a.kind === 'positionalArg') first ??= a.value;
    else if (a.kind === 'namedArg' && a.value) {
      const field = CONTROL_ARG_FIELDS.get(a.name);
      if (field) parts[field] = a.value;
    }
  }
  if (cmd.name === 'if' || cmd.name === 'while') {
    if (first) parts.condition = first;
  } else if (cmd.name === 'do' || cmd.name === 'retry') {
    if (first && cmd.name === 'do') parts.do = first;
    if (first && cmd.name === 'retry' && !parts.command) parts.command = first;
  } else if (first && first.kind === 'literal') {
    // `:for i`, `:foreach k,v`, `:onerror e`: the variable names, split at commas.
    const vars: PathSegment[] = [];
    let at = first.start;
    for (const name of first.text.split(',')) {
      vars.push({ text: name, start: at, end: at + name.length });
      at += name.length + 1;
    }
    parts.variables = vars;
  }
  return parts;
}

/**
 * Wraps an exact-name oracle so that it also understands RouterOS's unique-prefix abbreviations
 * (`/sys leds` is `/system leds`, `/ip fire conn` is `/ip firewall connection`). `childNames(menu)` lists
 * the names in an (exact) menu. The returned oracle resolves abbreviated segments of `menu` first.
 */
export function abbreviatingOracle(
  oracle: CommandOracle,
  childNames: (menu: readonly string[]) => readonly string[],
): CommandOracle {
  const expand = (menu: readonly string[], word: string): string => {
    const names = childNames(menu);
    if (names.includes(word)) return word;
    const matches = names.filter((n) => n.startsWith(word));
    return matches.length === 1 ? matches[0] : word;
  };
  // Scripts ask the same few questions thousands of times (every `add` line of an export), and the
  // command tree never changes, so answers are memoised; the cache is bounded by the distinct
  // (menu, word) pairs of the scripts seen, and reset if it ever grows large.
  const cache = new Map<string, ReturnType<CommandOracle>>();
  // In front of it, answers per menu array: the parser passes the same (never mutated) array for every
  // command of a menu section, which saves building the string key on each line.
  const byMenu = new WeakMap<readonly string[], Map<string, ReturnType<CommandOracle>>>();
  return (menu, word) => {
    let forMenu = byMenu.get(menu);
    if (!forMenu) byMenu.set(menu, (forMenu = new Map()));
    const quick = forMenu.get(word);
    if (quick !== undefined) return quick;
    const key = menu.length ? `${menu.join(' ')} ${word}` : word;
    const hit = cache.get(key);
    if (hit !== undefined) {
      if (forMenu.size < 1000) forMenu.set(word, hit);
      return hit;
    }
    const exact: string[] = [];
    for (const seg of menu) exact.push(expand(exact, seg));
    const answer = oracle(exact, expand(exact, word));
    if (cache.size > 50_000) cache.clear();
    cache.set(key, answer);
    if (forMenu.size < 1000) forMenu.set(word, answer);
    return answer;
  };
}
