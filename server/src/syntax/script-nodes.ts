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
/** BinaryExpr's `packed`: the operator's index in OPERATORS (6 bits), its end less the operator's start
 * (11 bits) and the operator's start less the node's (14 bits), 31 bits in all: a small integer. */
const OP_BITS = 6;
const END_BITS = 11;
const MAX_OP = (1 << OP_BITS) - 1;
const MAX_END_REL = (1 << END_BITS) - 1;
const MAX_OP_REL = (1 << (31 - OP_BITS - END_BITS)) - 1;

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
 * 10,000-line export took seconds, then overflowed the stack). The operator, where it starts and where
 * the node ends (both relative, so they move with `start`) share one small integer, `packed`: four
 * fields instead of six. Make it with `make`: a node whose numbers do not fit is a WideBinaryExpr.
 */
export class BinaryExpr implements BinaryNode {
  declare readonly kind: 'binary';
  declare right?: Expression;
  public start: number;
  /** (operatorStart - start) << 17 | (end - operatorStart) << 6 | the operator's index in OPERATORS. */
  protected packed: number;
  protected constructor(
    packed: number,
    public left: Expression,
    right: Expression | undefined,
  ) {
    this.start = left.start;
    this.packed = packed;
    if (right) this.right = right;
  }

  static make(
    end: number,
    operator: string,
    operatorStart: number,
    left: Expression,
    right: Expression | undefined,
  ): BinaryExpr {
    const opRel = operatorStart - left.start;
    const endRel = end - operatorStart;
    const op = operatorId(operator);
    return opRel >= 0 && opRel <= MAX_OP_REL && endRel >= 0 && endRel <= MAX_END_REL && op <= MAX_OP
      ? new BinaryExpr(((opRel << END_BITS) | endRel) * (MAX_OP + 1) + op, left, right)
      : new WideBinaryExpr(end, operator, operatorStart, left, right);
  }

  get operator(): string {
    return OPERATORS[this.packed & MAX_OP];
  }

  get operatorStart(): number {
    return this.start + (this.packed >>> (OP_BITS + END_BITS));
  }

  get end(): number {
    const p = this.packed;
    return this.start + (p >>> (OP_BITS + END_BITS)) + ((p >>> OP_BITS) & MAX_END_REL);
  }
}
onPrototype(BinaryExpr, { kind: 'binary' });

/** A BinaryExpr whose numbers do not fit its `packed` (a 16 KB left operand): they are fields. */
export class WideBinaryExpr extends BinaryExpr {
  private opStart: number;
  private endAt: number;
  private readonly op: string;
  constructor(
    end: number,
    operator: string,
    operatorStart: number,
    left: Expression,
    right: Expression | undefined,
  ) {
    super(0, left, right);
    this.opStart = operatorStart;
    this.endAt = end;
    this.op = operator;
  }

  override get operator(): string {
    return this.op;
  }

  override get operatorStart(): number {
    return this.opStart;
  }

  override get end(): number {
    return this.endAt;
  }

  /** Moves the operator's start and the end (incremental.ts; a BinaryExpr's move with `start`). */
  moveOperator(delta: number): void {
    this.opStart += delta;
    this.endAt += delta;
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

/** What `(...)`, `[...]`, `{...}` and `{a;b}` values share: a start, and their end with `closed` (endClosed). */
abstract class Bracketed {
  /** See endClosed. */
  private endClosed: number;
  constructor(
    public start: number,
    end: number,
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

export class ParenExpr extends Bracketed implements ParenNode {
  declare readonly kind: 'paren';
  declare expression?: Expression;
  constructor(start: number, end: number, closed: boolean, expression: Expression | undefined) {
    super(start, end, closed);
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
abstract class BracketedStatements extends Bracketed {
  private stmtData: Statement | Statement[] | undefined;
  constructor(start: number, end: number, statements: Statement[], closed: boolean) {
    super(start, end, closed);
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

export class ArrayExpr extends Bracketed implements ArrayNode {
  declare readonly kind: 'array';
  constructor(
    start: number,
    end: number,
    public items: ArrayItem[],
    closed: boolean,
  ) {
    super(start, end, closed);
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
 * An array item without a key that is exactly its value (`{"a"; "b"}`; the parser makes it only then): its
 * range is the value's, read through it, so one field instead of four (as ValuePositionalArg).
 * incremental.ts moves the value, which moves the item.
 */
export class ValueArrayItem implements ArrayItem {
  declare readonly kind: 'arrayItem';
  declare readonly key?: Expression;
  constructor(public value: Expression) {}

  get start(): number {
    return this.value.start;
  }

  get end(): number {
    return this.value.end;
  }
}
onPrototype(ValueArrayItem, { kind: 'arrayItem' });

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
  /** end * 2, plus 1 when the name is written with its `:` (see nameEnd). */
  private endColon: number;
  /** `nameEnd`: where the name as written ends, `:` included (`:local`, `local`). */
  constructor(
    public start: number,
    end: number,
    public name: string,
    nameEnd: number,
    public menu: string[],
    args: ArgNode[],
    path: PathNode | undefined,
    unknown: boolean,
    callee: Expression | undefined,
  ) {
    this.argData = args.length === 0 ? undefined : args.length <= 2 ? args[0] : args;
    this.argMore = args.length === 2 ? args[1] : undefined;
    this.endColon = end * 2 + (nameEnd - start - name.length === 1 ? 1 : 0);
    if (path) this.path = path;
    if (unknown) this.unknown = true;
    if (callee) this.callee = callee;
  }

  get end(): number {
    return this.endColon >> 1;
  }

  set end(end: number) {
    this.endColon = end * 2 + (this.endColon & 1);
  }

  get nameStart(): number {
    return this.start;
  }

  /** Where the name as written ends: after the `:` (when written) and the name. */
  get nameEnd(): number {
    return this.start + (this.endColon & 1) + this.name.length;
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

/**
 * A call: `$f x=1`, `($Fns->"a") "b"`, `[:parse "..."] x=1`. Its name (`$f`, or `$` for another callee)
 * is not what is written, so where it ends is a field.
 */
export class CallCommand extends GlobalCommand {
  private calleeEnd: number;
  constructor(
    start: number,
    end: number,
    name: string,
    nameEnd: number,
    menu: string[],
    callee: Expression | undefined,
  ) {
    super(start, end, name, nameEnd, menu, [], undefined, false, callee);
    this.calleeEnd = nameEnd;
  }

  override get nameEnd(): number {
    return this.calleeEnd;
  }

  /** Moves the name's end (incremental.ts; the rest of the name's range follows `start`). */
  moveName(delta: number): void {
    this.calleeEnd += delta;
  }
}
onPrototype(CallCommand, { isGlobal: false });
