// Document outline, workspace-symbol entries and folding ranges. Menu lines are namespaces holding the
// commands written under them; `:global`/`:local` variables and functions are symbols (a function's own
// declarations nest inside it); blocks, runs of commands under a menu line and comment runs fold.
import type { ArgNode, CommandNode, Expression, Node, Statement } from '../syntax';
import { appendAll, argValueText, childrenOf, memoOn } from '../syntax';
import { namesOf, type FeatureDoc } from './context';
import { NAME_KIND_LABEL } from '../analysis/names';

export type SymbolKind = 'namespace' | 'method' | 'variable' | 'function' | 'constant';

export interface DocSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The whole construct. */
  start: number;
  end: number;
  /** The name to select. */
  selectionStart: number;
  selectionEnd: number;
  children: DocSymbol[];
}

/** Arguments that best identify an item in an outline, in order of preference. */
const KEY_ARGS = ['name', 'chain', 'list', 'action', 'address', 'interface', 'comment'];

function commandSummary(c: CommandNode): string {
  const parts: string[] = [];
  for (const key of KEY_ARGS) {
    const a = c.args.find(
      (x): x is ArgNode & { kind: 'namedArg' } => x.kind === 'namedArg' && x.name === key,
    );
    if (!a) continue;
    const v = argValueText(a) ?? '…';
    parts.push(`${key}=${v.length > 40 ? `${v.slice(0, 39)}…` : v}`);
    if (parts.length >= 3) break;
  }
  return parts.join(' ');
}

function nestedStatements(n: Node): Statement[][] {
  // Code values (`do={...}`) and blocks inside a command, in order.
  const out: Statement[][] = [];
  const stack: Node[] = [...childrenOf(n)].reverse();
  while (stack.length > 0) {
    const x = stack.pop() as Node;
    if (x.kind === 'code' || x.kind === 'block') {
      out.push(x.statements);
      continue;
    }
    if (x.kind === 'command' || x.kind === 'substitution') continue;
    const kids = childrenOf(x);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

function declarationName(
  c: CommandNode,
): { name: string; start: number; end: number; value?: Expression } | undefined {
  const pos = c.args.filter((a) => a.kind === 'positionalArg');
  const first = pos[0];
  if (!first || first.kind !== 'positionalArg' || first.value.kind !== 'literal') return undefined;
  const v = first.value;
  const name = v.type === 'string' ? v.string?.value : v.text;
  if (name === undefined) return undefined;
  const second = pos[1];
  return {
    name,
    start: v.start,
    end: v.end,
    value: second && second.kind === 'positionalArg' ? second.value : undefined,
  };
}

/** The outline of a document. Linear in the tree (recursion depth follows the nesting of the code). */
export function getDocumentSymbols(doc: FeatureDoc): DocSymbol[] {
  return listSymbols(doc.parse.root.statements, 0);
}

function listSymbols(stmts: readonly Statement[], depth: number): DocSymbol[] {
  const out: DocSymbol[] = [];
  if (depth > 200) return out; // Absurd nesting: stop rather than exhaust the stack.
  let ns: DocSymbol | undefined;
  for (const s of stmts) {
    if (s.kind === 'menu') {
      ns = {
        name: `/${s.menu.join(' ')}`,
        kind: 'namespace',
        start: s.start,
        end: s.end,
        selectionStart: s.path.start,
        selectionEnd: s.path.end,
        children: [],
      };
      out.push(ns);
      continue;
    }
    if (s.kind === 'block') {
      const inner = listSymbols(s.statements, depth + 1);
      if (s.menu && s.path) {
        out.push({
          name: `/${s.menu.join(' ')}`,
          kind: 'namespace',
          start: s.start,
          end: s.end,
          selectionStart: s.path.start,
          selectionEnd: s.path.end,
          children: inner,
        });
      } else appendAll(ns ? ns.children : out, inner);
      if (ns) ns.end = Math.max(ns.end, s.end);
      continue;
    }
    if (s.kind !== 'command') continue;
    const into = ns && !(s.path && s.path.absolute) ? ns : undefined;
    const dest = into ? into.children : out;
    if (into) into.end = Math.max(into.end, s.end);
    if (s.isGlobal && (s.name === 'local' || s.name === 'global')) {
      const d = declarationName(s);
      const inner = nestedStatements(s).flatMap((l) => listSymbols(l, depth + 1));
      if (d) {
        const isFn = s.args.some((a) => a.kind === 'namedArg' && a.name === 'do') || d.value?.kind === 'code';
        dest.push({
          name: d.name,
          detail: `${s.name}${isFn ? ' function' : ''}`,
          kind: isFn ? 'function' : 'variable',
          start: s.start,
          end: s.end,
          selectionStart: d.start,
          selectionEnd: d.end,
          children: inner,
        });
      } else appendAll(dest, inner);
      continue;
    }
    if (s.isGlobal || s.callee) {
      // Control flow (`:if`, `:foreach` ...): no symbol of its own, but declarations inside it show.
      appendAll(
        dest,
        nestedStatements(s).flatMap((l) => listSymbols(l, depth + 1)),
      );
      continue;
    }
    const name = s.path && s.path.absolute ? `/${s.menu.join(' ')} ${s.name}` : s.name;
    dest.push({
      name,
      detail: commandSummary(s) || undefined,
      kind: 'method',
      start: s.start,
      end: s.end,
      selectionStart: s.nameStart,
      selectionEnd: s.nameEnd,
      children: nestedStatements(s).flatMap((l) => listSymbols(l, depth + 1)),
    });
  }
  return out;
}

/** A flat symbol for workspace search: globals, functions and the config names a file defines. */
export interface FlatSymbol {
  name: string;
  kind: SymbolKind;
  start: number;
  end: number;
  container?: string;
}

const WORKSPACE_SYMBOLS = Symbol('workspaceSymbols');

/**
 * Cached per parse, on the parse (see memoOn): the workspace-symbol handler asks for every open document
 * on each query.
 */
export function getWorkspaceSymbols(doc: FeatureDoc): FlatSymbol[] {
  return memoOn(doc.parse, WORKSPACE_SYMBOLS, () => workspaceSymbols(doc));
}

function workspaceSymbols(doc: FeatureDoc): FlatSymbol[] {
  const out: FlatSymbol[] = [];
  const visit = (list: DocSymbol[], container?: string): void => {
    for (const s of list) {
      if (s.kind === 'function' || s.kind === 'variable' || s.kind === 'namespace') {
        out.push({ name: s.name, kind: s.kind, start: s.selectionStart, end: s.selectionEnd, container });
      }
      visit(s.children, s.kind === 'namespace' || s.kind === 'function' ? s.name : container);
    }
  };
  visit(getDocumentSymbols(doc));
  const seen = new Set<string>();
  for (const site of namesOf(doc).sites) {
    if (site.role !== 'definition') continue;
    const key = `${site.kind}\0${site.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      name: site.name,
      kind: 'constant',
      start: site.start,
      end: site.end,
      container: NAME_KIND_LABEL[site.kind],
    });
  }
  return out;
}

/** Case-insensitive subsequence match, the way editors filter symbol lists. */
export function matchesQuery(name: string, query: string): boolean {
  if (!query) return true;
  const n = name.toLowerCase();
  let i = 0;
  for (const c of query.toLowerCase()) {
    i = n.indexOf(c, i);
    if (i < 0) return false;
    i++;
  }
  return true;
}

export interface FoldRange {
  start: number;
  end: number;
  kind?: 'comment' | 'region';
}

/** Folding ranges in offsets; the LSP layer turns them into lines (and drops one-line ranges). */
export function getFoldingRanges(doc: FeatureDoc): FoldRange[] {
  const out: FoldRange[] = [];
  const text = doc.text;
  // Brackets that span lines: blocks, code values, arrays, substitutions.
  const stack: Node[] = [doc.parse.root];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (n.kind === 'block' || n.kind === 'code' || n.kind === 'array' || n.kind === 'substitution') {
      if (text.slice(n.start, n.end).includes('\n')) out.push({ start: n.start, end: n.end });
    }
    if (n.kind === 'script' || n.kind === 'block' || n.kind === 'code' || n.kind === 'substitution') {
      // A menu line and the commands under it, up to the next menu line.
      const st = n.statements;
      for (let i = 0; i < st.length; i++) {
        if (st[i].kind !== 'menu') continue;
        let j = i + 1;
        while (j < st.length && st[j].kind !== 'menu') j++;
        if (j - 1 > i) out.push({ start: st[i].start, end: st[j - 1].end, kind: 'region' });
      }
    }
    appendAll(stack, childrenOf(n));
  }
  // Runs of comment lines.
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  let prevLineEnd = -2;
  // forEachToken rather than `tokens`: folding is asked for after every edit, and only comments matter.
  doc.parse.forEachToken((kind, tStart, tEnd) => {
    if (kind !== 'comment') return;
    const lineStart = text.lastIndexOf('\n', tStart - 1) + 1;
    const onlyComment = /^[ \t]*$/.test(text.slice(lineStart, tStart));
    if (!onlyComment) return;
    if (prevLineEnd >= 0 && /^\r?\n[ \t]*$/.test(text.slice(prevLineEnd, tStart))) {
      runEnd = tEnd;
      count++;
    } else {
      if (count >= 2) out.push({ start: runStart, end: runEnd, kind: 'comment' });
      runStart = tStart;
      runEnd = tEnd;
      count = 1;
    }
    prevLineEnd = tEnd;
  });
  if (count >= 2) out.push({ start: runStart, end: runEnd, kind: 'comment' });
  return out.sort((a, b) => a.start - b.start);
}
