// What the parser records after each top-level statement, so that incremental.ts can resume a parse
// before an edit and stop where the old parse's state is met again.
import type { Statement, SyntaxError } from './ast';
import type { SourceText } from './nodes';
import { TokenStore, withRoom, type ParseResult } from './tokens';

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
  /**
   * Set when this parse re-parsed everything after its edit and reused none of the old statements there:
   * that old parse (with its trace and text), intact, for the next re-parse to resume from instead
   * (incremental.ts), so typing a closing quote or undoing an opening bracket converges again.
   */
  fallback?: {
    parse: ParseResult;
    trace: TopLevelTrace;
    text: string;
    /** Where this parse started re-parsing (its text and the old one's are equal before it). */
    from: number;
  };
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
    const id = this.menuId(menu);
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
    if (to <= from) return;
    // Written column by column, with other's menu ids mapped to this table's once per menu (not a Map
    // lookup per statement: the moved statements are most of a big file on every keystroke).
    const n = to - from;
    if ((this.count + n) * 4 > this.cols.length)
      this.cols = withRoom(this.cols, this.count * 4, (this.count + n) * 4);
    const idOf: number[] = [];
    const src = other.cols;
    const dst = this.cols;
    let at = this.count * 4;
    for (let j = from * 4, end = to * 4; j < end; j += 4) {
      const otherId = src[j + 3];
      let id = idOf[otherId];
      if (id === undefined) id = idOf[otherId] = this.menuId(other.menuTable[otherId]);
      dst[at] = src[j] + shift;
      dst[at + 1] = src[j + 1] + errors;
      dst[at + 2] = src[j + 2];
      dst[at + 3] = id;
      at += 4;
    }
    this.count += n;
  }

  private menuId(menu: string[]): number {
    let id = this.menuIds.get(menu);
    if (id === undefined) {
      id = this.menuTable.length;
      this.menuTable.push(menu);
      this.menuIds.set(menu, id);
    }
    return id;
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
  /**
   * About how many characters the parse will read, when known (windows.ts): its token store is sized for
   * them instead of for the rest of the text.
   */
  expectChars?: number;
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
