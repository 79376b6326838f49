// The syntax tree of a RouterOS script. Every node has `kind`, `start` and `end` (string offsets into the
// document); error nodes sit inside an otherwise complete tree so editors can still work on broken lines.
import type { DecodedString } from './strings';

export type TokenKind =
  | 'whitespace'
  | 'newline'
  | 'continuation'
  | 'comment'
  | 'string'
  | 'word'
  | 'variable'
  | 'punct'
  | 'operator'
  | 'error';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

export interface SyntaxError {
  code: string;
  message: string;
  start: number;
  end: number;
  severity?: 'error' | 'warning' | 'information' | 'hint';
}

interface Base {
  start: number;
  end: number;
}

export interface ScriptNode extends Base {
  kind: 'script';
  statements: Statement[];
}

export type Statement = CommandNode | MenuNode | BlockNode | ExpressionStatement | ErrorNode;

/** One segment of a menu path as written: a name, or `..`. */
export interface PathSegment {
  text: string;
  start: number;
  end: number;
}

export interface PathNode extends Base {
  kind: 'path';
  /** True when written with a leading `/`. */
  absolute: boolean;
  segments: PathSegment[];
}

/** A line that only changes the current menu, e.g. `/ip firewall mangle`. */
export interface MenuNode extends Base {
  kind: 'menu';
  path: PathNode;
  /** The effective absolute menu after this line. */
  menu: string[];
}

/** The structured parts of `:if`, `:while`, `:for`, `:foreach`, `:do`, `:onerror`, `:retry`. */
export interface ControlParts {
  condition?: Expression;
  do?: Expression;
  else?: Expression;
  onError?: Expression;
  while?: Expression;
  from?: Expression;
  to?: Expression;
  step?: Expression;
  in?: Expression;
  command?: Expression;
  /** Loop or error variables (`:for i`, `:foreach k,v`, `:onerror e`). */
  variables?: PathSegment[];
}

export interface CommandNode extends Base {
  kind: 'command';
  /** The menu path as written before the command word (absent for a bare command). */
  path?: PathNode;
  /** The command word without `:` (e.g. `add`, `put`), or the variable name for a call (`$f`). */
  name: string;
  nameStart: number;
  nameEnd: number;
  /** True for global commands (`:put`, `:local`, `if`...), false for menu commands. */
  isGlobal: boolean;
  /**
   * For a function call: what is called, a variable (`$f 5 x=3`) or any other value that yields a function
   * (`($Fns->"hello") "world"`, `[:parse "..."] x=1`; the command's name is then `$`).
   */
  callee?: Expression;
  /** The effective absolute menu the command runs in. */
  menu: string[];
  args: ArgNode[];
  control?: ControlParts;
  /** Set when a command oracle was given and did not know the command name (RouterOS: bad command name). */
  unknown?: boolean;
}

export interface BlockNode extends Base {
  kind: 'block';
  statements: Statement[];
  closed: boolean;
  /** For `/ip address { ... }`: the menu path written before the block, and the menu it runs in. */
  path?: PathNode;
  menu?: string[];
}

export interface ExpressionStatement extends Base {
  kind: 'exprStatement';
  expression: Expression;
}

export interface ErrorNode extends Base {
  kind: 'error';
  message: string;
}

export type ArgNode = NamedArg | PositionalArg | WhereArg | ErrorNode;

export interface NamedArg extends Base {
  kind: 'namedArg';
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Absent when nothing follows the `=`. */
  value?: Expression;
}

export interface PositionalArg extends Base {
  kind: 'positionalArg';
  value: Expression;
}

export interface WhereArg extends Base {
  kind: 'where';
  /** Absent when `where` has no expression after it. */
  expression?: Expression;
}

export type LiteralType =
  | 'number'
  | 'string'
  | 'ip'
  | 'ip6'
  | 'ipPrefix'
  | 'ip6Prefix'
  | 'range'
  | 'time'
  | 'id'
  | 'bool'
  | 'mac'
  | 'word';

export type Expression =
  | LiteralNode
  | VariableNode
  | SubstitutionNode
  | ParenNode
  | UnaryNode
  | BinaryNode
  | ArrayNode
  | CodeNode
  | ConcatNode
  | ErrorNode;

export interface LiteralNode extends Base {
  kind: 'literal';
  type: LiteralType;
  /** Source text (for strings, including the quotes). */
  text: string;
  /** Decoded content, for string literals. */
  string?: DecodedString;
}

export interface VariableNode extends Base {
  kind: 'variable';
  name: string;
  /** Written as `$"name"`. */
  quoted: boolean;
}

/** `[ command ]`: runs the command and substitutes its result. */
export interface SubstitutionNode extends Base {
  kind: 'substitution';
  statements: Statement[];
  closed: boolean;
}

export interface ParenNode extends Base {
  kind: 'paren';
  expression?: Expression;
  closed: boolean;
}

export interface UnaryNode extends Base {
  kind: 'unary';
  operator: string;
  operand?: Expression;
}

export interface BinaryNode extends Base {
  kind: 'binary';
  operator: string;
  operatorStart: number;
  left: Expression;
  right?: Expression;
}

export interface ArrayItem extends Base {
  kind: 'arrayItem';
  key?: Expression;
  value?: Expression;
}

export interface ArrayNode extends Base {
  kind: 'array';
  items: ArrayItem[];
  closed: boolean;
}

/** `{ ... }` used as a value that holds code (`do={...}`). */
export interface CodeNode extends Base {
  kind: 'code';
  statements: Statement[];
  closed: boolean;
}

/** Values written next to each other without spaces, e.g. `name=ether$i`. */
export interface ConcatNode extends Base {
  kind: 'concat';
  parts: Expression[];
}

export type Node = ScriptNode | Statement | PathNode | ArgNode | Expression | ArrayItem;
