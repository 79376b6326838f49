// What every editor feature takes (a document's text and its one parse) and the indexes they share, built
// lazily once per parse: the scope model, the config names, line starts and the current menu at an offset.
import { analyzeNames, type NamesModel } from '../analysis/names';
import { scopeModel, type ScopeModel } from '../analysis/scopes';
import type { Node, ParseResult, Statement, Token } from '../syntax';
import { childrenOf, memoOn } from '../syntax';
import { LineIndex } from '../text/line-index';

/** The input of the feature functions: the text and the parse the linter already made of it. */
export interface FeatureDoc {
  readonly text: string;
  readonly parse: ParseResult;
}

// Kept on the parse result itself (see memoOn for why not in a WeakMap).
const NAMES = Symbol('names model');
const LINES = Symbol('line index');

export function scopesOf(doc: FeatureDoc): ScopeModel {
  // Shared with the lint rules, so the first request after an edit finds the model already built.
  return scopeModel(doc.parse.root);
}

export function namesOf(doc: FeatureDoc): NamesModel {
  return memoOn(doc.parse, NAMES, (p) => analyzeNames(p.root));
}

/** 1-based line number of an offset (for "declared on line N" in hovers and completion details). */
export function lineOf(doc: FeatureDoc, offset: number): number {
  // The server's index of this text when it has one (LineIndex.of keeps the last), else one made here.
  return memoOn(doc.parse, LINES, () => LineIndex.of(doc.text)).lineAt(offset) + 1;
}

/** Index of the last token starting before `offset` (or at it when `offset` is 0); -1 for none. */
export function tokenBefore(tokens: readonly Token[] | ParseResult, offset: number): number {
  const list = Array.isArray(tokens) ? undefined : (tokens as ParseResult);
  const at = (i: number): Token => (list ? list.tokenAt(i) : (tokens as readonly Token[])[i]);
  let lo = 0;
  let hi = (list ? list.tokenCount : (tokens as readonly Token[]).length) - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at(mid).start < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function statementsOf(n: Node): readonly Statement[] | undefined {
  if (n.kind === 'script' || n.kind === 'block' || n.kind === 'code' || n.kind === 'substitution')
    return n.statements;
  return undefined;
}

/**
 * The menu a new statement at `offset` would run in: the last menu line before it in the same list of
 * statements, else the menu of an enclosing `/menu { ... }` block, else the menu around the enclosing code.
 */
export function menuAt(doc: FeatureDoc, offset: number): string[] {
  // The chain of containers from the root down to the innermost one holding the offset.
  const chain: Node[] = [];
  let cur: Node = doc.parse.root;
  for (;;) {
    if (statementsOf(cur)) chain.push(cur);
    const next: Node | undefined = childrenOf(cur).find((c) => c.start < offset && offset <= c.end);
    if (!next) break;
    // A closed container ends at its closing bracket; a cursor right after `}` is outside it.
    if (statementsOf(next) && next.end === offset && 'closed' in next && next.closed) break;
    cur = next;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const c = chain[i];
    const stmts = statementsOf(c) ?? [];
    for (let k = stmts.length - 1; k >= 0; k--) {
      const s = stmts[k];
      // Skip the statement being written at the offset and everything after it.
      if (s.start >= offset || offset <= s.end) continue;
      if (s.kind === 'menu') return [...s.menu];
    }
    if (c.kind === 'block' && c.menu) return [...c.menu];
  }
  return [];
}
