// Public face of the syntax layer: parse, tokenize, tree walking and small helpers later layers need.
// Nothing here knows about schemas, files or editors.
import type { ArgNode, Expression, Node, Statement, Token } from './ast';
import { parseScript, type ParseOptions, type ParseResult } from './parser';

export * from './ast';
export * from './strings';
export { classifyWord } from './parser';
export type { CommandOracle, ParseOptions, ParseResult } from './parser';
export { abbreviatingOracle } from './parser';

/** Parses a whole script. Never throws; always terminates; linear in the input length. */
export function parse(text: string, options?: ParseOptions): ParseResult {
  return parseScript(text, options);
}

/** The tokens of a script (every character in exactly one token). */
export function tokenize(text: string): Token[] {
  return parseScript(text).tokens;
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
      out.push(...node.statements);
      break;
    case 'script':
    case 'substitution':
    case 'code':
      out.push(...node.statements);
      break;
    case 'menu':
      add(node.path);
      break;
    case 'command':
      add(node.path);
      add(node.callee);
      out.push(...node.args);
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
      out.push(...node.items);
      break;
    case 'arrayItem':
      add(node.key);
      add(node.value);
      break;
    case 'concat':
      out.push(...node.parts);
      break;
    default:
      break;
  }
  return out;
}

/** Visits `node` and its descendants depth-first. Returning false from `visit` skips a node's children. */
export function walk(node: Node, visit: (n: Node, parent: Node | undefined) => void | false): void {
  // An explicit stack: deeply nested input must not overflow the call stack.
  const stack: [Node, Node | undefined][] = [[node, undefined]];
  while (stack.length > 0) {
    const [n, parent] = stack.pop() as [Node, Node | undefined];
    if (visit(n, parent) === false) continue;
    const kids = childrenOf(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], n]);
  }
}

/**
 * The path of nodes from `root` to the innermost node containing `offset` (start <= offset <= end, so a
 * cursor at the end of a word still finds it).
 */
export function findNodeAt(root: Node, offset: number): Node[] {
  const path: Node[] = [root];
  let cur: Node = root;
  for (;;) {
    const next: Node | undefined = childrenOf(cur).find((c) => c.start <= offset && offset <= c.end);
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
