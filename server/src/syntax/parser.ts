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
import { decodeStringContent, isVarNameChar, scanString } from './strings';

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
/** Kind -> index as a plain object: read once per token, where it is cheaper than a Map lookup. */
const TOKEN_KIND_INDEX: Readonly<Record<TokenKind, number>> = {
  whitespace: 0,
  newline: 1,
  continuation: 2,
  comment: 3,
  string: 4,
  word: 5,
  variable: 6,
  punct: 7,
  operator: 8,
  error: 9,
};

/**
 * Tokens are contiguous (that is the lossless invariant), so a token is its kind and its end; both are
 * small integers kept in plain arrays, and Token objects are made only when someone reads them. A big
 * export has millions of tokens that lint never looks at.
 */
export class TokenStore {
  private kinds = new Uint8Array(1024);
  private ends = new Uint32Array(1024);
  private count = 0;
  /** Index/start pairs of tokens that do not start where the previous one ended (a parser bug), so that
   * materialized tokens are exactly what was emitted and the lossless test can see the gap. */
  private readonly gaps: number[] = [];

  /** `base`: where the first token starts (0, except for a parse resumed mid-text by incremental.ts). */
  constructor(private readonly base = 0) {}

  get size(): number {
    return this.count;
  }

  /** True when every token starts where the previous one ended (always, unless the parser has a bug). */
  get contiguous(): boolean {
    return this.gaps.length === 0;
  }

  /** The index of the token that starts at `offset`, or -1 when no token starts there. */
  indexStartingAt(offset: number): number {
    if (offset === 0) return 0;
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
    let size = this.kinds.length * 2;
    while (size < n) size *= 2;
    const k = new Uint8Array(size);
    k.set(this.kinds.subarray(0, this.count));
    this.kinds = k;
    const e = new Uint32Array(size);
    e.set(this.ends.subarray(0, this.count));
    this.ends = e;
  }

  push(kind: TokenKind, start: number, end: number): void {
    if (this.count === this.kinds.length) this.reserve(this.count + 1);
    const prevEnd = this.count ? this.ends[this.count - 1] : this.base;
    if (start !== prevEnd) this.gaps.push(this.count, start);
    this.kinds[this.count] = TOKEN_KIND_INDEX[kind];
    this.ends[this.count] = end;
    this.count++;
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
  /** The current menu after each top-level statement (index-aligned with root.statements). */
  menus: string[][];
  /** Where the parser stood after each top-level statement and what follows it on its line (a stray
   * rest of the line belongs to the statement before it): a parse can resume there. */
  resumePoints: number[];
  /** Size of the top-level variable scope after each top-level statement. */
  scopeSizes: number[];
  /** How many errors had been reported after each top-level statement (errors are in report order). */
  errorCounts: number[];
  /** The top-level variable scope; a Set keeps declaration order, so a prefix is an earlier state. */
  scope: Set<string>;
  rootMenu: string[];
  menuChildren: Map<string[], Map<string, string[]>>;
  store: TokenStore;
}

/** Where and with what state a resumed parse starts, and when it may stop (incremental.ts decides). */
export interface ResumeFrom {
  pos: number;
  menu: string[];
  scope: Set<string>;
  rootMenu: string[];
  menuChildren: Map<string[], Map<string, string[]>>;
  /** Asked before each top-level statement; true stops the parse there (the rest is reused). */
  stopAt(pos: number, menu: string[], scope: Set<string>): boolean;
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
const GLOBAL_ARGS: Record<string, { positional: string[]; named: string[] }> = {
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

const DECLARING = new Set(['local', 'global', 'for', 'foreach', 'onerror']);
const CONTROL_COMMANDS = new Set(['if', 'while', 'do', 'for', 'foreach', 'onerror', 'retry']);

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

type Closer = ']' | '}' | ')';

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
  private readonly scopes: Set<string>[];
  /** Closing characters of the brackets currently open, innermost last. */
  private readonly open: Closer[] = [];
  /** The parser state after each top-level statement (see TopLevelTrace). */
  private readonly traceMenus: string[][] = [];
  private readonly traceScopeSizes: number[] = [];
  private readonly traceResumePoints: number[] = [];
  private readonly traceErrorCounts: number[] = [];
  private stoppedAt: number | undefined;
  constructor(
    private readonly text: string,
    private readonly options: ParseOptions,
    private readonly resume?: ResumeFrom,
  ) {
    this.n = text.length;
    this.pos = resume ? resume.pos : 0;
    this.tokenStore = new TokenStore(this.pos);
    this.rootMenu = resume ? resume.rootMenu : [];
    this.menu = resume ? resume.menu : this.rootMenu;
    this.menuChildren = resume ? resume.menuChildren : new Map();
    this.scopes = [resume ? resume.scope : new Set()];
  }

  parseAll(): ParseResult {
    const statements = this.statementList(null);
    // Anything left (only possible after a stray closer at top level) is consumed by statementList.
    const root: ScriptNode = { kind: 'script', start: 0, end: this.n, statements };
    return makeParseResult(root, this.errors, this.steps, this.trace());
  }

  parseResumed(): ResumedParse {
    const statements = this.statementList(null);
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
      menus: this.traceMenus,
      resumePoints: this.traceResumePoints,
      errorCounts: this.traceErrorCounts,
      scopeSizes: this.traceScopeSizes,
      scope: this.scopes[0],
      rootMenu: this.rootMenu,
      menuChildren: this.menuChildren,
      store: this.tokenStore,
    };
  }

  /** Records the state after a top-level statement (only the outermost statement list is top level). */
  private traceTopLevel(closer: Closer | null): void {
    if (closer !== null) return;
    this.traceMenus.push(this.menu);
    this.traceResumePoints.push(this.pos);
    this.traceErrorCounts.push(this.errors.length);
    this.traceScopeSizes.push(this.scopes[0].size);
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

  private emit(kind: TokenKind, end: number): void {
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
      this.emit('whitespace', p);
      if (this.atContinuation()) {
        let e = this.pos + 2;
        if (this.code(this.pos + 1) === Ch.CR && this.code(e) === Ch.LF) e++;
        this.emit('continuation', e);
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
      if (c === Ch.CR && this.code(this.pos + 1) === Ch.LF) this.emit('newline', this.pos + 2);
      else if (isNewline(c)) this.emit('newline', this.pos + 1);
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
    const s = this.ch();
    return (s === ']' || s === '}' || s === ')') && this.open.includes(s);
  }

  /** Recovery: consume the rest of the line (up to a newline) as one error token. */
  private skipToLineEnd(): void {
    this.emit('error', this.lineEnd());
  }

  // ---- statements --------------------------------------------------------------------------------------

  /** Parses statements until `closer` (not consumed) or the end of input. */
  private statementList(closer: Closer | null): Statement[] {
    const out: Statement[] = [];
    for (;;) {
      this.steps++;
      const before = this.pos;
      this.skipSpace();
      const c = this.ch();
      if (c === '') break;
      if (c === '\n' || c === '\r') {
        this.emit('newline', c === '\r' && this.ch(this.pos + 1) === '\n' ? this.pos + 2 : this.pos + 1);
        continue;
      }
      if (c === ';') {
        this.emit('punct', this.pos + 1);
        continue;
      }
      if (c === '#') {
        this.emit('comment', this.lineEnd());
        continue;
      }
      if (c === ']' || c === '}' || c === ')') {
        if (c === closer) break;
        if (this.open.includes(c)) break; // an outer bracket closes; the caller reports what is missing
        const start = this.pos;
        if (c === '}' && closer === null) {
          // RouterOS stops reading at an unmatched `}` at the top level and ignores the rest of the input
          // (a corpus script with a stray `}` followed by pasted output is accepted).
          this.emit('error', this.n);
          this.error(
            'RSC1006',
            "unmatched '}': RouterOS stops reading the script here and ignores the rest",
            start,
            start + 1,
            'warning',
          );
          out.push({ kind: 'error', start, end: this.pos, message: "unmatched '}'" });
          this.traceTopLevel(closer);
          break;
        }
        this.emit('error', this.pos + 1);
        this.error('RSC1003', `syntax error: unexpected '${c}' without an opening bracket`, start, this.pos);
        out.push({ kind: 'error', start, end: this.pos, message: `unexpected '${c}'` });
        this.traceTopLevel(closer);
        continue;
      }
      if (closer === null && this.resume && this.resume.stopAt(this.pos, this.menu, this.scopes[0])) {
        this.stoppedAt = this.pos;
        break;
      }
      const stmt = this.statement();
      out.push(stmt);
      this.expectCommandEnd();
      if (this.pos === before) {
        // Progress guard: a construct that consumed nothing must not loop forever.
        this.emit('error', this.pos + 1);
      }
      this.traceTopLevel(closer);
    }
    return out;
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
    this.emit('punct', this.pos + 1);
    const savedMenu = this.menu;
    if (scoped) this.scopes.push(new Set());
    this.open.push(closer);
    const statements = this.statementList(closer);
    this.open.pop();
    if (scoped) {
      this.menu = savedMenu;
      this.scopes.pop();
    }
    const closed = this.ch() === closer;
    if (closed) this.emit('punct', this.pos + 1);
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
    this.emit('error', this.n);
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
    this.args(cmd);
    cmd.end = this.pos;
    return cmd;
  }

  private globalCommand(): Statement {
    const start = this.pos;
    let p = this.pos + 1;
    while (p < this.n && isCmdChar(this.code(p))) p++;
    if (p === this.pos + 1) {
      this.emit('punct', p);
      this.error('RSC1004', 'expected command name', start, Math.max(this.pos + 1, this.lineEnd()));
      this.skipToLineEnd();
      return { kind: 'error', start, end: this.pos, message: 'expected command name' };
    }
    this.emit('word', p);
    const name = this.text.slice(start + 1, p);
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
    const segments: PathSegment[] = [];
    // Menus are never mutated in place (each step makes a new array), so they can be shared freely.
    let menu: string[] = absolute ? this.rootMenu : this.menu;
    if (absolute) this.emit('punct', this.pos + 1);
    for (;;) {
      this.steps++;
      const c = this.code();
      if (!isCmdChar(c)) {
        if (segments.length === 0 && !absolute) break; // cannot happen: statement() checked the first char
        if (this.atCommandEnd() || isSpace(c)) break;
        // `/*`, `/ip/socks>`: something that is no name where a command name must stand.
        this.error('RSC1004', 'expected command name', this.pos, Math.max(this.pos + 1, this.lineEnd()));
        this.skipToLineEnd();
        return { kind: 'error', start, end: this.pos, message: 'expected command name' };
      }
      const wStart = this.pos;
      let p = this.pos;
      while (p < this.n && isCmdChar(this.code(p))) p++;
      const word = this.text.slice(wStart, p);
      if (word === '..') {
        this.emit('punct', p);
        segments.push({ text: word, start: wStart, end: p });
        menu = menu.slice(0, -1);
      } else {
        const kind = this.oracle(menu, word);
        const isMenu =
          kind === undefined
            ? this.looksLikeMenu(word, p, menu, segments.length === 0 && !absolute)
            : kind === 'menu';
        if (!isMenu) {
          this.emit('word', p);
          const path: PathNode | undefined =
            segments.length > 0 || absolute
              ? { kind: 'path', start, end: wStart, absolute, segments }
              : undefined;
          const isGlobal =
            !absolute &&
            segments.length === 0 &&
            GLOBAL_COMMANDS.has(word) &&
            (menu.length === 0 || !MENU_SHADOWED.has(word));
          const saved = this.menu;
          this.menu = menu;
          const cmd = this.finishCommand(start, path, word, wStart, p, isGlobal, kind === 'unknown');
          this.menu = saved;
          return cmd;
        }
        this.emit('word', p);
        segments.push({ text: word, start: wStart, end: p });
        menu = this.childMenu(menu, word);
      }
      // After a menu name: `/` continues the path, spaces separate words, anything else is an error.
      if (this.ch() === '/') {
        this.emit('punct', this.pos + 1);
        continue;
      }
      this.skipSpace();
      if (this.atCommandEnd()) break;
      if (this.ch() === '{') {
        // `/ip address { ... }` runs the block in that menu.
        const path: PathNode = { kind: 'path', start, end: this.pos, absolute, segments };
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
      if (next === 47) this.emit('punct', this.pos + 1);
    }
    // A menu-only line: it changes the current menu of the enclosing block.
    const path: PathNode = { kind: 'path', start, end: this.pos, absolute, segments };
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
    const cmd: CommandNode = {
      kind: 'command',
      start,
      end: nameEnd,
      name,
      nameStart,
      nameEnd,
      isGlobal,
      // Shared, never mutated: the parser replaces this.menu instead of changing it in place.
      menu: this.menu,
      args: [],
    };
    if (path) cmd.path = path;
    if (unknown) cmd.unknown = true;
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
    this.args(cmd);
    cmd.end = this.pos;
    if (isGlobal) this.globalSemantics(cmd);
    return cmd;
  }

  // ---- arguments ---------------------------------------------------------------------------------------

  private args(cmd: CommandNode): void {
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
      if (BAD_ARG_START.has(c)) {
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
      const arg = this.arg(cmd);
      cmd.args.push(arg);
      if (this.pos === before) this.emit('error', this.pos + 1);
    }
  }

  private arg(cmd: CommandNode): ArgNode {
    const start = this.pos;
    let p = this.pos;
    while (p < this.n && isArgNameChar(this.code(p))) p++;
    if (p > start && this.ch(p) === '=') {
      const name = this.text.slice(start, p);
      this.emit('word', p);
      this.emit('operator', p + 1);
      const arg: NamedArg = { kind: 'namedArg', start, end: this.pos, name, nameStart: start, nameEnd: p };
      // `/export` wraps long lines right after `=` (`new-packet-mark=\` newline `    voip`); RouterOS joins
      // the lines and drops the indentation, so the word on the next line is this argument's value.
      if (this.atContinuation()) this.skipSpace();
      if (!this.atCommandEnd() && !isSpace(this.code()) && !this.atContinuation()) {
        const ctx: ValueContext =
          CODE_ARGS.has(name) || (name === 'in' && cmd.name === 'onerror') ? 'code' : 'arg';
        arg.value = this.value(ctx, cmd);
      }
      arg.end = this.pos;
      return arg;
    }
    if (p - start === 5 && this.text.startsWith('where', start) && !isArgNameChar(this.code(p))) {
      this.emit('word', p);
      this.skipSpace();
      const expression = this.atCommandEnd() ? undefined : this.expression('where');
      return expression
        ? { kind: 'where', start, end: this.pos, expression }
        : { kind: 'where', start, end: this.pos };
    }
    const positional = cmd.args.filter((a) => a.kind === 'positionalArg').length;
    const ctx: ValueContext =
      this.ch() === '{' && cmd.isGlobal && POSITIONAL_CODE_COMMANDS.has(cmd.name) ? 'code' : 'arg';
    const value = this.value(ctx, cmd);
    // Declare `:local x`, `:for i`, `:foreach k,v` names now, so the command's own body sees them.
    if (
      positional === 0 &&
      cmd.isGlobal &&
      DECLARING.has(cmd.name) &&
      value.kind === 'literal' &&
      value.type !== 'string'
    ) {
      const scope = this.scopes[this.scopes.length - 1];
      for (const v of value.text.split(',')) scope.add(v);
    }
    return { kind: 'positionalArg', start, end: this.pos, value };
  }

  /** Declarations and `:set` checks for global commands, plus the structured parts of control commands. */
  private globalSemantics(cmd: CommandNode): void {
    const firstWord = (): LiteralNode | undefined => {
      const a = cmd.args.find((x) => x.kind === 'positionalArg');
      return a && a.kind === 'positionalArg' && a.value.kind === 'literal' && a.value.type !== 'string'
        ? a.value
        : undefined;
    };
    const spec = GLOBAL_ARGS[cmd.name];
    if (spec) {
      let positional = 0;
      for (const a of cmd.args) {
        if (a.kind === 'positionalArg' && ++positional > spec.positional.length) {
          this.error(
            'RSC1004',
            `expected end of command (:${cmd.name} takes ${spec.positional.length} unnamed value${spec.positional.length === 1 ? '' : 's'})`,
            a.start,
            a.end,
          );
          break;
        }
        if (a.kind === 'namedArg' && !spec.named.includes(a.name)) {
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
      const w = firstWord();
      if (w && /^[A-Za-z0-9_]/.test(w.text) && !this.scopes.some((s) => s.has(w.text))) {
        this.error(
          'RSC1005',
          `syntax error: variable "${w.text}" is not declared; declare it with :local or :global before :set`,
          w.start,
          w.end,
        );
      }
    }
    if (CONTROL_COMMANDS.has(cmd.name)) cmd.control = controlParts(cmd);
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
    const add = (e: Expression): void => {
      if (more) more.push(e);
      else if (first) more = [first, e];
      else first = e;
    };
    for (;;) {
      this.steps++;
      const c = this.ch();
      if (c === '' || VALUE_STOP.has(c)) {
        if (c === '"') add(this.stringLiteral());
        else if (c === '$') add(this.variable());
        else if (c === '[') add(this.substitution());
        else if (c === '(') add(this.paren());
        else if (c === '{') add(ctx === 'code' ? this.codeValue() : this.arrayValue());
        else break;
        if (ctx === 'statement') break;
        continue;
      }
      if (this.atContinuation()) break;
      const prev = more ? more[more.length - 1] : first;
      if (prev && prev.kind === 'variable' && c === '=') {
        // `$dsubj="x"`: a variable cannot be an argument name.
        this.error('RSC1004', "syntax error: unexpected '=' after a variable", this.pos, this.pos + 1);
      }
      let p = this.pos;
      const text0 = this.text;
      while (p < this.n) {
        const code = text0.charCodeAt(p);
        if (code < 128 && (VALUE_STOP_CODE[code] === 1 || (code === 92 && this.atContinuation(p)))) break;
        p++;
      }
      const text = this.text.slice(this.pos, p);
      const lit: LiteralNode = { kind: 'literal', start: this.pos, end: p, type: classifyWord(text), text };
      this.emit('word', p);
      add(lit);
    }
    void cmd;
    if (more) return { kind: 'concat', start, end: this.pos, parts: more };
    if (first) return first;
    const e: ErrorNode = { kind: 'error', start, end: start, message: 'expected value' };
    return e;
  }

  private stringLiteral(): LiteralNode {
    const start = this.pos;
    const { end, closed } = scanString(this.text, start);
    const rawEnd = closed ? end - 1 : end;
    const decoded = decodeStringContent(this.text.slice(start + 1, rawEnd), start + 1);
    this.emit('string', end);
    if (!closed) this.error('RSC1001', 'unterminated string: expected closing quote (")', start, end);
    for (const e of decoded.errors) this.errors.push({ ...e });
    return {
      kind: 'literal',
      type: 'string',
      start,
      end,
      text: this.text.slice(start, end),
      string: decoded,
    };
  }

  private variable(): VariableNode | ErrorNode {
    const start = this.pos;
    if (this.ch(start + 1) === '"') {
      const { end, closed } = scanString(this.text, start + 1);
      const decoded = decodeStringContent(this.text.slice(start + 2, closed ? end - 1 : end), start + 2);
      this.emit('variable', end);
      if (!closed) this.error('RSC1001', 'unterminated string: expected closing quote (")', start, end);
      return { kind: 'variable', start, end, name: decoded.value, quoted: true };
    }
    let p = start + 1;
    // `$.id`-style internal names start with a dot; ordinary names are letters, digits and `_`.
    if (this.ch(p) === '.') p++;
    while (p < this.n && isVarNameChar(this.text[p])) p++;
    if (p === start + 1) {
      this.emit('error', p);
      this.error('RSC1004', 'syntax error: expected variable name after "$"', start, p);
      return { kind: 'error', start, end: p, message: 'expected variable name' };
    }
    this.emit('variable', p);
    return { kind: 'variable', start, end: p, name: this.text.slice(start + 1, p), quoted: false };
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
    this.emit('punct', this.pos + 1);
    this.open.push('}');
    const items: ArrayItem[] = [];
    for (;;) {
      this.steps++;
      const before = this.pos;
      this.skipSpaceAndNewlines();
      const c = this.ch();
      if (c === '' || c === '}') break;
      if (c === ';') {
        this.emit('punct', this.pos + 1);
        continue;
      }
      if ((c === ']' || c === ')') && this.open.includes(c)) break;
      if (c === ']' || c === ')' || c === '#' || BAD_ARG_START.has(c)) {
        // Lenient inside arrays: RouterOS's exact rules here are unverified, so no error is reported.
        this.emit('error', this.pos + 1);
        continue;
      }
      const itemStart = this.pos;
      let p = this.pos;
      while (p < this.n && isArgNameChar(this.code(p))) p++;
      let key: Expression | undefined;
      if (p > this.pos && this.ch(p) === '=') {
        key = { kind: 'literal', type: 'word', start: this.pos, end: p, text: this.text.slice(this.pos, p) };
        this.emit('word', p);
        this.emit('operator', p + 1);
      } else if (c === '"') {
        const { end } = scanString(this.text, this.pos);
        if (this.ch(end) === '=') {
          key = this.stringLiteral();
          this.emit('operator', this.pos + 1);
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
      if (this.pos === before) this.emit('error', this.pos + 1);
    }
    this.open.pop();
    const closed = this.ch() === '}';
    if (closed) this.emit('punct', this.pos + 1);
    else this.reportUnclosed('}', openAt);
    return { kind: 'array', start, end: this.pos, items, closed };
  }

  private paren(): Expression {
    const start = this.pos;
    if (this.tooDeep()) return { kind: 'error', start, end: this.pos, message: 'nested too deep' };
    this.emit('punct', this.pos + 1);
    this.open.push(')');
    this.skipSpaceAndNewlines();
    const expression = this.ch() === ')' || this.pos >= this.n ? undefined : this.expression('paren');
    this.skipSpaceAndNewlines();
    this.open.pop();
    let closed = this.ch() === ')';
    if (closed) this.emit('punct', this.pos + 1);
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
      this.emit('error', p);
      closed = this.ch() === ')';
      if (closed) this.emit('punct', this.pos + 1);
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
  private peekBinary(): { op: string; len: number; power: number } | undefined {
    const t = this.text;
    const p = this.pos;
    if (isLower(this.code())) {
      let q = p;
      while (q < this.n && isLower(this.code(q))) q++;
      const w = t.slice(p, q);
      const power = WORD_BINARY[w];
      if (power !== undefined && !isArgNameChar(this.code(q))) return { op: w, len: q - p, power };
      return undefined;
    }
    for (const [op, power] of BINARY_OPS) {
      if (t.startsWith(op, p)) return { op, len: op.length, power };
    }
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
        this.emit('operator', this.pos + op.len);
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
      this.emit('operator', start + len);
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
      const text = this.text.slice(start, p);
      this.emit('word', p);
      return { kind: 'literal', type: classifyWord(text), start, end: p, text };
    }
    // Nothing that can start a value: report and consume one character so parsing moves on.
    if (mode === 'paren' || mode === 'where') {
      this.error('RSC1004', `syntax error: unexpected '${c}' in expression`, start, start + 1);
    }
    this.emit('error', start + 1);
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
function isExprWordChar(text: string, p: number, start: number): boolean {
  const c = text.charCodeAt(p);
  if (isAlnum(c) || c === 95 || c === 58 || (c === 42 && p === start)) return true;
  const next = p + 1 < text.length ? text.charCodeAt(p + 1) : -1;
  if (p === start || !isAlnum(next)) return false;
  const soFar = text.slice(start, p);
  if (c === 46)
    return /^[0-9A-Za-z_:]/.test(soFar) && !/^[0-9]+$/.test(soFar) ? true : /^[0-9.]+$/.test(soFar);
  if (c === 45)
    return /[A-Za-z.]/.test(soFar) && !/^[A-Za-z_]+$/.test(soFar)
      ? true
      : /^[A-Za-z][A-Za-z0-9-]*$/.test(soFar);
  if (c === 47) return /[.:]/.test(soFar) && isDigit(next);
  return false;
}

const TIME_RE = /^(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?(\d+us)?(\d+ns)?$/;

/** Classifies a bare word the way RouterOS would read it as a value. */
export function classifyWord(text: string): LiteralType {
  // Fast path for the common case, names like `blocklist` or `forward`: a word that starts with a letter
  // and has no ':' cannot be a number, id, address, MAC, range or time.
  const c0 = text.charCodeAt(0) | 32;
  if (c0 >= 97 && c0 <= 122 && text.indexOf(':') < 0) {
    return text === 'true' || text === 'false' || text === 'yes' || text === 'no' ? 'bool' : 'word';
  }
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

function controlParts(cmd: CommandNode): ControlParts {
  const parts: ControlParts = {};
  const positional: Expression[] = [];
  for (const a of cmd.args) {
    if (a.kind === 'positionalArg') positional.push(a.value);
    else if (a.kind === 'namedArg' && a.value) {
      const field = CONTROL_ARG_FIELDS.get(a.name);
      if (field) parts[field] = a.value;
    }
  }
  const first = positional[0];
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
