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

/** Every operator a BinaryExpr has held, so that it keeps one as a small number (its index here). */
const OPERATORS: string[] = [];
const OPERATOR_IDS = new Map<string, number>();
/** Bits of BinaryExpr's `packed` that hold the operator's index; the rest hold where it starts. */
const OP_BITS = 6;
/** Past this distance from `start`, a BinaryExpr keeps its operator's start as a number of its own. */
const MAX_OP_OFFSET = 2 ** 24 - 1;

function operatorId(op: string): number {
  let id = OPERATOR_IDS.get(op);
  if (id === undefined) {
    id = OPERATORS.length;
    OPERATORS.push(op);
    OPERATOR_IDS.set(op, id);
  }
  return id;
}

/**
 * `left op right`. Its start is a field, though it is always its left operand's: `"a" . "b" . ...`, or an
 * opened `(` that takes in the rest of a file, nests thousands of levels to the left, and a derived start
 * read through all of them made every lookup by offset down the chain quadratic (a `(` typed into a
 * 10,000-line export took seconds, then overflowed the stack). The operator and where it starts (relative
 * to `start`, so it moves with it) share one small integer, `packed`: five fields instead of six. An
 * operator further than MAX_OP_OFFSET from `start` (a left operand of 16 MB) makes a WideBinaryExpr.
 */
export class BinaryExpr implements BinaryNode {
  declare readonly kind: 'binary';
  declare right?: Expression;
  public start: number;
  /** (operatorStart - start) << OP_BITS | the operator's index in OPERATORS. */
  protected packed: number;
  constructor(
    public end: number,
    operator: string,
    operatorStart: number,
    public left: Expression,
    right: Expression | undefined,
  ) {
    const start = left.start;
    this.start = start;
    const rel = operatorStart - start;
    this.packed = (rel >= 0 && rel <= MAX_OP_OFFSET ? rel << OP_BITS : 0) | operatorId(operator);
    if (right) this.right = right;
  }

  get operator(): string {
    return OPERATORS[this.packed & ((1 << OP_BITS) - 1)];
  }

  get operatorStart(): number {
    return this.start + (this.packed >>> OP_BITS);
  }

  /** A BinaryExpr whose operator starts too far from its start for `packed` (see WideBinaryExpr). */
  static make(
    end: number,
    operator: string,
    operatorStart: number,
    left: Expression,
    right: Expression | undefined,
  ): BinaryExpr {
    const rel = operatorStart - left.start;
    return rel >= 0 && rel <= MAX_OP_OFFSET
      ? new BinaryExpr(end, operator, operatorStart, left, right)
      : new WideBinaryExpr(end, operator, operatorStart, left, right);
  }
}
onPrototype(BinaryExpr, { kind: 'binary' });

/** A BinaryExpr whose operator starts more than MAX_OP_OFFSET after its start: that start is a field. */
export class WideBinaryExpr extends BinaryExpr {
  private opStart: number;
  constructor(
    end: number,
    operator: string,
    operatorStart: number,
    left: Expression,
    right: Expression | undefined,
  ) {
    super(end, operator, operatorStart, left, right);
    this.opStart = operatorStart;
  }

  override get operatorStart(): number {
    return this.opStart;
  }

  /** Moves the operator's start (incremental.ts; a BinaryExpr's moves with `start`). */
  moveOperator(delta: number): void {
    this.opStart += delta;
  }
}

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

/**
 * A node's end and whether its closer was written, in one small integer (end * 2 + 1 when closed): a text
 * is at most 2 ** 29 characters, so it stays a small integer. `end` is an accessor pair, so incremental.ts
 * moves it as a field.
 */
function endClosed(end: number, closed: boolean): number {
  return end * 2 + (closed ? 1 : 0);
}

export class ParenExpr implements ParenNode {
  declare readonly kind: 'paren';
  declare expression?: Expression;
  /** See endClosed. */
  private endClosed: number;
  constructor(
    public start: number,
    end: number,
    closed: boolean,
    expression: Expression | undefined,
  ) {
    this.endClosed = endClosed(end, closed);
    if (expression) this.expression = expression;
  }

  get end(): number {
    return this.endClosed >> 1;
  }

  set end(end: number) {
    this.endClosed = endClosed(end, (this.endClosed & 1) === 1);
  }

  get closed(): boolean {
    return (this.endClosed & 1) === 1;
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
  /** See endClosed. */
  private endClosed: number;
  constructor(
    public start: number,
    end: number,
    statements: Statement[],
    closed: boolean,
  ) {
    this.stmtData =
      statements.length === 0 ? undefined : statements.length === 1 ? statements[0] : statements;
    this.endClosed = endClosed(end, closed);
  }

  get end(): number {
    return this.endClosed >> 1;
  }

  set end(end: number) {
    this.endClosed = endClosed(end, (this.endClosed & 1) === 1);
  }

  get closed(): boolean {
    return (this.endClosed & 1) === 1;
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
  /** See endClosed. */
  private endClosed: number;
  constructor(
    public start: number,
    end: number,
    public items: ArrayItem[],
    closed: boolean,
  ) {
    this.endClosed = endClosed(end, closed);
  }

  get end(): number {
    return this.endClosed >> 1;
  }

  set end(end: number) {
    this.endClosed = endClosed(end, (this.endClosed & 1) === 1);
  }

  get closed(): boolean {
    return (this.endClosed & 1) === 1;
  }
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
 * CallCommand). Control commands (`:if`, `:foreach` ...) are ControlCommands. Its name starts where it
 * does (`:local`, `local`, `$f`, or the called value), so `nameStart` is `start`.
 */
export class GlobalCommand implements CommandNode {
  declare readonly kind: 'command';
  declare readonly isGlobal: boolean;
  declare path?: PathNode;
  declare unknown?: boolean;
  declare callee?: Expression;
  /**
   * The arguments in two fields: none (both undefined), the first and the second (undefined when there
   * is one), or, for three or more, an array of them all in the first. Most global commands have one or
   * two arguments, and an array for them was 64 bytes kept alive with the tree.
   */
  private argData: ArgNode | ArgNode[] | undefined;
  private argMore: ArgNode | undefined;
  constructor(
    public start: number,
    public end: number,
    public name: string,
    public nameEnd: number,
    public menu: string[],
    args: ArgNode[],
    path: PathNode | undefined,
    unknown: boolean,
    callee: Expression | undefined,
  ) {
    this.argData = args.length === 0 ? undefined : args.length <= 2 ? args[0] : args;
    this.argMore = args.length === 2 ? args[1] : undefined;
    if (path) this.path = path;
    if (unknown) this.unknown = true;
    if (callee) this.callee = callee;
  }

  get nameStart(): number {
    return this.start;
  }

  /** The arguments, as an array; new on each read when there are fewer than three: read it once per use. */
  get args(): ArgNode[] {
    const d = this.argData;
    if (d === undefined) return [];
    if (Array.isArray(d)) return d;
    const more = this.argMore;
    return more === undefined ? [d] : [d, more];
  }

  set args(args: ArgNode[]) {
    this.argData = args.length === 0 ? undefined : args.length <= 2 ? args[0] : args;
    this.argMore = args.length === 2 ? args[1] : undefined;
  }

  /** The structured parts of a control command (see ControlCommand); none for the others. */
  get control(): ControlParts | undefined {
    return undefined;
  }
}
onPrototype(GlobalCommand, { kind: 'command', isGlobal: true });

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
