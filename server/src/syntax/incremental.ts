// Incremental re-parsing for the editor: after an edit, only the top-level statements the edit can touch
// are parsed again; the statements before them are kept, and those after them are kept and moved by the
// length difference. The result is the same tree, tokens and errors a full parse of the new text gives
// (incremental.test.ts checks that on thousands of random edits), at a cost that grows with the size of
// the edited statements rather than of the file.
import type { Expression, Node, PathSegment, Statement, SyntaxError } from './ast';
import type { ParseOptions } from './command-oracle';
import { AtomNamedArg, MenuCommand, PathName, ValuedNamedArg, WordLiteral } from './nodes';
import {
  BinaryExpr,
  CallCommand,
  GlobalCommand,
  ValueArrayItem,
  ValuePositionalArg,
  VariableRef,
  WideBinaryExpr,
} from './script-nodes';
import { openerOffsets, parseScript, resumeParse } from './parser';
import { makeParseResult, TokenStore, type ParseResult } from './tokens';
import { StatementTrace, type TopLevelTrace } from './trace';
import { moveDecodedString, PlainStringLiteral } from './strings';
import { commonPrefix, commonSuffix } from './text-diff';

/** How much of the text an incremental parse re-read; for tests and the server's log. */
export interface ReparseStats {
  /** False when the whole text was parsed again (no usable previous parse, or nothing could be kept). */
  incremental: boolean;
  /** Characters parsed again. */
  reparsed: number;
}

/**
 * Parses `newText`, reusing `old` (the parse of `oldText` with the same options) where the edit cannot
 * have changed anything. `old` must not be used afterwards: its nodes may now belong to the new tree, at
 * new offsets. Never throws; falls back to a full parse whenever reuse is not certain to be exact.
 */
export function reparse(
  old: ParseResult,
  oldText: string,
  newText: string,
  options: ParseOptions = {},
  stats?: ReparseStats,
): ParseResult {
  return reparseFrom(old, oldText, newText, options, stats, true);
}

/**
 * `keepFallback`: false when `old` is a fallback being resumed from (below). Its result gets no fallback
 * of its own then: kept, the same fallback would serve every later edit after it, and each of them (typing
 * on after a lone `"`, say) would re-parse from the quote to the end of the file, where resuming from the
 * newest parse re-reads only the edited statement.
 */
function reparseFrom(
  old: ParseResult,
  oldText: string,
  newText: string,
  options: ParseOptions,
  stats: ReparseStats | undefined,
  keepFallback: boolean,
): ParseResult {
  const trace = old.trace;
  // `old` re-parsed everything after its edit and reused nothing (an opened string or bracket took in the
  // rest of the file): the parse it was resumed from still holds the rest as it was. Resuming from that
  // parse instead converges as soon as the text does again (the string is closed, the edit undone).
  // Only for an edit at or after where `old` started re-parsing: an edit before it is re-parsed best from
  // `old` itself, which stops right after it. (A fallback never has one of its own: a parse with one is
  // never resumed from itself.)
  // When the text since the fallback still looks unbalanced (typing on after a lone `"`), resuming from
  // `old` re-reads only the edited statement; the fallback is then carried on to the result, intact (the
  // edit is after where it differs from `old`, so none of its statements is moved or taken).
  const fb = trace?.fallback;
  let carried: typeof fb;
  if (
    fb !== undefined &&
    fb.trace.fallback === undefined &&
    commonPrefix(oldText, newText, Math.min(oldText.length, newText.length)) >= fb.from
  ) {
    if (balancedChange(fb.text, newText)) {
      old.trace = undefined;
      fb.parse.trace = fb.trace;
      return reparseFrom(fb.parse, fb.text, newText, options, stats, false);
    }
    carried = fb;
  }
  const full = (): ParseResult => {
    if (stats) {
      stats.incremental = false;
      stats.reparsed = newText.length;
    }
    return parseScript(newText, options);
  };
  if (!trace || !trace.store.contiguous || trace.statements.length !== old.root.statements.length)
    return full();
  // A result is resumed from once: the statements reused below move to their new offsets.
  old.trace = undefined;
  // Its own fallback (not taken above) is dropped, so a fallback never holds a chain of older parses.
  trace.fallback = undefined;

  // The changed region: [from, oldText.length - tail) of the old text became [from, newTo) of the new.
  const limit = Math.min(oldText.length, newText.length);
  const from = commonPrefix(oldText, newText, limit);
  const tail = commonSuffix(oldText, newText, limit - from);
  const newTo = newText.length - tail;
  const delta = newText.length - oldText.length;

  // Keep the statements that ended (with the rest of their line) before the line the edit starts on: a
  // statement's parse looks ahead at most to the end of its own line (continuations included, and those
  // are inside it).
  let lineStart = from;
  while (lineStart > 0) {
    const c = oldText.charCodeAt(lineStart - 1);
    if (c === 10 || c === 13) break;
    lineStart--;
  }
  const stmts = old.root.statements;
  const st = trace.statements;
  let keep = 0; // statements [0, keep) are kept as they are
  {
    let lo = 0;
    let hi = st.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (st.resumePoint(mid) < lineStart) lo = mid + 1;
      else hi = mid;
    }
    keep = lo;
  }
  const resumeAt = keep > 0 ? st.resumePoint(keep - 1) : 0;
  const scopeSizeAtResume = keep > 0 ? st.scopeSize(keep - 1) : 0;
  const oldScope = [...trace.scope];
  const scope = new Set(oldScope.slice(0, scopeSizeAtResume));

  // The first old statement that may be reused after the edit, and the state the parse must be in there.
  let next = keep;
  const stopAt = (pos: number, menu: string[], newScope: ReadonlySet<string>): boolean => {
    if (pos < newTo) return false;
    const oldPos = pos - delta;
    while (next < stmts.length && stmts[next].start < oldPos) next++;
    if (next >= stmts.length || stmts[next].start !== oldPos) return false;
    if (menu !== (next > 0 ? st.menu(next - 1) : trace.rootMenu)) return false;
    const size = next > 0 ? st.scopeSize(next - 1) : 0;
    if (newScope.size !== size) return false;
    // Same size; same names in the same order from the resume point on (the part before is shared).
    let i = 0;
    for (const name of newScope) {
      if (i >= scopeSizeAtResume && oldScope[i] !== name) return false;
      i++;
    }
    return true;
  };
  const resumed = resumeParse(newText, options, {
    pos: resumeAt,
    menu: keep > 0 ? st.menu(keep - 1) : trace.rootMenu,
    scope,
    rootMenu: trace.rootMenu,
    menuChildren: trace.menuChildren,
    source: trace.source,
    stopAt,
  });
  const stopped = resumed.stoppedAt;
  const reuseFrom = stopped === undefined ? stmts.length : next;
  const oldStop = stopped === undefined ? oldText.length : stopped - delta;

  // Tokens: the old ones before the resume point, the new ones, the old ones after the stop (moved).
  const oldStore = trace.store;
  const tokenAtResume = oldStore.indexStartingAt(resumeAt);
  const tokenAtStop = stopped === undefined ? oldStore.size : oldStore.indexStartingAt(oldStop);
  if (tokenAtResume < 0 || tokenAtStop < 0 || !resumed.trace.store.contiguous) return full();
  const store = new TokenStore(oldStore.size + resumed.trace.store.size - (tokenAtStop - tokenAtResume));
  store.appendRange(oldStore, 0, tokenAtResume, 0);
  store.appendRange(resumed.trace.store, 0, resumed.trace.store.size, 0);
  store.appendRange(oldStore, tokenAtStop, oldStore.size, delta);

  // Errors, in report order: those of the kept statements, the new ones, those of the reused statements.
  const t = resumed.trace;
  const errorsBefore = keep > 0 ? st.errorCount(keep - 1) : 0;
  const errorsAtStop = reuseFrom > 0 ? st.errorCount(reuseFrom - 1) : 0;
  const errors: SyntaxError[] = old.errors.slice(0, errorsBefore);
  for (const e of resumed.errors) errors.push(e);
  if (stopped !== undefined)
    for (let i = errorsAtStop; i < old.errors.length; i++) errors.push(shifted(old.errors[i], delta));
  const errorShift = errorsBefore + resumed.errors.length - errorsAtStop;

  const moved = stmts.slice(reuseFrom);
  if (delta !== 0) for (const s of moved) shiftNode(s, delta);
  const statements = stmts.slice(0, keep);
  for (const s of resumed.statements) statements.push(s);
  for (const s of moved) statements.push(s);

  const scopeAll = new Set(t.scope);
  if (stopped !== undefined) for (let i = t.scope.size; i < oldScope.length; i++) scopeAll.add(oldScope[i]);
  const statementTrace = new StatementTrace();
  statementTrace.appendFrom(st, 0, keep, 0, 0);
  statementTrace.appendFrom(t.statements, 0, t.statements.length, 0, errorsBefore);
  statementTrace.appendFrom(st, reuseFrom, st.length, delta, errorShift);
  const newTrace: TopLevelTrace = {
    statements: statementTrace,
    scope: scopeAll,
    rootMenu: trace.rootMenu,
    menuChildren: trace.menuChildren,
    source: trace.source,
    store,
  };
  // Nothing after the edit was reused, so `old` is intact (its statements after the edit were neither
  // moved nor taken): the next re-parse may start from it again (see the top of this function).
  // A carried fallback stays the better base (the text before the string or bracket was opened).
  if (carried !== undefined) newTrace.fallback = carried;
  else if (keepFallback && stopped === undefined && keep < stmts.length)
    newTrace.fallback = { parse: old, trace, text: oldText, from: resumeAt };
  if (stats) {
    stats.incremental = true;
    stats.reparsed = (stopped ?? newText.length) - resumeAt;
  }
  return makeParseResult(
    { kind: 'script', start: 0, end: newText.length, statements },
    errors,
    resumed.steps,
    newTrace,
  );
}

/**
 * Whether the region where `a` and `b` differ holds, on both sides, the same parity of unescaped quotes and
 * the same balance of each kind of bracket: then what follows it is likely read alike in both (an edit
 * undone, a string closed again), and resuming from the parse of `a` converges right after the region.
 * Only a choice of where to resume from: either choice gives the exact parse.
 */
function balancedChange(a: string, b: string): boolean {
  const limit = Math.min(a.length, b.length);
  const from = commonPrefix(a, b, limit);
  const tail = commonSuffix(a, b, limit - from);
  const sa = shapeOf(a, from, a.length - tail);
  const sb = shapeOf(b, from, b.length - tail);
  return sa.every((v, i) => v === sb[i]);
}

/** Quote parity and the balance of (), [] and {} in text[from, to), backslash escapes skipped. */
function shapeOf(text: string, from: number, to: number): number[] {
  let quotes = 0;
  let paren = 0;
  let bracket = 0;
  let brace = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \\ */) i++;
    else if (c === 34 /* " */) quotes ^= 1;
    else if (c === 40) paren++;
    else if (c === 41) paren--;
    else if (c === 91) bracket++;
    else if (c === 93) bracket--;
    else if (c === 123) brace++;
    else if (c === 125) brace--;
  }
  return [quotes, paren, bracket, brace];
}

function shifted(e: SyntaxError, delta: number): SyntaxError {
  const moved = { ...e, start: e.start + delta, end: e.end + delta };
  const opener = openerOffsets.get(e);
  if (opener !== undefined) {
    // "expected closing brace (opened at offset N)": N moves with the bracket.
    moved.message = e.message.replace(`offset ${opener})`, `offset ${opener + delta})`);
    openerOffsets.set(moved, opener + delta);
  }
  return moved;
}

function shiftSegments(segments: PathSegment[] | undefined, delta: number): void {
  if (!segments) return;
  for (const s of segments) {
    s.start += delta;
    if (!(s instanceof PathName)) s.end += delta; // a PathName's end follows its start
  }
}

/**
 * Moves every offset in a statement's subtree by `delta`, in place. Each object is reached once: the
 * control parts of `:if`/`:for` point at argument values already reached through the arguments, so only
 * their own loop-variable segments are moved here.
 */
function shiftNode(root: Statement, delta: number): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (n instanceof AtomNamedArg || n instanceof WordLiteral || n instanceof VariableRef) {
      // Their end (and an AtomNamedArg's name range and value) follow from `start`.
      n.start += delta;
      continue;
    }
    if (n instanceof PlainStringLiteral) {
      n.start += delta; // its end follows
      moveDecodedString(n, delta);
      continue;
    }
    if (n instanceof ValuePositionalArg || n instanceof ValueArrayItem) {
      // Its range is its value's.
      stack.push(n.value);
      continue;
    }
    if (n instanceof BinaryExpr) {
      // The operator's start and the end are relative to `start`, except in a WideBinaryExpr.
      n.start += delta;
      if (n instanceof WideBinaryExpr) n.moveOperator(delta);
      stack.push(n.left);
      if (n.right) stack.push(n.right);
      continue;
    }
    n.start += delta;
    n.end += delta;
    switch (n.kind) {
      case 'script':
      case 'substitution':
      case 'code':
        for (const s of n.statements) stack.push(s);
        break;
      case 'block':
        if (n.path) stack.push(n.path);
        for (const s of n.statements) stack.push(s);
        break;
      case 'menu':
        stack.push(n.path);
        break;
      case 'path':
        shiftSegments(n.segments, delta);
        break;
      case 'command':
        // A MenuCommand derives its name's end from nameStart; a GlobalCommand derives both from start,
        // except a CallCommand's name's end, which it keeps.
        if (n instanceof CallCommand) n.moveName(delta);
        else if (!(n instanceof GlobalCommand)) {
          n.nameStart += delta;
          if (!(n instanceof MenuCommand)) n.nameEnd += delta;
        }
        if (n.path) stack.push(n.path);
        if (n.callee) stack.push(n.callee);
        // Arguments kept in an AtomArgStore are relative to the command's start, moved above.
        if (!(n instanceof MenuCommand && n.argsStored)) for (const a of n.args) stack.push(a);
        if (n.control) shiftSegments(n.control.variables, delta);
        break;
      case 'namedArg':
        // A ValuedNamedArg derives its name range from `start`, moved above.
        if (!(n instanceof ValuedNamedArg)) {
          n.nameStart += delta;
          n.nameEnd += delta;
        }
        if (n.value) stack.push(n.value);
        break;
      case 'positionalArg':
        stack.push(n.value);
        break;
      case 'where':
        if (n.expression) stack.push(n.expression);
        break;
      case 'exprStatement':
        stack.push(n.expression);
        break;
      case 'literal':
        if (n.string) moveDecodedString(n.string, delta);
        break;
      case 'paren':
        if (n.expression) stack.push(n.expression);
        break;
      case 'unary':
        if (n.operand) stack.push(n.operand);
        break;
      case 'binary':
        n.operatorStart += delta;
        stack.push(n.left);
        if (n.right) stack.push(n.right);
        break;
      case 'array':
        for (const it of n.items) stack.push(it);
        break;
      case 'arrayItem':
        if (n.key) stack.push(n.key);
        if (n.value) stack.push(n.value);
        break;
      case 'concat':
        for (const p of n.parts as Expression[]) stack.push(p);
        break;
      default:
        break;
    }
  }
}
