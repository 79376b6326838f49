// RSC2005: `$name` read (or called) where no `:local`/`:global`/loop variable of that name is visible.
// RouterOS parses such a script and looks the name up when it runs, where it usually finds nothing, so
// this is a warning; the fix declares it with `:global name` before the command that uses it.
import { scopeModel, type Reference } from '../../analysis/scopes';
import {
  childrenOf,
  mentions,
  type Node,
  type ParseResult,
  type ScriptNode,
  type Statement,
} from '../../syntax';
import { brokenStatements } from '../support/broken-statements';
import type { Rule, RuleMeta, TextEdit } from '../types';

export const meta: RuleMeta = {
  code: 'RSC2005',
  name: 'undeclared-variable',
  severity: 'warning',
  fix: 'suggestion',
  description: 'A variable used where no :local, :global or loop variable of that name is visible.',
  readsScopeModel: true,
};

/**
 * Where `:global name` goes: before the innermost statement that holds the use and stands in a script,
 * block or code body (not inside `[...]`), on a line of its own with the same indentation when the
 * statement starts its line, else inline followed by `;`.
 */
function declareEdit(
  root: ScriptNode,
  text: string,
  eol: string,
  ref: Pick<Reference, 'start' | 'name'>,
  children: Map<Node, Node[]>,
): TextEdit | undefined {
  // The top-level statement holding the use, by binary search: findNodeAt from the root copies the list
  // of top-level statements, and `includes` on it scanned it, per use (quadratic on a 50,000-line file).
  const top = root.statements;
  let lo = 0;
  let hi = top.length - 1;
  let outer: Statement | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (top[mid].start > ref.start) hi = mid - 1;
    else if (top[mid].end < ref.start) lo = mid + 1;
    else {
      outer = top[mid];
      break;
    }
  }
  if (!outer) return undefined;
  const path: Node[] = [root, ...pathTo(outer, ref.start, children)];
  let stmt: Node | undefined;
  for (let i = path.length - 1; i > 0; i--) {
    const parent = path[i - 1];
    if (parent.kind === 'script' || parent.kind === 'block' || parent.kind === 'code') {
      if (parent === root ? path[i] === outer : (parent.statements as Node[]).includes(path[i])) {
        stmt = path[i];
        break;
      }
    }
  }
  if (!stmt) return undefined;
  // Back to the line start by hand: lastIndexOf('\r') on a file without one scanned to its beginning.
  let lineStart = stmt.start;
  while (lineStart > 0) {
    const c = text.charCodeAt(lineStart - 1);
    if (c === 10 || c === 13) break;
    lineStart--;
  }
  const indent = text.slice(lineStart, stmt.start);
  if (/^[ \t]*$/.test(indent)) {
    return { start: lineStart, end: lineStart, newText: `${indent}:global ${ref.name}${eol}` };
  }
  return { start: stmt.start, end: stmt.start, newText: `:global ${ref.name}; ` };
}

/**
 * findNodeAt(from, offset) with each node's children listed once per check (`children`) and searched by
 * bisection: a statement that swallowed the rest of a file (an unclosed bracket) can hold thousands of
 * arguments, which a menu command makes anew on every read, once per use of a variable.
 */
function pathTo(from: Node, offset: number, children: Map<Node, Node[]>): Node[] {
  const path: Node[] = [from];
  let cur = from;
  for (;;) {
    let kids = children.get(cur);
    if (!kids) children.set(cur, (kids = childrenOf(cur)));
    let lo = 0;
    let hi = kids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kids[mid].end < offset) lo = mid + 1;
      else hi = mid;
    }
    let next: Node | undefined = kids[lo] && kids[lo].start <= offset ? kids[lo] : undefined;
    // Children are in source order; should some not be, the plain search decides.
    if (!next || (lo > 0 && kids[lo - 1].end >= offset))
      next = kids.find((c) => c.start <= offset && offset <= c.end);
    if (!next) return path;
    path.push(next);
    cur = next;
  }
}

/** A name as written after `:global`: quoted when it is not a plain name. */
function quoteName(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `"${name.replace(/["\\$]/g, (c) => `\\${c}`)}"`;
}

/** `:local x`, `:global "x"`, `:foreach k,v`, `:for i`, `:onerror e` as written (the `:` is optional). */
const DECLARATION = /(?:^|[\s;{[(]):?(?:local|global|foreach|for|onerror)[ \t]+"?([A-Za-z0-9_.,]+)/g;

/**
 * The names a statement with a syntax error seems to declare, read from its text: the parser may have
 * lost the declaration (`:local x=5` is no declaration), and then every later `$x` would be reported.
 */
function declaredByBrokenStatements(parse: ParseResult, text: string): Set<string> {
  const names = new Set<string>();
  for (const b of brokenStatements(parse).list) {
    const source = text.slice(b.statement.start, b.statement.end);
    for (const m of source.matchAll(DECLARATION)) for (const n of m[1].split(',')) names.add(n);
  }
  return names;
}

/**
 * What check reads from the tree besides the scope model, gathered window by window by a lint that never
 * holds the whole tree (lint/windowed.ts): the names that broken statements seem to declare, and the fix
 * of each use still undeclared when its window was walked. Its status can only become `global-elsewhere`
 * later (a `:global` further down), which is reported with the same fix; a use found declared stays so.
 */
export class UndeclaredFromWindows {
  readonly maybeDeclared = new Set<string>();
  readonly edits = new Map<number, TextEdit | undefined>();
  private eol: string | undefined;
  private readonly children = new Map<Node, Node[]>();

  /** Reads the next window, whose walk made `references[from..to)` (DetachedScopeModel.add). */
  addWindow(
    window: ParseResult,
    text: string,
    references: readonly Reference[],
    from: number,
    to: number,
  ): void {
    for (const n of declaredByBrokenStatements(window, text)) this.maybeDeclared.add(n);
    for (let i = from; i < to; i++) {
      const r = references[i];
      if (r.kind === 'write' || r.status !== 'undeclared') continue;
      this.eol ??= text.includes('\r\n') ? '\r\n' : '\n';
      const shown = quoteName(r.name);
      this.edits.set(
        r.start,
        declareEdit(window.root, text, this.eol, { start: r.start, name: shown }, this.children),
      );
    }
    this.children.clear();
  }
}

const FROM_WINDOWS = Symbol('undeclared-variable from windows');

/** Makes check read `facts` instead of the tree of `parse` (a root of no statements, lint/windowed.ts). */
export function useWindowFacts(parse: ParseResult, facts: UndeclaredFromWindows): void {
  Object.defineProperty(parse, FROM_WINDOWS, { value: facts, configurable: true });
}

export const rule: Rule = {
  meta,
  check(ctx) {
    // Every read of a variable is written with `$`; a file without one (a big export) needs no model.
    if (!mentions(ctx.text, '$')) return;
    const model = scopeModel(ctx.parse.root);
    const fromWindows = (ctx.parse as ParseResult & { [FROM_WINDOWS]?: UndeclaredFromWindows })[FROM_WINDOWS];
    const maybeDeclared = fromWindows?.maybeDeclared ?? declaredByBrokenStatements(ctx.parse, ctx.text);
    const eol = ctx.text.includes('\r\n') ? '\r\n' : '\n'; // once: it scans the whole text
    const children = new Map<Node, Node[]>();
    for (const r of model.references) {
      // Its declaration may be in a statement the parser could not read: the syntax error is the cause.
      if (maybeDeclared.has(r.name)) continue;
      // `:set x` of an undeclared name is a syntax error RouterOS reports itself (RSC1005).
      if (r.kind === 'write') continue;
      if (r.status !== 'undeclared' && r.status !== 'global-elsewhere') continue;
      const shown = quoteName(r.name);
      const message =
        r.status === 'global-elsewhere'
          ? `\`$${r.name}\` is not declared in this scope: the file declares \`:global ${shown}\` elsewhere, ` +
            `but a global is visible only after \`:global ${shown}\` in the same or an enclosing block. ` +
            `RouterOS accepts the script and looks the name up only when it runs.`
          : `\`$${r.name}\` is never declared (\`:local\`, \`:global\` or a loop variable). RouterOS accepts ` +
            `the script and looks the name up only when it runs; declare it so it names a known variable.`;
      const edit = fromWindows
        ? fromWindows.edits.get(r.start)
        : declareEdit(ctx.parse.root, ctx.text, eol, { start: r.start, name: shown }, children);
      ctx.report({
        start: r.start,
        end: r.end,
        message,
        ...(edit ? { fix: { title: `Declare it: \`:global ${shown}\``, edits: [edit], safe: false } } : {}),
      });
    }
  },
};
