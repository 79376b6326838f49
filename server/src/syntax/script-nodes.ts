// The node classes a script has on every line (arguments of global commands, expressions, variables,
// brackets), made small because a big script keeps them all alive while it is linted: a 10 MB script was
// about 20 bytes of heap per byte of script, mostly these nodes as object literals. Each class keeps
// `kind` (and what never varies) on its prototype, writes its optional fields in its constructor (a field
// added to an object literal afterwards went to a separate property array: 44,000 of them per MB of
// script), and derives what follows from other fields. See ARCHITECTURE.md, "Decisions worth knowing":
// never copy these nodes by spreading them.
import type {
  ArgNode,
  ArrayItem,
  ArrayNode,
  BinaryNode,
  CodeNode,
  CommandNode,
  ControlParts,
  Expression,
  ParenNode,
  PathNode,
  PositionalArg,
  Statement,
  SubstitutionNode,
  UnaryNode,
  VariableNode,
} from './ast';
import { controlParts } from './global-commands';

function onPrototype(cls: { prototype: object }, values: Record<string, unknown>): void {
  for (const [k, value] of Object.entries(values))
    Object.defineProperty(cls.prototype, k, { value, enumerable: true });
}

/**
 * An unnamed argument that is exactly its value (the parser makes it only then): its range is the value's,
 * read through it, so one field instead of four. incremental.ts moves the value, which moves the argument.
 */
export class ValuePositionalArg implements PositionalArg {
  declare readonly kind: 'positionalArg';
  constructor(public value: Expression) {}

  get start(): number {
    return this.value.start;
  }

  get end(): number {
    return this.value.end;
  }
}
onPrototype(ValuePositionalArg, { kind: 'positionalArg' });

/**
 * `left op right`. Its start is a field, though it is always its left operand's: `"a" . "b" . ...`, or an
 * opened `(` that takes in the rest of a file, nests thousands of levels to the left, and a derived start
 * read through all of them made every lookup by offset down the chain quadratic (a `(` typed into a
 * 10,000-line export took seconds, then overflowed the stack).
 */
export class BinaryExpr implements BinaryNode {
  declare readonly kind: 'binary';
  declare right?: Expression;
  public start: number;
  constructor(
    public end: number,
    public operator: string,
    public operatorStart: number,
    public left: Expression,
    right: Expression | undefined,
  ) {
    this.start = left.start;
    if (right) this.right = right;
  }
}
onPrototype(BinaryExpr, { kind: 'binary' });

/**
 * `$name` (not the quoted form `$"name"`, which stays an object literal): it ends where its name does
 * (incremental.ts moves only its start).
 */
export class VariableRef implements VariableNode {
  declare readonly kind: 'variable';
  declare readonly quoted: false;
  constructor(
    public start: number,
    /** The name as written after the `$`. */
    public name: string,
  ) {}

  get end(): number {
    return this.start + 1 + this.name.length;
  }
}
onPrototype(VariableRef, { kind: 'variable', quoted: false });

export class ParenExpr implements ParenNode {
  declare readonly kind: 'paren';
  declare expression?: Expression;
  constructor(
    public start: number,
    public end: number,
    public closed: boolean,
    expression: Expression | undefined,
  ) {
    if (expression) this.expression = expression;
  }
}
onPrototype(ParenExpr, { kind: 'paren' });

export class UnaryExpr implements UnaryNode {
  declare readonly kind: 'unary';
  declare operand?: Expression;
  constructor(
    public start: number,
    public end: number,
    public operator: string,
    operand: Expression | undefined,
  ) {
    if (operand) this.operand = operand;
  }
}
onPrototype(UnaryExpr, { kind: 'unary' });

/**
 * What `[ ... ]` and `{ ... }` values share: their statements kept as none, the only one, or an array of
 * two or more. Most hold one statement (`[ :len $v ]`, `do={ :set x 1 }`), and an array for one was 56
 * bytes kept alive with the tree.
 */
abstract class BracketedStatements {
  private stmtData: Statement | Statement[] | undefined;
  constructor(
    public start: number,
    public end: number,
    statements: Statement[],
    public closed: boolean,
  ) {
    this.stmtData =
      statements.length === 0 ? undefined : statements.length === 1 ? statements[0] : statements;
  }

  /** The statements, as an array; new on each read when there are fewer than two: read it once per use. */
  get statements(): Statement[] {
    const d = this.stmtData;
    return d === undefined ? [] : Array.isArray(d) ? d : [d];
  }
}

/** `[ command ]` */
export class SubstitutionExpr extends BracketedStatements implements SubstitutionNode {
  declare readonly kind: 'substitution';
}
onPrototype(SubstitutionExpr, { kind: 'substitution' });

/** `{ code }` as a value */
export class CodeExpr extends BracketedStatements implements CodeNode {
  declare readonly kind: 'code';
}
onPrototype(CodeExpr, { kind: 'code' });

export class ArrayExpr implements ArrayNode {
  declare readonly kind: 'array';
  constructor(
    public start: number,
    public end: number,
    public items: ArrayItem[],
    public closed: boolean,
  ) {}
}
onPrototype(ArrayExpr, { kind: 'array' });

export class ArrayItemNode implements ArrayItem {
  declare readonly kind: 'arrayItem';
  declare key?: Expression;
  declare value?: Expression;
  constructor(
    public start: number,
    public end: number,
    key: Expression | undefined,
    value: Expression | undefined,
  ) {
    if (key) this.key = key;
    if (value) this.value = value;
  }
}
onPrototype(ArrayItemNode, { kind: 'arrayItem' });

/**
 * A global command (`:local`, `:put` ...; isGlobal true) or a call (`$f x`, `[...] x`; isGlobal false, see
 * CallCommand). Control commands (`:if`, `:foreach` ...) are ControlCommands.
 */
export class GlobalCommand implements CommandNode {
  declare readonly kind: 'command';
  declare readonly isGlobal: boolean;
  declare path?: PathNode;
  declare unknown?: boolean;
  declare callee?: Expression;
  constructor(
    public start: number,
    public end: number,
    public name: string,
    public nameStart: number,
    public nameEnd: number,
    public menu: string[],
    args: ArgNode[],
    path: PathNode | undefined,
    unknown: boolean,
    callee: Expression | undefined,
  ) {
    this.argData = packArgs(args);
    if (path) this.path = path;
    if (unknown) this.unknown = true;
    if (callee) this.callee = callee;
  }

  /**
   * The arguments: none, the only one, or an array of two or more (see args). Most global commands have
   * one or two arguments, and an array for one was 56 bytes kept alive with the tree.
   */
  private argData: ArgNode | ArgNode[] | undefined;

  /** The arguments, as an array; new on each read when there are fewer than two: read it once per use. */
  get args(): ArgNode[] {
    const d = this.argData;
    return d === undefined ? [] : Array.isArray(d) ? d : [d];
  }

  set args(args: ArgNode[]) {
    this.argData = packArgs(args);
  }

  /** The structured parts of a control command (see ControlCommand); none for the others. */
  get control(): ControlParts | undefined {
    return undefined;
  }
}
onPrototype(GlobalCommand, { kind: 'command', isGlobal: true });

function packArgs(args: ArgNode[]): ArgNode | ArgNode[] | undefined {
  return args.length === 0 ? undefined : args.length === 1 ? args[0] : args;
}

/**
 * `:if`, `:while`, `:for`, `:foreach`, `:do`, `:onerror`, `:retry`: `control` is made from the arguments
 * on each read (controlParts), new each time, holding the argument's own value nodes; read it once per
 * use. Kept as an object, it and the slot it took outside the command (it was added after the arguments
 * were parsed) were about 100 bytes per control command kept alive with the tree.
 */
export class ControlCommand extends GlobalCommand {
  override get control(): ControlParts {
    return controlParts(this);
  }
}

/** A call: `$f x=1`, `($Fns->"a") "b"`, `[:parse "..."] x=1`. */
export class CallCommand extends GlobalCommand {}
onPrototype(CallCommand, { isGlobal: false });
