// "One cause, one error": where a statement has a syntax error, the parser reads the rest of that
// statement by recovery, so a rule's finding there is a knock-on of the error, not a finding of its own.
// This finds, once per parse, each statement that holds an error-severity syntax error and where that
// error starts, and answers "is this offset in the broken part of a statement?".
import { childrenOf, memoOn, type Node, type ParseResult, type Statement } from '../../syntax';

export interface BrokenStatement {
  /** The innermost statement that holds the error. */
  statement: Node;
  /** Where its first error-severity syntax error starts. */
  errorStart: number;
}

export interface BrokenStatements {
  readonly list: readonly BrokenStatement[];
  /** True when `offset` lies from a statement's first syntax error to that statement's end. */
  covers(offset: number): boolean;
}

const SLOT = Symbol('brokenStatements');

export function brokenStatements(parse: ParseResult): BrokenStatements {
  return memoOn(parse, SLOT, compute);
}

const NO_BROKEN: BrokenStatements = { list: [], covers: () => false };

function compute(parse: ParseResult): BrokenStatements {
  const list: BrokenStatement[] = [];
  for (const e of parse.errors) {
    if (e.severity !== undefined && e.severity !== 'error') continue;
    const statement = innermostStatement(parse.root.statements, e.start);
    if (statement) list.push({ statement, errorStart: e.start });
  }
  if (list.length === 0) return NO_BROKEN;
  list.sort((a, b) => a.errorStart - b.errorStart);
  // The broken parts as disjoint sorted ranges (an outer statement's part may hold an inner one's).
  const ranges = new BrokenRanges();
  ranges.add(list);
  return { list, covers: (offset) => ranges.covers(offset) };
}

/**
 * The broken parts of statements as disjoint sorted ranges, from one parse's list or from the lists of a
 * script's windows in order (lint/windowed.ts: a statement, and so its broken part, lies in one window).
 */
export class BrokenRanges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Adds the broken statements of the next window (or of the whole parse), sorted by errorStart. */
  add(list: readonly BrokenStatement[]): void {
    const { starts, ends } = this;
    for (const b of list) {
      const last = ends.length - 1;
      if (last >= 0 && b.errorStart <= ends[last]) ends[last] = Math.max(ends[last], b.statement.end);
      else {
        starts.push(b.errorStart);
        ends.push(b.statement.end);
      }
    }
  }

  /** True when `offset` lies from a statement's first syntax error to that statement's end. */
  covers(offset: number): boolean {
    const { starts, ends } = this;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (offset < starts[mid]) hi = mid - 1;
      else if (offset > ends[mid]) lo = mid + 1;
      else return true;
    }
    return false;
  }
}

/** The statement of `statements` (sorted, disjoint) whose range holds `offset`, by binary search. */
function statementAt(statements: readonly Statement[], offset: number): Statement | undefined {
  let lo = 0;
  let hi = statements.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = statements[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** The innermost statement holding `offset`: statement lists are searched by halves, other nodes in order. */
function innermostStatement(top: readonly Statement[], offset: number): Node | undefined {
  let found: Node | undefined = statementAt(top, offset);
  let cur: Node | undefined = found;
  while (cur) {
    if (cur.kind === 'code' || cur.kind === 'substitution' || cur.kind === 'block') {
      const inner = statementAt(cur.statements, offset);
      if (!inner) return found;
      found = cur = inner;
      continue;
    }
    cur = childrenOf(cur).find((c) => c.start <= offset && offset <= c.end);
  }
  return found;
}
