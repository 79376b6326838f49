// Public face of the syntax layer: parse, tokenize, tree walking and small helpers later layers need.
// Nothing here knows about schemas, files or editors.
import type { ArgNode, CommandNode, Expression, Node, Statement, Token } from './ast';
import type { ParseOptions } from './command-oracle';
import { AtomNamedArg, MenuCommand } from './nodes';
import { parseScript } from './parser';
import type { ParseResult } from './tokens';

export * from './ast';
export * from './strings';
export { classifyWord } from './words';
export type { CommandOracle, ParseOptions } from './command-oracle';
export type { ParseResult } from './tokens';
export { abbreviatingOracle } from './command-oracle';
export { reparse, type ReparseStats } from './incremental';
export { mentions } from './mentions';
export { parseWindows } from './windows';

/**
 * A command's arguments read without making their nodes: the command when all its arguments are
 * `name=` atoms kept as numbers (see AtomArgStore in nodes.ts), else undefined.
 */
export interface StoredArgs {
  storedArgCount(): number;
  storedArgName(i: number): string;
  /** What argValueText gives for argument `i`. */
  storedArgValueText(i: number): string;
}

export function storedArgs(cmd: CommandNode): StoredArgs | undefined {
  return cmd instanceof MenuCommand && cmd.argsStored ? cmd : undefined;
}

/**
 * True for a `name=` argument whose value is one literal made anew on each read of `value` (AtomNamedArg):
 * it always has a value, and reading it costs a node. Compare such values by offsets and text.
 */
export function isAtomArg(arg: ArgNode): boolean {
  return arg instanceof AtomNamedArg;
}

/** Parses a whole script. Never throws; always terminates; linear in the input length. */
export function parse(text: string, options?: ParseOptions): ParseResult {
  return parseScript(text, options);
}

/** The tokens of a script (every character in exactly one token). */
export function tokenize(text: string): Token[] {
  return parseScript(text).tokens;
}

/**
 * Appends `items` to `out`. `out.push(...items)` passes every item as an argument, and V8 throws
 * "Maximum call stack size exceeded" from about 125,000 of them: a 150,000-line export has that many
 * statements, and a script with a typo per line that many diagnostics.
 */
export function appendAll<T>(out: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) out.push(items[i]);
}

/**
 * `make(owner)`, computed once per owner (a parse result or a tree) and kept on the owner itself under
 * `slot`, hidden (not enumerable, so tree comparisons do not see it). Not a WeakMap: V8's young-generation
 * collector keeps a WeakMap entry's value alive for as long as its key is young, garbage or not, until the
 * next full collection. Every parse's model then survived every young collection: on the 56 KB benchmark
 * the scope model alone doubled the time of parse + lint. Kept on the owner, it dies with the owner.
 */
export function memoOn<O extends object, T>(owner: O, slot: symbol, make: (owner: O) => T): T {
  const o = owner as O & Record<symbol, T | undefined>;
  let v = o[slot];
  if (v === undefined) {
    v = make(owner);
    Object.defineProperty(owner, slot, { value: v, configurable: true });
  }
  return v;
}

/** The direct children of a node, in source order. */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = [];
  const add = (n: Node | undefined): void => {
    if (n) out.push(n);
  };
  switch (node.kind) {
    case 'block':
      add(node.path);
      appendAll(out, node.statements);
      break;
    case 'script':
    case 'substitution':
    case 'code':
      appendAll(out, node.statements);
      break;
    case 'menu':
      add(node.path);
      break;
    case 'command':
      add(node.path);
      add(node.callee);
      appendAll(out, node.args);
      break;
    case 'exprStatement':
      add(node.expression);
      break;
    case 'namedArg':
    case 'positionalArg':
      add(node.value);
      break;
    case 'where':
      add(node.expression);
      break;
    case 'paren':
      add(node.expression);
      break;
    case 'unary':
      add(node.operand);
      break;
    case 'binary':
      add(node.left);
      add(node.right);
      break;
    case 'array':
      appendAll(out, node.items);
      break;
    case 'arrayItem':
      add(node.key);
      add(node.value);
      break;
    case 'concat':
      appendAll(out, node.parts);
      break;
    default:
      break;
  }
  return out;
}

/**
 * Pushes the direct children of `node` (those of childrenOf) onto `stack` in reverse source order, so
 * they pop in order; for explicit-stack traversals that should not build a child array per node.
 */
export function pushChildrenReversed(node: Node, stack: { push(n: Node): unknown }): void {
  // The same cases as childrenOf, without building an array per node: walks run over every node of big
  // files several times per lint, and those arrays were a large share of the garbage.
  switch (node.kind) {
    case 'block':
      for (let i = node.statements.length - 1; i >= 0; i--) stack.push(node.statements[i]);
      if (node.path) stack.push(node.path);
      break;
    case 'script':
    case 'substitution':
    case 'code':
      for (let i = node.statements.length - 1; i >= 0; i--) stack.push(node.statements[i]);
      break;
    case 'menu':
      stack.push(node.path);
      break;
    case 'command': {
      // Read once: a MenuCommand may make its argument nodes on each read (see AtomArgStore).
      const args = node.args;
      for (let i = args.length - 1; i >= 0; i--) stack.push(args[i]);
      if (node.callee) stack.push(node.callee);
      if (node.path) stack.push(node.path);
      break;
    }
    case 'exprStatement':
      stack.push(node.expression);
      break;
    case 'namedArg':
    case 'positionalArg':
      if (node.value) stack.push(node.value);
      break;
    case 'where':
      if (node.expression) stack.push(node.expression);
      break;
    case 'paren':
      if (node.expression) stack.push(node.expression);
      break;
    case 'unary':
      if (node.operand) stack.push(node.operand);
      break;
    case 'binary':
      if (node.right) stack.push(node.right);
      stack.push(node.left);
      break;
    case 'array':
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
      break;
    case 'arrayItem':
      if (node.value) stack.push(node.value);
      if (node.key) stack.push(node.key);
      break;
    case 'concat':
      for (let i = node.parts.length - 1; i >= 0; i--) stack.push(node.parts[i]);
      break;
    default:
      break;
  }
}

/** Visits `node` and its descendants depth-first. Returning false from `visit` skips a node's children. */
export function walk(node: Node, visit: (n: Node, parent: Node | undefined) => void | false): void {
  // An explicit stack: deeply nested input must not overflow the call stack. Parents are found by
  // keeping, next to the stack, the stack height at which each visited node's children begin.
  const stack: Node[] = [node];
  const parents: Node[] = [];
  const parentFloor: number[] = [];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    // Leave the parents whose children have all been taken off the stack.
    while (parentFloor.length > 0 && stack.length < parentFloor[parentFloor.length - 1]) {
      parentFloor.pop();
      parents.pop();
    }
    if (visit(n, parents.length > 0 ? parents[parents.length - 1] : undefined) === false) continue;
    const floor = stack.length;
    pushChildrenReversed(n, stack);
    if (stack.length > floor) {
      parents.push(n);
      parentFloor.push(floor);
    }
  }
}

/**
 * The path of nodes from `root` to the innermost node containing `offset` (start <= offset <= end, so a
 * cursor at the end of a word still finds it).
 */
/**
 * The first of `statements` (in source order, disjoint) whose range holds `offset`, by binary search: the
 * same as `find` over them, without copying or scanning a block of 50,000 statements for every lookup.
 */
function statementAt(statements: readonly Statement[], offset: number): Statement | undefined {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid].end < offset) lo = mid + 1;
    else hi = mid;
  }
  const s = statements[lo];
  return s && s.start <= offset ? s : undefined;
}

export function findNodeAt(root: Node, offset: number): Node[] {
  const path: Node[] = [root];
  let cur: Node = root;
  for (;;) {
    const next: Node | undefined =
      cur.kind === 'script' || cur.kind === 'substitution' || cur.kind === 'code'
        ? statementAt(cur.statements, offset)
        : cur.kind === 'block' && !(cur.path && cur.path.start <= offset && offset <= cur.path.end)
          ? statementAt(cur.statements, offset)
          : childrenOf(cur).find((c) => c.start <= offset && offset <= c.end);
    if (!next) return path;
    path.push(next);
    cur = next;
  }
}

/**
 * The plain value of a literal argument (a bare word, or a string without substitutions), decoded;
 * undefined when the value is computed (variables, substitutions, expressions) or missing.
 */
export function argValueText(arg: ArgNode | Expression | undefined): string | undefined {
  if (!arg) return undefined;
  if (arg instanceof AtomNamedArg) return arg.valueText; // without making the value node
  const v: Expression | undefined =
    arg.kind === 'namedArg' || arg.kind === 'positionalArg'
      ? arg.value
      : arg.kind === 'where'
        ? undefined
        : (arg as Expression);
  if (!v || v.kind !== 'literal') return undefined;
  if (v.type === 'string') return v.string && !v.string.hasInterpolation ? v.string.value : undefined;
  return v.text;
}

/** All statements of a script in source order, including those nested in blocks and code values. */
export function allStatements(root: Node): Statement[] {
  const out: Statement[] = [];
  walk(root, (n) => {
    if (n.kind === 'command' || n.kind === 'menu' || n.kind === 'block' || n.kind === 'exprStatement') {
      out.push(n);
    }
  });
  return out;
}
