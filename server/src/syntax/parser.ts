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
  VariableNode,
} from './ast';
import type { ParseOptions } from './command-oracle';
import {
  CODE_ARGS,
  firstWord,
  GLOBAL_COMMANDS,
  GLOBAL_INFO,
  mayBeCodeArg,
  MENU_SHADOWED,
  MENU_VERBS,
  type GlobalInfo,
} from './global-commands';
import {
  argAt,
  AtomArgStore,
  LITERAL_TYPE_INDEX,
  LITERAL_TYPES,
  MAX_ATOM_LENGTH,
  MenuCommand,
  MenuPath,
  PathName,
  PLAIN_STRING_T,
  ValuedNamedArg,
  WordLiteral,
  type SourceText,
} from './nodes';
import {
  decodeStringContent,
  EscapedStringLiteral,
  isVarNameChar,
  PlainStringLiteral,
  scanString,
} from './strings';
import {
  ArrayExpr,
  ArrayItemNode,
  BinaryExpr,
  CallCommand,
  CodeExpr,
  ControlCommand,
  GlobalCommand,
  ParenExpr,
  SubstitutionExpr,
  UnaryExpr,
  ValueArrayItem,
  ValuePositionalArg,
  VariableRef,
} from './script-nodes';
import { makeParseResult, TK, TokenStore, type ParseResult } from './tokens';
import { StatementTrace, type ResumedParse, type ResumeFrom, type TopLevelTrace } from './trace';
import {
  Ch,
  classifyWord,
  isArgNameChar,
  isBadArgStart,
  isCmdChar,
  isDigit,
  isExprWordChar,
  isLower,
  isNewline,
  isSpace,
  VALUE_STOP_CODE,
} from './words';

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
 *   on its own parses (RouterOS reports `bad command name` only when run). So does `/system/routerboard/print`
 *   on the corpus router (x86 has no `routerboard`): a board-only menu parses only where the oracle knows it.
 *   An absolute line of bare words whose word the oracle does not know (`/system routerbaord settings`) is
 *   read as a menu line into a menu the tree lacks, so the lines after it are never checked against the
 *   menu before it (the router that runs it may have that menu: a board, a package, a newer version).
 * - Any value can be called: `[...]` or `(...)` followed (after white space) by arguments is a call of the
 *   value it yields (the IL calls any value with `<%%`: `[[:parse "..."]]` is `(<%% (evl /parsevalue=...))`).
 *   Without white space, `[0-9]{1,3}` fails at the `{`.
 * - A word naming an argument of a global command takes the next value as that argument: `} else {` is
 *   `else=` in the IL. The first word of `:local`/`:set`/`:for`... is the variable name; a word the command
 *   has no argument for is an unnamed value (`for addr in "8.8.8.8"` fails at `in`: `:for` has no `in`).
 * - `where` starts a query only in a menu command: `[:find where name="x"]` fails at the `=` (`:find` has
 *   no argument `name`), so there `where` is an ordinary word.
 * - An argument may not start with `:` (`name: value` fails there), except an IPv6 address `::1`.
 * - RouterOS stops at the first error; we report the first error of each statement and read on.
 */

/** Deepest bracket (or unary operator) nesting parsed; see Parser.tooDeep. */
const MAX_NESTING = 256;

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
 * `s` as one flat string. A decoded string with escapes is built by concatenation, which V8 keeps as a tree
 * of pieces (four per string on average in real scripts, 32 bytes each plus the pieces) until something
 * reads it by index; the tree keeps the value for as long as the tree lives, so it is flattened once here.
 * Slicing a concatenation flattens it; the slice of a long string shares the flat copy, a short one is
 * copied, and the pieces become garbage.
 */
function flat(s: string): string {
  return (' ' + s).slice(1);
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

/** The top-level scope before anything is declared (the parser makes scope Sets only when needed). */
const NO_NAMES: ReadonlySet<string> = new Set();
/** What args() gives for a command without argument nodes (none, or kept in the AtomArgStore). */
const NO_ARGS: readonly ArgNode[] = Object.freeze([]);

export function parseScript(text: string, options: ParseOptions = {}): ParseResult {
  return new Parser(text, options).parseAll();
}

/**
 * The opener offset named in the message of an unclosed-bracket error, so that an incremental re-parse
 * that moves the error can also correct its message (incremental.ts). A WeakMap keyed by per-parse errors
 * despite the memoOn rule (syntax/index.ts): one entry per unclosed bracket, holding a number, so it keeps
 * nothing of the parse alive.
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
  /** Error-severity syntax errors reported so far (see error()). */
  private errorsSeen = 0;
  /** errorsSeen when the innermost statement being parsed began: it may report while they are equal. */
  private statementMark = 0;
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
    this.tokenStore = new TokenStore(Math.max(64, (resume?.expectChars ?? this.n - this.pos) >> 2), this.pos);
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

  /**
   * Reports a syntax error, unless the statement being parsed already has one: one cause, one error. What
   * follows a first error is read by recovery and reading it gives knock-ons, not findings (one false cause
   * once gave 80 "expected closing bracket" errors). Returns the error when it was reported.
   */
  private error(
    code: string,
    message: string,
    start: number,
    end: number,
    severity?: SyntaxError['severity'],
  ): SyntaxError | undefined {
    // Callers compute ends like max(pos + 1, lineEnd()), which is one past the text at its very end.
    if (end > this.n) end = this.n;
    if (start > end) start = end;
    return this.report(severity ? { code, message, start, end, severity } : { code, message, start, end });
  }

  private report(e: SyntaxError): SyntaxError | undefined {
    if (this.errorsSeen > this.statementMark) return undefined;
    if (e.severity === undefined || e.severity === 'error') this.errorsSeen++;
    this.errors.push(e);
    return e;
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

  /**
   * Recovery after an error: consumes the rest of the command as one error token. The command ends where
   * a newline or `;` stands outside brackets and strings, or at a closer with no opener in the skipped
   * text (it belongs to an enclosing bracket, which is then still closed). Brackets opened in the skipped
   * text are skipped whole, across lines, so that their content and their closer cause no further errors.
   */
  private skipRestOfCommand(): void {
    const text = this.text;
    let depth = 0;
    let p = this.pos;
    while (p < this.n) {
      const c = text.charCodeAt(p);
      if (c === 92) {
        // An escaped character or a continuation (`\` CR LF is one too).
        p += text.charCodeAt(p + 1) === Ch.CR && text.charCodeAt(p + 2) === Ch.LF ? 3 : 2;
        continue;
      }
      if (c === 34) {
        p = scanString(text, p).end;
        continue;
      }
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (c === 41 || c === 93 || c === 125) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (c === 59 || isNewline(c))) break;
      p++;
    }
    this.emit(TK.Error, p);
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
    const outerMark = this.statementMark;
    for (;;) {
      this.steps++;
      const before = this.pos;
      this.statementMark = this.errorsSeen;
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
    this.statementMark = outerMark;
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
    this.skipRestOfCommand();
  }

  private statement(): Statement {
    const c = this.code();
    const s = this.ch();
    if (s === '{') return this.blockStatement();
    if (s === '[' || s === '(') return this.expressionStatement();
    if (s === '$') return this.callStatement();
    if (s === ':') return this.globalCommand();
    if (s === '/' || isCmdChar(c)) return this.pathCommand();
    const start = this.pos;
    this.error('RSC1004', 'expected command name', start, Math.max(start + 1, this.lineEnd()));
    this.skipRestOfCommand();
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
    const e = this.error('RSC1003', `expected ${what} (opened at offset ${openAt})`, this.pos, this.pos);
    if (e) openerOffsets.set(e, openAt);
  }

  /**
   * `[...]` or `(...)` as a statement. Followed by arguments, it is a call of the value it yields, as
   * `$f x` calls `$f`: `($Fns->"hello") "world" prefix=x`, `[:parse ":return \$T"] T="hi"` (the IL calls
   * any value with `<%%`). The parse accepts any value there; a value that is no function fails when run.
   */
  private expressionStatement(): Statement {
    const start = this.pos;
    const expression = this.value('statement', undefined);
    const end = this.pos;
    // As after a command word, white space separates the arguments from what is called: `[0-9]{1,3}`
    // (a regular expression pasted as a script) fails at the `{` in RouterOS.
    const spaced = this.skipSpace();
    const c = this.ch();
    if (!spaced || this.atCommandEnd() || c === '#' || c === ']' || c === '}' || c === ')') {
      return { kind: 'exprStatement', start, end, expression };
    }
    // The menu is shared, never mutated: the parser replaces this.menu instead of changing it in place.
    const cmd = new CallCommand(start, end, '$', end, this.menu, expression);
    this.args(cmd, undefined);
    cmd.end = this.pos;
    return cmd;
  }

  private callStatement(): CommandNode {
    const start = this.pos;
    const callee = this.variable();
    // `$f` as written, interned, when it is (a call's name was a new string per call).
    const name =
      callee.kind !== 'variable'
        ? '$'
        : callee instanceof VariableRef && callee.end === this.pos && callee.start === start
          ? this.name(start, this.pos)
          : '$' + callee.name;
    // The menu is shared, never mutated: the parser replaces this.menu instead of changing it in place.
    const cmd = new CallCommand(
      start,
      this.pos,
      name,
      this.pos,
      this.menu,
      callee.kind === 'variable' ? callee : undefined,
    );
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
      this.skipRestOfCommand();
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

  /**
   * True when only bare words follow `at` up to the end of the command (`/system routerbaord settings`):
   * the shape of a menu line. An absolute path whose unknown word has that shape is read as a menu the
   * command tree lacks (a board, a package or a newer version may have it), so the lines after it are
   * never checked against the menu before it. With `=`, a value or a `/` it stays the unknown command
   * RouterOS runs (and reports as "bad command name").
   */
  private onlyWordsFollow(at: number): boolean {
    let p = at;
    for (;;) {
      while (p < this.n && (isSpace(this.code(p)) || this.atContinuation(p))) {
        p += this.atContinuation(p) ? 2 : 1;
        if (this.code(p - 1) === Ch.CR && this.code(p) === Ch.LF) p++;
      }
      const c = this.code(p);
      if (c < 0 || isNewline(c) || c === 59 || c === 125) return true;
      if (!isCmdChar(c)) return false;
      while (p < this.n && isCmdChar(this.code(p))) p++;
      const next = this.code(p);
      if (!(
        next < 0 ||
        isSpace(next) ||
        isNewline(next) ||
        next === 59 ||
        next === 125 ||
        this.atContinuation(p)
      ))
        return false;
    }
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
        this.skipRestOfCommand();
        return { kind: 'error', start, end: this.pos, message: 'expected command name' };
      }
      const wStart = this.pos;
      let p = this.pos;
      while (p < this.n && isCmdChar(this.code(p))) p++;
      const word = this.name(wStart, p);
      if (word === '..') {
        this.emit(TK.Punct, p);
        (segments ??= []).push(new PathName(wStart, word));
        menu = menu.slice(0, -1);
      } else {
        const kind = this.oracle(menu, word);
        const isMenu =
          kind === undefined
            ? this.looksLikeMenu(word, p, menu, segments === undefined && !absolute)
            : kind === 'menu' || (kind === 'unknown' && absolute && this.onlyWordsFollow(p));
        if (!isMenu) {
          this.emit(TK.Word, p);
          const path: PathNode | undefined =
            segments !== undefined || absolute ? new MenuPath(start, wStart, absolute, segments) : undefined;
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
        (segments ??= []).push(new PathName(wStart, word));
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
        const path: PathNode = new MenuPath(start, this.pos, absolute, segments);
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
        this.skipRestOfCommand();
        return { kind: 'error', start, end: this.pos, message: 'expected command name' };
      }
      if (next === 47) this.emit(TK.Punct, this.pos + 1);
    }
    // A menu-only line: it changes the current menu of the enclosing block.
    const path: PathNode = new MenuPath(start, this.pos, absolute, segments);
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
    } else {
      // A control command's `control` is derived from its arguments on each read (ControlCommand).
      const Cls = GLOBAL_INFO.get(name)?.control ? ControlCommand : GlobalCommand;
      // Its name starts where it does (GlobalCommand.nameStart): a global command has no path.
      cmd = new Cls(start, end, name, nameEnd, menu, args, path, unknown, undefined);
    }
    // The command word must be followed by white space or the end of the command (`name:`, `a@b` fail).
    const c = this.ch();
    if (c !== '' && !isSpace(this.code()) && !this.atContinuation() && !this.atCommandEnd() && c !== '#') {
      if (!(c === ']' || c === '}' || c === ')')) {
        this.error('RSC1004', `syntax error: unexpected '${c}' after command name`, this.pos, this.pos + 1);
        this.skipRestOfCommand();
        cmd.end = this.pos;
        return cmd;
      }
    }
    const info = isGlobal ? GLOBAL_INFO.get(name) : undefined;
    const argNodes = this.args(cmd, info);
    cmd.end = this.pos;
    if (isGlobal) this.globalSemantics(cmd, info, argNodes);
    return cmd;
  }

  // ---- arguments ---------------------------------------------------------------------------------------

  /** Reads the arguments into the command; gives them (the array `cmd.args` was set to, none when stored). */
  private args(cmd: CommandNode, info: GlobalInfo | undefined): readonly ArgNode[] {
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
      return NO_ARGS;
    }
    const stack = this.argStack;
    let all = at >= 0;
    for (let i = base; all && i < top; i++) all = typeof stack[i] === 'number';
    // Stored only when the entries follow the count slot in order (a command nested in an argument
    // would have put its own in between, but then that argument is no atom and `all` is false).
    if (all && stack[base] === argAt(at, 0) && stack[top - 1] === argAt(at, top - base - 1)) {
      atoms.ints[at] = top - base;
      (cmd as MenuCommand).storeArgs(atoms, at);
      return NO_ARGS;
    }
    const out = new Array<ArgNode>(top - base);
    for (let i = base; i < top; i++) {
      const a = stack[i];
      out[i - base] = typeof a === 'number' ? atoms.node(a, cmd.start) : a;
    }
    cmd.args = out;
    return out;
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
        this.skipRestOfCommand();
        return;
      }
      if (isBadArgStart(this.code()) && !this.atIpv6Start()) {
        this.error('RSC1004', `syntax error: unexpected '${c}'`, this.pos, this.pos + 1);
        this.skipRestOfCommand();
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
        this.skipRestOfCommand();
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
    // A word naming an argument of a global command takes the next value as that argument, without `=`:
    // `} else {`, `:foreach x in $list do={}`, `:for i from 1 to 3 do={}`, `:do {} while (c)`, `:do {}
    // on-error {}` (the IL shows `else=`, `in=`). Not the variable name that `:local`, `:set`, `:for`...
    // take first (`:set value 5`), and not a name the command lacks: bash's `for x in a b` stays an error
    // at `in`.
    if (
      p > start &&
      info !== undefined &&
      info.spec !== undefined &&
      info.spec.named.has(this.text.slice(start, p)) &&
      !(positional === 0 && (info.declaring || cmd.name === 'set')) &&
      (isSpace(this.code(p)) || this.atContinuation(p))
    ) {
      const name = this.name(start, p);
      const nameEnd = p;
      this.emit(TK.Word, p);
      this.skipSpace();
      const c = this.ch();
      if (
        this.atCommandEnd() ||
        c === '#' ||
        c === ']' ||
        c === '}' ||
        c === ')' ||
        isBadArgStart(this.code())
      ) {
        // Nothing follows: the word is an unnamed value after all (`:put do`).
        return new ValuePositionalArg(this.word(start, nameEnd));
      }
      const ctx: ValueContext =
        CODE_ARGS.has(name) || (name === 'in' && cmd.name === 'onerror') ? 'code' : 'arg';
      const value = this.value(ctx, cmd);
      return new ValuedNamedArg(start, this.pos, name, value);
    }
    if (
      p - start === 5 &&
      this.text.startsWith('where', start) &&
      !isArgNameChar(this.code(p)) &&
      // `where` starts a query only in a menu command (`print where`, `find where`); elsewhere
      // (`:local where ""`, `:find where`) it is a word like any other.
      cmd instanceof MenuCommand
    ) {
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
    return value.start === start && value.end === this.pos
      ? new ValuePositionalArg(value)
      : { kind: 'positionalArg', start, end: this.pos, value };
  }

  /**
   * True at `::` that starts an IPv6 address (`::1`, `::ffff:10.0.0.1`, `::/0`, `::`): an argument may not
   * start with `:`, but an address that begins with its zero groups is a value (`:local One ::1`).
   */
  private atIpv6Start(): boolean {
    if (this.code() !== 58 || this.code(this.pos + 1) !== 58) return false;
    const c = this.code(this.pos + 2);
    return (
      c < 0 ||
      isDigit(c) ||
      (c >= 97 && c <= 102) ||
      (c >= 65 && c <= 70) ||
      c === 47 ||
      isSpace(c) ||
      isNewline(c) ||
      c === 59 ||
      c === 93 ||
      c === 125 ||
      c === 41
    );
  }

  /** Declarations and `:set` checks for global commands, plus the structured parts of control commands. */
  /** True when `name` is declared in an open block. */
  private declared(name: string): boolean {
    for (const s of this.scopes) if (s !== undefined && s.has(name)) return true;
    return false;
  }

  /** `args`: the command's arguments (what `cmd.args` gives, without making a new array). */
  private globalSemantics(cmd: CommandNode, info: GlobalInfo | undefined, args: readonly ArgNode[]): void {
    const spec = info?.spec;
    if (spec) {
      let positional = 0;
      for (const a of args) {
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
      const w = firstWord(args);
      if (w && /^[A-Za-z0-9_]/.test(w.text) && !this.declared(w.text)) {
        this.error(
          'RSC1005',
          `syntax error: variable "${w.text}" is not declared; declare it with :local or :global before :set`,
          w.start,
          w.end,
        );
      }
    }
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
    return new WordLiteral(start, type, text);
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
      // Closed and plain: one object is the literal and its decoded form (PlainStringLiteral). Its text is
      // interned: scripts repeat the same short strings (`"ok"`, `($R->"fail")`) on every few lines.
      this.emit(TK.String, q + 1);
      return new PlainStringLiteral(start, this.name(start, q + 1));
    }
    const scanned = scanString(text, start);
    const end = scanned.end;
    const closed = scanned.closed;
    const decoded = decodeStringContent(text.slice(start + 1, closed ? end - 1 : end), start + 1);
    this.emit(TK.String, end);
    if (!closed) this.error('RSC1001', 'unterminated string: expected closing quote (")', start, end);
    const errs = decoded.errors;
    for (let k = 0; k < errs.length; k++) this.report({ ...errs[k] });
    if (closed && errs.length === 0)
      return new EscapedStringLiteral(start, end, this.source, flat(decoded.value), decoded.hasInterpolation);
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
    return new VariableRef(start, this.name(start + 1, p));
  }

  private substitution(): SubstitutionNode {
    const start = this.pos;
    const { statements, closed } = this.braced(']', false);
    return new SubstitutionExpr(start, this.pos, statements, closed);
  }

  private codeValue(): CodeNode {
    const start = this.pos;
    const { statements, closed } = this.braced('}', true);
    return new CodeExpr(start, this.pos, statements, closed);
  }

  /** `{a;b}`, `{k=v;k2=v2}`: items are argument-style values separated by `;` or white space. */
  private arrayValue(): ArrayNode {
    const start = this.pos;
    if (this.tooDeep()) return new ArrayExpr(start, this.pos, [], false);
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
        key = new WordLiteral(this.pos, 'word', this.name(this.pos, p));
        this.emit(TK.Word, p);
        this.emit(TK.Operator, p + 1);
      } else if (c === '"') {
        const { end } = scanString(this.text, this.pos);
        if (this.ch(end) === '=') {
          key = this.stringLiteral();
          this.emit(TK.Operator, this.pos + 1);
        }
      }
      const v = this.ch();
      const value =
        v !== '' && v !== ';' && v !== '}' && !isSpace(this.code()) && !isNewline(this.code())
          ? this.value('arg', undefined)
          : undefined;
      items.push(
        !key && value && value.start === itemStart && value.end === this.pos
          ? new ValueArrayItem(value)
          : new ArrayItemNode(itemStart, this.pos, key, value),
      );
      if (this.pos === before) this.emit(TK.Error, this.pos + 1);
    }
    this.open.pop();
    const closed = this.ch() === '}';
    if (closed) this.emit(TK.Punct, this.pos + 1);
    else this.reportUnclosed('}', openAt);
    // Exact size: pushing onto a fresh array reserved room for 16 items.
    return new ArrayExpr(start, this.pos, items.length === 0 ? items : items.slice(), closed);
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
    return new ParenExpr(start, this.pos, closed, expression);
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
        left = BinaryExpr.make(this.pos, op.op, opStart, left, right);
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
      left = BinaryExpr.make(this.pos, ' ', right.start, left, right);
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
      return new UnaryExpr(start, this.pos, isNot ? 'not' : c, operand);
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
